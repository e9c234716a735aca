/// <reference types="node" />
// The delivery state of an emailed reply in the case view: Heard sends through a real SMTP
// relay on loopback; a reply the relay accepts shows "Sent", one it refuses for good shows
// "Not delivered" with the relay's answer. The badge changes without reloading the page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { SmtpSink } from '../../server/test/helpers/smtp-sink.ts';
import { csrfHeaders, type Heard, newPage, PLAN_LABELS, setNextStep, signIn, startHeard, USERS } from './harness.ts';

const REFUSED = 'nobody@refused.example';

describe('email delivery state in the case view', () => {
  let heard: Heard;
  let sink: SmtpSink;

  before(async () => {
    sink = await SmtpSink.start();
    sink.refusedRecipients.add(REFUSED);
    // The server inherits the environment: its relay is the sink.
    process.env.HEARD_SMTP_OUT_URL = sink.url;
    heard = await startHeard();
  });
  after(async () => {
    await heard?.stop();
    await sink?.stop();
    delete process.env.HEARD_SMTP_OUT_URL;
  });

  async function replyOnNewCase(page: Page, customerEmail: string, text: string) {
    const csrf = await csrfHeaders(page);
    const created = (await (
      await page.request.post('/api/v1/cases', {
        headers: csrf,
        data: {
          subject: 'Where is my parcel?',
          customer: { email: customerEmail, name: 'Sam Parcel' },
          message: { body: 'Hello, my parcel has not arrived.' },
        },
      })
    ).json()) as { id: string };
    await page.goto(`/cases/${created.id}`);
    await page.getByRole('textbox', { name: 'Reply to customer' }).fill(text);
    await setNextStep(page, PLAN_LABELS.en, 'The courier calls you and we confirm the time');
    await page.getByRole('button', { name: 'Send reply' }).click();
    return page.getByTestId('timeline-message').filter({ hasText: text }).getByTestId('delivery-badge');
  }

  test('a delivered reply shows Sent; a refused one shows Not delivered with the reason', async () => {
    const { context, page } = await newPage(heard);
    await signIn(page, USERS.anna);

    const sent = await replyOnNewCase(
      page,
      'sam.parcel@example.com',
      'Thank you for waiting. The courier calls today.',
    );
    await sent.and(page.locator('[data-state="sent"]')).waitFor();
    assert.equal(await sent.textContent(), 'Sent');
    assert.ok(sink.received.some((mail) => mail.envelope.to.includes('sam.parcel@example.com')));

    const refused = await replyOnNewCase(page, REFUSED, 'Thank you for waiting. The courier calls tomorrow.');
    await refused.and(page.locator('[data-state="failed"]')).waitFor();
    assert.equal(await refused.textContent(), 'Not delivered');
    await refused.hover();
    await page.getByRole('tooltip').filter({ hasText: '550' }).waitFor();
    await context.close();
  });
});
