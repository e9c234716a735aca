/// <reference types="node" />
// The mailboxes page against a running Heard and a real Dovecot: an admin adds a mailbox
// with a wrong password and sees why it fails, fixes the password, and the mail that was
// waiting on the server becomes a case.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Dovecot, dovecotSkipReason, startDovecot } from '../../server/test/helpers/dovecot.ts';
import { eventually, type Heard, newPage, screenshot, signIn, startHeard, USERS } from './harness.ts';

const skip = dovecotSkipReason();
if (skip) console.log(`# notice: ${skip}`);

describe('mailboxes page', { skip }, () => {
  let heard: Heard;
  let dovecot: Dovecot;

  before(async () => {
    dovecot = await startDovecot({ desk: 'desk-password' });
    heard = await startHeard();
  });
  after(async () => {
    await heard?.stop();
    await dovecot?.stop();
  });

  it('shows a failing mailbox with its error, and fetches its mail once the password is fixed', async () => {
    const subject = 'Parcel stuck in the depot since Monday';
    await dovecot.append(
      'desk',
      'INBOX',
      [
        'From: Mara Ionescu <mara.ionescu@example.ro>',
        'To: desk@heard.test',
        `Subject: ${subject}`,
        'Message-ID: <parcel-depot-1@example.ro>',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Hello, my parcel has been in the depot since Monday. Can you help?',
        '',
      ].join('\r\n'),
      ['\\Seen'],
    );
    const { context, page } = await newPage(heard);
    await signIn(page, USERS.admin);
    await page.getByRole('link', { name: 'Mailboxes' }).click();
    await page.getByRole('button', { name: 'Add mailbox' }).click();
    const form = page.locator('form');
    await form.getByLabel(/^Name/).fill('Desk');
    await form.getByLabel('IMAP server').fill(dovecot.host);
    await form.getByLabel('TLS (port 993)').uncheck();
    await form.getByLabel(/^Port/).fill(String(dovecot.port));
    await form.getByLabel('User name').fill('desk');
    await form.getByLabel(/^Password/).fill('not-the-password');
    await form.getByRole('button', { name: 'Save' }).click();

    const row = page.getByRole('row', { name: /Desk/ });
    await eventually(
      async () => {
        await page.reload();
        return (await row.getByTestId('mailbox-status').textContent()) === 'Failing';
      },
      'the failing state',
      30_000,
    );
    assert.match((await row.getByTestId('mailbox-error').textContent()) ?? '', /authentication failed/i);
    assert.doesNotMatch((await page.content()) ?? '', /not-the-password/);
    await screenshot(page, 'mailboxes-failing');

    await row.getByRole('button', { name: 'Edit' }).click();
    await form.getByLabel(/^Password/).fill('desk-password');
    await form.getByRole('button', { name: 'Save' }).click();
    await eventually(
      async () => {
        await page.reload();
        return (await row.getByTestId('mailbox-status').textContent()) === 'Working';
      },
      'the working state',
      30_000,
    );
    await screenshot(page, 'mailboxes-working');

    await page.goto('/inbox?view=all&q=depot');
    await eventually(
      async () => {
        await page.reload();
        // The list loads after the page: give it a moment before looking.
        return page
          .getByText(subject)
          .first()
          .waitFor({ timeout: 3_000 })
          .then(
            () => true,
            () => false,
          );
      },
      'the case from the mailbox',
      30_000,
    );
    await context.close();
  });
});
