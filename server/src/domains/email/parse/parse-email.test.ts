// The parser's decoding: every charset mail clients use, RFC 2047 splits, multipart shapes,
// automatic mail, malformed mail (the limits and the worker pool: parse-pool.test.ts).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { fixture, message, reason } from './parse.fixtures.ts';
import { closeEmailParser, EmailParserPool, parseEmail } from './parse-email.ts';
import type { ParsedEmail } from './parsed.ts';

async function parsed(name: string): Promise<ParsedEmail> {
  const result = await parseEmail(fixture(name));
  assert.ok(result.ok, result.ok ? '' : result.failure.reason);
  return result.email;
}

after(closeEmailParser);

describe('charsets decoded to exact text', () => {
  const expected: Record<string, string> = {
    'koi8-r':
      'Здравствуйте! Мой заказ не пришёл, верните деньги.\nСъешь же ещё этих мягких французских булок, да выпей чаю.\n',
    'windows-1251': 'Добрий день! Замовлення №42 — де воно?\nҐанок, їжак, єнот, «лапки». Ещё: Ёлка.\n',
    'iso-8859-2': 'Zażółć gęślą jaźń. Proszę o zwrot pieniędzy.\nPříliš žluťoučký kůň úpěl ďábelské ódy.\n',
    'windows-1250': 'Dzień dobry — zamówienie „123” nie dotarło.\nŁódź, Śląsk, Żółw… dziękuję.\n',
    'iso-8859-16': 'Bună ziua! Țară, șir, Ștefan Țuțuianu - mulțumesc.\nÎnvățătoarea a cerut „înapoi” banii.\n',
    'utf-8': 'Привет, Zażółć gęślą jaźń, Țară și școală, 日本語, emoji 🎉.\n',
  };
  for (const [charset, text] of Object.entries(expected)) {
    test(charset, async () => {
      const email = await parsed(`charset-${charset}.eml`);
      assert.equal(email.text, text);
      assert.deepEqual(email.charsets, [charset]);
      assert.equal(email.subject, `Charset ${charset}`);
      assert.equal(email.messageId, `<charset-${charset}@example.com>`);
      assert.deepEqual(email.from, { address: 'customer@example.com', name: 'Customer' });
      assert.equal(email.date, '2026-03-03T08:00:00.000Z');
      assert.equal(email.kind, 'human');
      assert.equal(email.sha256.length, 64);
    });
  }

  test('an unlabeled 8-bit windows-1251 body and raw 8-bit subject', async () => {
    const email = await parsed('unlabeled-8bit.eml');
    assert.equal(email.subject, 'Не работает доставка');
    assert.equal(
      email.text,
      'Добрый день! Курьер не приехал, заказ №77 до сих пор не доставлен.\nПожалуйста, проверьте.\n',
    );
    assert.deepEqual(email.charsets, []);
  });

  test('an unencoded UTF-8 display name in From and Cc, body in windows-1251', async () => {
    const email = await parsed('from-8bit-utf8.eml');
    assert.deepEqual(email.from, { address: 'oleg@example.ru', name: 'Олег Петров' });
    assert.deepEqual(email.cc, [{ address: 'lukasz@example.pl', name: 'Łukasz Żółkiewski' }]);
    assert.equal(email.subject, 'Заказ 123');
    assert.equal(email.text, 'Заказ не пришёл.\n');
  });

  test('an unencoded display name in the declared charset (not UTF-8) falls back to it', async () => {
    const email = await parsed('from-8bit-koi8.eml');
    assert.deepEqual(email.from, { address: 'oleg@example.ru', name: 'Олег Петров' });
    assert.equal(email.text, 'Заказ не пришёл.\n');
  });

  test('KOI8-R labelled us-ascii', async () => {
    const email = await parsed('mislabeled-ascii-koi8.eml');
    assert.equal(email.text, 'Здравствуйте, мне пришёл не тот товар. Прошу заменить.\n');
    assert.deepEqual(email.charsets, ['us-ascii']);
  });

  test('UTF-8 labelled ISO-8859-1', async () => {
    const email = await parsed('mislabeled-latin1-utf8.eml');
    assert.equal(email.text, 'Bună ziua, comanda mea nu a sosit. Mulțumesc!\n');
  });

  test('windows-1251 labelled ISO-8859-1 (old Russian mailers) is read as Cyrillic', async () => {
    const email = await parsed('mislabeled-latin1-cp1251.eml');
    assert.equal(email.text, 'Здравствуйте! Прошу вернуть деньги за заказ, товар пришёл разбитым.\n');
  });

  test('real ISO-8859-1 keeps its label', async () => {
    const email = await parsed('charset-iso-8859-1.eml');
    assert.equal(email.text, "Grüße aus Köln! Ça va? Où est ma commande, s'il vous plaît? Señor Müller, ÄÖÜ äöüß.\n");
  });

  test('a text part without a charset takes the one declared on its multipart', async () => {
    const email = await parsed('charset-on-parent.eml');
    assert.equal(email.text, 'Proszę o zwrot: źle wysłany towar, żółty zamiast różowego.');
  });

  test('RFC 2047 headers: a character split across words, KOI8-R, ISO-8859-2, ISO-8859-16, windows-1251', async () => {
    const email = await parsed('rfc2047-headers.eml');
    assert.equal(email.subject, 'Заказ №5 — ÿПривет and șț');
    assert.deepEqual(email.from, { address: 'ivan@example.ru', name: 'Иван Петров' });
    assert.deepEqual(email.to, [{ address: 'support@heard.test', name: 'Pomoc techniczna ąćę' }]);
  });
});

