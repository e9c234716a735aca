import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCaseEmail, type CaseEmail, caseSubject, parseMailbox, textToHtml } from './outbound.ts';

const email = (overrides: Partial<CaseEmail> = {}): CaseEmail => ({
  desk: { name: 'Acme Support', address: 'support@acme.test' },
  authorName: 'Anna',
  to: 'emily@example.com',
  cc: [],
  caseNumber: 1234,
  caseSubject: 'Broken kettle',
  caseToken: '[#1234-abcdef0123]',
  language: 'en',
  messageId: '<message-1@acme.test>',
  thread: { inReplyTo: undefined, references: [] },
  text: 'Hello',
  attachments: [],
  ...overrides,
});

describe('outbound email builder', () => {
  it('turns text into escaped HTML: paragraphs, line breaks, links without trailing punctuation', () => {
    assert.equal(
      textToHtml('Hi <b>Emily</b> & co,\r\nsee https://x.test/a?b=1&c=2.\n\n\nBye "now"'),
      '<p>Hi &lt;b&gt;Emily&lt;/b&gt; &amp; co,<br>\nsee <a href="https://x.test/a?b=1&amp;c=2">https://x.test/a?b=1&amp;c=2</a>.</p>\n' +
        '<p>Bye &quot;now&quot;</p>',
    );
    assert.equal(
      textToHtml('javascript:alert(1) and "https://x.test/"'),
      '<p>javascript:alert(1) and &quot;<a href="https://x.test/">https://x.test/</a>&quot;</p>',
    );
  });

  it('keeps one Re: and one token in the subject', () => {
    assert.equal(caseSubject('Broken kettle', '[#12-ab]'), 'Re: Broken kettle [#12-ab]');
    assert.equal(caseSubject('RE: Fwd: re:  Broken   kettle [#12-ab]', '[#12-ab]'), 'Re: Broken kettle [#12-ab]');
    assert.equal(caseSubject('Broken kettle [#12]', '[#12-ab]'), 'Re: Broken kettle [#12-ab]');
    assert.equal(caseSubject('Re: Broken kettle', '[#12-ab]', false), 'Broken kettle [#12-ab]');
  });

  it('writes to a third party without "Re:" first, with it once they answered', () => {
    const first = buildCaseEmail(email({ audience: 'third-party', to: 'service@repairs.test' }));
    assert.equal(first.subject, 'Broken kettle [#1234-abcdef0123]');
    assert.match(first.text, /Our reference: case #1234\./);
    const answer = buildCaseEmail(
      email({ audience: 'third-party', thread: { inReplyTo: '<p1@repairs.test>', references: ['<p1@repairs.test>'] } }),
    );
    assert.equal(answer.subject, 'Re: Broken kettle [#1234-abcdef0123]');
    assert.equal(buildCaseEmail(email()).subject, 'Re: Broken kettle [#1234-abcdef0123]');
  });

  it('reads the desk address in the forms HEARD_MAIL_FROM takes', () => {
    assert.deepEqual(parseMailbox('Acme Support <support@acme.test>'), {
      name: 'Acme Support',
      address: 'support@acme.test',
    });
    assert.deepEqual(parseMailbox('"Acme, Inc." <support@acme.test>'), {
      name: 'Acme, Inc.',
      address: 'support@acme.test',
    });
    assert.deepEqual(parseMailbox('support@acme.test'), { name: '', address: 'support@acme.test' });
  });

  it('puts the footer last in both parts, the reference line in the message language, and trims long References', () => {
    const references = Array.from({ length: 30 }, (_, i) => `<r${i}@x.test>`);
    const mail = buildCaseEmail(
      email({
        language: 'pl',
        footer: { text: 'Next step: courier, Friday', html: '<p class="footer">Next step</p>' },
        thread: { inReplyTo: '<r29@x.test>', references },
        automatic: 'auto-replied',
      }),
    );
    assert.ok(mail.text.endsWith('\n\nNext step: courier, Friday'));
    assert.match(mail.text, /Twoje zgłoszenie nr 1234\./);
    assert.ok(mail.html!.endsWith('<p class="footer">Next step</p>\n</body></html>'));
    assert.equal(mail.references!.length, 20);
    assert.equal(mail.references![0], '<r0@x.test>');
    assert.equal(mail.references!.at(-1), '<r29@x.test>');
    assert.deepEqual(mail.headers, { 'Auto-Submitted': 'auto-replied' });
    assert.deepEqual(mail.from, { name: 'Anna', address: 'support@acme.test' });
    const system = buildCaseEmail(email({ authorName: null }));
    assert.deepEqual(system.from, { name: 'Acme Support', address: 'support@acme.test' });
    assert.equal(system.headers, undefined);
    assert.equal(system.inReplyTo, undefined);
  });
});
