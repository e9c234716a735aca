import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { foldQuotedHistory } from './quote.ts';

const lines = (...all: string[]) => all.join('\n');

describe('foldQuotedHistory', () => {
  const folded: Record<string, [string, string]> = {
    'Gmail, English': [
      lines(
        'Thanks, that helped!',
        '',
        'On Mon, 2 Mar 2026 at 10:00, Heard Support <support@heard.test> wrote:',
        '> Hello,',
        '> how can we help?',
      ),
      'Thanks, that helped!',
    ],
    'an attribution wrapped over two lines': [
      lines('Thanks!', '', 'On Mon, 2 Mar 2026 at 10:00, Heard Support <', 'support@heard.test> wrote:', '', '> Hello'),
      'Thanks!',
    ],
    'Russian (Gmail)': [
      lines(
        'Спасибо!',
        '',
        'пн, 2 мар. 2026 г. в 10:00, Служба поддержки <support@heard.test>:',
        '',
        '> Здравствуйте!',
      ),
      'Спасибо!',
    ],
    'Russian (Thunderbird)': [
      lines('Спасибо!', '', '02.03.2026 10:00, Служба поддержки написал(а):', '> Здравствуйте!', '> Чем помочь?'),
      'Спасибо!',
    ],
    Polish: [
      lines('Dziękuję.', '', 'W dniu 2.03.2026 o 10:00, Obsługa <support@heard.test> napisał(a):', '> Dzień dobry'),
      'Dziękuję.',
    ],
    'Polish (Gmail, no "W dniu")': [
      lines('Dziękuję.', '', 'pon., 2 mar 2026 o 10:00 Obsługa <support@heard.test> napisała:', '> Dzień dobry'),
      'Dziękuję.',
    ],
    Romanian: [
      lines('Mulțumesc.', '', 'În lun., 2 mar. 2026 la 10:00, Suport <support@heard.test> a scris:', '> Bună ziua'),
      'Mulțumesc.',
    ],
    'Outlook "Original Message" separator': [
      lines(
        'Thanks',
        '',
        '-----Original Message-----',
        'From: Heard Support',
        'Sent: Monday, March 2, 2026 10:00 AM',
        'Subject: RE: [#42]',
        '',
        'Hello',
      ),
      'Thanks',
    ],
    'Outlook header block under a rule': [
      lines(
        'Thanks',
        '',
        '________________________________',
        'From: Heard Support <support@heard.test>',
        'Sent: Monday, March 2, 2026 10:00 AM',
        'To: Anna',
        'Subject: RE: [#42]',
        '',
        'Hello',
      ),
      'Thanks',
    ],
    'Outlook in Russian': [
      lines(
        'Спасибо',
        '',
        'От: Поддержка <support@heard.test>',
        'Отправлено: 2 марта 2026 г. 10:00',
        'Кому: Анна',
        'Тема: [#42]',
        '',
        'Добрый день',
      ),
      'Спасибо',
    ],
    'Outlook in Polish': [
      lines(
        'Dziękuję',
        '',
        'Od: Obsługa <support@heard.test>',
        'Wysłano: poniedziałek, 2 marca 2026 10:00',
        'Do: Anna',
        '',
        'Dzień dobry',
      ),
      'Dziękuję',
    ],
    'Outlook in Romanian': [
      lines(
        'Mulțumesc',
        '',
        'De la: Suport <support@heard.test>',
        'Trimis: luni, 2 martie 2026 10:00',
        'Către: Ana',
        '',
        'Bună ziua',
      ),
      'Mulțumesc',
    ],
    'a trailing ">" block without an attribution': [lines('Thanks', '', '> old', '> text', ''), 'Thanks'],
    'CRLF line ends': ['Thanks\r\n\r\nOn Mon, 2 Mar 2026, Ann <a@b.c> wrote:\r\n> Hi\r\n', 'Thanks'],
  };
  for (const [name, [text, expected]] of Object.entries(folded)) {
    test(`folds: ${name}`, () => assert.equal(foldQuotedHistory(text), expected));
  }

  const kept: Record<string, string> = {
    'an inline reply (answers between the quotes)': lines(
      'On Mon, 2 Mar 2026, Support <support@heard.test> wrote:',
      '> What is your order number?',
      '1234',
      '> And the delivery address?',
      'Main Street 1',
    ),
    'a forwarded message': lines(
      'Please see below.',
      '',
      '---------- Forwarded message ---------',
      'From: Shop <shop@example.com>',
      'Date: Mon, 2 Mar 2026 at 10:00',
      'Subject: Your order',
      '',
      'Your order has shipped.',
    ),
    'a message that is all quote': lines('> only', '> quoted'),
    'a signature': lines('Thanks', '', '-- ', 'Anna Kowalska', 'From: Warsaw, with love'),
    'a From: line in the first line': lines('From: my old address, the new one is below', 'Sent: yesterday'),
  };
  for (const [name, text] of Object.entries(kept)) {
    test(`keeps: ${name}`, () => assert.equal(foldQuotedHistory(text), text));
  }
});