describe('RFC 2047 splits', () => {
  test('a word split inside a base64 quantum and a character, words without a space, a quoted name', async () => {
    const email = await parsed('rfc2047-broken-splits.eml');
    assert.equal(email.subject, 'Zażółć gęślą jaźńabżabał');
    assert.deepEqual(email.from, { address: 'lukasz@example.pl', name: 'Łukasz Żak' });
    assert.deepEqual(email.to, [{ address: 'joao@example.com', name: 'João' }]);
  });
});

describe('multipart shapes', () => {
  test('alternative: the text part, the HTML (safe as it is), addresses and threading headers', async () => {
    const email = await parsed('multipart-alternative.eml');
    assert.equal(email.text, 'Dzień dobry, paczka nie dotarła.');
    assert.equal(email.html, '<p>Dzień dobry, <b>paczka</b> nie dotarła.</p>');
    assert.deepEqual(email.from, { address: 'anna.kowalska@example.pl', name: 'Anna Kowalska' });
    assert.deepEqual(email.replyTo, { address: 'anna.private@example.pl', name: '' });
    assert.deepEqual(email.to, [
      { address: 'support@heard.test', name: 'Support' },
      { address: 'bob@example.com', name: '' },
    ]);
    assert.deepEqual(email.cc, [{ address: 'ion@example.ro', name: 'Ion Popescu' }]);
    assert.equal(email.inReplyTo, '<case-1@heard.test>');
    assert.deepEqual(email.references, ['<case-0@heard.test>', '<case-1@heard.test>']);
    assert.deepEqual(email.attachments, []);
  });

  test('mixed: an attachment with an RFC 2231 file name', async () => {
    const email = await parsed('multipart-mixed.eml');
    assert.equal(email.text, 'Invoice attached.');
    assert.equal(email.attachments.length, 1);
    const [pdf] = email.attachments;
    assert.equal(pdf!.filename, 'faktura żółw.pdf');
    assert.equal(pdf!.contentType, 'application/pdf');
    assert.equal(pdf!.inline, false);
    assert.equal(pdf!.contentId, null);
    assert.equal(Buffer.from(pdf!.content).toString('latin1'), '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  });

  test('related: an inline image by Content-ID, text derived from the HTML', async () => {
    const email = await parsed('multipart-related.eml');
    assert.equal(email.text, 'See the broken part:');
    assert.equal(email.attachments.length, 1);
    const [image] = email.attachments;
    // Sanitized in the parser, the inline image pointing at the attachment it becomes.
    assert.equal(email.html, `<p>See the broken part:</p><img src="/api/v1/attachments/${image!.id}" />`);
    assert.deepEqual(
      { ...image, content: Buffer.from(image!.content).subarray(0, 4).toString('latin1') },
      {
        id: image!.id,
        filename: 'photo.png',
        contentType: 'image/png',
        contentId: 'photo1@example.pl',
        inline: true,
        content: '\x89PNG',
      },
    );
  });

  test('nested: mixed > alternative > related, windows-1251, a text attachment is not the body', async () => {
    const email = await parsed('multipart-nested.eml');
    assert.equal(email.text, 'Фото в приложении.');
    const logo = email.attachments.find((attachment) => attachment.contentId === 'logo');
    assert.equal(email.html, `<p>Фото в приложении.</p><img src="/api/v1/attachments/${logo!.id}" />`);
    assert.deepEqual(
      email.attachments.map(({ filename, contentType, contentId, inline }) => ({
        filename,
        contentType,
        contentId,
        inline,
      })),
      [
        { filename: 'attachment-1.png', contentType: 'image/png', contentId: 'logo', inline: true },
        { filename: 'notes.txt', contentType: 'text/plain', contentId: null, inline: false },
      ],
    );
    assert.deepEqual(email.charsets, ['windows-1251']);
  });

  test('HTML only: text derived from it, paragraphs kept, no hard wrapping', async () => {
    const email = await parsed('html-only.eml');
    assert.equal(email.text, 'Zamówienie nr 7 jest uszkodzone.\n\nPozdrawiam,\nAnna');
    assert.equal(email.textWithoutQuote, email.text);
  });

  test('the HTML is sanitized by the parser; HTML over the limit is kept as a file, not shown', async () => {
    const html = (body: string) =>
      message('Content-Type: text/html; charset=utf-8', `<p onclick="steal()">Hi</p><script>steal()</script>${body}`);
    const result = await parseEmail(html(''));
    assert.ok(result.ok);
    assert.equal(result.email.html, '<p>Hi</p>');

    const pool = new EmailParserPool({ size: 1, limits: { maxHtmlChars: 1000 } });
    try {
      const large = `<p>${'row '.repeat(300)}</p>`;
      const over = await pool.parse(html(large));
      assert.ok(over.ok);
      assert.equal(over.email.html, null, 'not shown');
      const [file] = over.email.attachments;
      assert.equal(file?.filename, 'message.html');
      assert.equal(file?.contentType, 'text/html');
      assert.equal(
        Buffer.from(file!.content).toString('utf8'),
        `<p onclick="steal()">Hi</p><script>steal()</script>${large}`,
      );
      assert.match(over.email.text, /^Hi\s+row row/, 'its text is still read');
    } finally {
      await pool.close();
    }
  });
});

describe('automatic mail', () => {
  test('a standard DSN: bounce, the original Message-ID from the message/rfc822 part', async () => {
    const email = await parsed('dsn-standard.eml');
    assert.equal(email.kind, 'bounce');
    assert.equal(email.kindReason, 'multipart/report; report-type=delivery-status');
    assert.deepEqual(email.bouncedMessageIds, ['<reply-42@heard.test>']);
  });

  test('a DSN quoting only the headers (text/rfc822-headers)', async () => {
    const email = await parsed('dsn-headers-only.eml');
    assert.equal(email.kind, 'bounce');
    assert.deepEqual(email.bouncedMessageIds, ['<reply-43@heard.test>']);
  });

  test('a delayed-delivery DSN is automatic but not a bounce', async () => {
    const email = await parsed('dsn-delayed.eml');
    assert.equal(email.kind, 'auto-reply');
    assert.deepEqual(email.bouncedMessageIds, []);
  });

  test('non-standard bounces: qmail from MAILER-DAEMON, Exchange from postmaster', async () => {
    const qmail = await parsed('bounce-qmail.eml');
    assert.equal(qmail.kind, 'bounce');
    assert.deepEqual(qmail.bouncedMessageIds, ['<reply-45@heard.test>']);
    const exchange = await parsed('bounce-exchange.eml');
    assert.equal(exchange.kind, 'bounce');
    assert.deepEqual(exchange.bouncedMessageIds, ['<reply-46@heard.test>']);
  });

  test('a delay warning from MAILER-DAEMON is automatic but not a bounce', async () => {
    const email = await parsed('bounce-delay-warning.eml');
    assert.equal(email.kind, 'auto-reply');
    assert.equal(email.kindReason, 'From: mailer-daemon@mx.example.com, a delivery delay notice');
    assert.deepEqual(email.bouncedMessageIds, []);
  });

  const autoReplies: Record<string, RegExp> = {
    'auto-submitted.eml': /^Auto-Submitted: auto-replied/,
    'auto-x-autoreply.eml': /^x-autoreply: yes$/,
    'auto-precedence.eml': /^Precedence: auto_reply$/,
    'auto-subject-en.eml': /^vacation subject: Out of Office/,
    'auto-subject-ru.eml': /^vacation subject: Автоответ/,
    'auto-subject-pl.eml': /^vacation subject: Nieobecność/,
    'auto-subject-ro.eml': /^vacation subject: Răspuns automat/,
  };
  for (const [name, why] of Object.entries(autoReplies)) {
    test(`auto-reply: ${name}`, async () => {
      const email = await parsed(name);
      assert.equal(email.kind, 'auto-reply');
      assert.match(email.kindReason ?? '', why);
    });
  }

  test('a customer forwarding a bounce is human', async () => {
    const email = await parsed('human-forwarded-bounce.eml');
    assert.equal(email.kind, 'human');
    assert.match(email.text, /^Why did my mail to you bounce\?/);
  });

  test('Auto-Submitted: no, Precedence: list and a reply to an auto-reply are human', async () => {
    const email = await parsed('human-auto-submitted-no.eml');
    assert.equal(email.kind, 'human');
    assert.equal(email.kindReason, null);
  });
});

describe('malformed mail', () => {
  test('no headers at all: the whole message is the text', async () => {
    const email = await parsed('malformed-no-headers.eml');
    assert.equal(email.text, 'Just a line of text, no headers at all.\nSecond line.\n');
    assert.equal(email.messageId, null);
    assert.equal(email.from, null);
    assert.equal(email.date, null);
  });

  test('a bare Message-ID gets its angle brackets; an unreadable Date is no date (not "now")', async () => {
    const result = await parseEmail(
      message('Message-ID: bare-id@example.com\r\nIn-Reply-To: other@example.com\r\nDate: Pn, 29 paX 2007 21:13', 'x'),
    );
    assert.ok(result.ok);
    assert.equal(result.email.messageId, '<bare-id@example.com>');
    assert.equal(result.email.inReplyTo, '<other@example.com>');
    assert.equal(result.email.date, null);
  });

  test('a boundary that never appears: the body is kept as text', async () => {
    const email = await parsed('malformed-broken-boundary.eml');
    assert.match(email.text, /The boundary never appears, and the closing one is missing too\.$/);
  });

  test('an unclosed multipart still gives its parts', async () => {
    const email = await parsed('malformed-unclosed.eml');
    assert.equal(email.text, 'Text part that is never closed.');
    assert.equal(email.html, '<p>Text part that is never closed.</p>\n');
  });

  test('nesting deeper than the limit is refused', async () => {
    assert.equal(
      reason(await parseEmail(fixture('malformed-deeply-nested.eml'))),
      'MIME parts nested deeper than 20 levels',
    );
  });

  test('a header block over the limit is refused', async () => {
    const huge = message(`Subject: huge\r\nX-Filler: ${'x'.repeat(600 * 1024)}`, 'body');
    assert.match(reason(await parseEmail(huge)), /^MIME structure over a limit/);
  });

  test('too many parts, too many attachments', async () => {
    const parts = (count: number, part: string) =>
      message(
        'Content-Type: multipart/mixed; boundary="P"',
        `${Array.from({ length: count }, () => `--P\r\n${part}\r\n`).join('')}--P--\r\n`,
      );
    assert.equal(reason(await parseEmail(parts(600, 'Content-Type: text/plain\r\n\r\nx'))), 'more than 500 MIME parts');
    const attachment =
      'Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="a.bin"\r\n\r\nx';
    assert.equal(reason(await parseEmail(parts(250, attachment))), 'more than 200 attachments');
  });
});
