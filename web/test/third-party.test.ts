/// <reference types="node" />
// A message to a third party from the composer: the agent picks "To a third party", enters the
// supplier's address, sends without a commitment; the timeline shows it with its badge, the
// recipient and the delivery state, the relay (a real SMTP sink) receives it at the supplier's
// address, and the supplier's reply, sent over SMTP to Heard, appears as theirs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { smtpClient } from '../../server/test/helpers/smtp-client.ts';
import { SmtpSink } from '../../server/test/helpers/smtp-sink.ts';
import { csrfHeaders, type Heard, newPage, screenshot, signIn, startHeard, USERS } from './harness.ts';

const SUPPLIER = 'service@kettles.example';

describe('messages to third parties in the case view', () => {
  let heard: Heard;
  let sink: SmtpSink;

  before(async () => {
    sink = await SmtpSink.start();
    process.env.HEARD_SMTP_OUT_URL = sink.url;
    heard = await startHeard({ smtp: true });
  });
  after(async () => {
    await heard?.stop();
    await sink?.stop();
    delete process.env.HEARD_SMTP_OUT_URL;
  });

  test('written from the composer, shown on the timeline, answered by email', async () => {
    const { context, page } = await newPage(heard);
    await signIn(page, USERS.anna);
    const created = (await (
      await page.request.post('/api/v1/cases', {
        headers: await csrfHeaders(page),
        data: {
          subject: 'Kettle stopped heating',
          customer: { email: 'kate.kettle@example.com', name: 'Kate Kettle' },
          message: { body: 'My kettle stopped heating after a week.' },
        },
      })
    ).json()) as { id: string; status: string };
    await page.goto(`/cases/${created.id}`);

    const composer = page.getByTestId('composer');
    await composer.getByText('To a third party', { exact: true }).click();
    assert.equal(await page.getByTestId('commitment-panel').count(), 0, 'no commitment for a third party');
    const send = composer.getByRole('button', { name: 'Send to third party' });
    await composer.getByRole('textbox', { name: 'To a third party' }).fill('Please confirm the warranty repair.');
    await composer.getByRole('textbox', { name: /Recipient's email/ }).fill('not-an-address');
    assert.equal(await send.isDisabled(), true, 'an address is needed');
    await composer.getByRole('textbox', { name: /Recipient's email/ }).fill(SUPPLIER);
    await composer.getByRole('textbox', { name: /Recipient's name/ }).fill('Kettle Service');
    await screenshot(page, 'third-party-composer');
    // The draft keeps the recipient with the text: a reload brings back both.
    await composer.getByText('Draft saved').waitFor();
    await page.reload();
    assert.equal(await composer.getByRole('textbox', { name: /Recipient's email/ }).inputValue(), SUPPLIER);
    assert.equal(await composer.getByRole('textbox', { name: /Recipient's name/ }).inputValue(), 'Kettle Service');
    await send.click();

    const card = page.locator('[data-testid="timeline-message"][data-visibility="third-party"]');
    await card.filter({ hasText: 'Please confirm the warranty repair.' }).waitFor();
    assert.match(
      (await card.getByTestId('third-party-address').textContent()) ?? '',
      /To: Kettle Service <service@kettles\.example>/,
    );
    await card.getByText('Third party', { exact: true }).waitFor();
    await card.getByTestId('delivery-badge').and(page.locator('[data-state="sent"]')).waitFor();
    const mail = sink.received.find((received) => received.envelope.to.includes(SUPPLIER));
    assert.ok(mail, 'the relay received it');
    assert.deepEqual(mail.envelope.to, [SUPPLIER]);

    // The supplier answers the email; it lands on the case as theirs, the status stays.
    await smtpClient(heard.smtpPort!).sendMail({
      from: { name: 'Kettle Service', address: SUPPLIER },
      to: 'support@heard.test',
      subject: mail.parsed.subject!,
      inReplyTo: mail.parsed.messageId!,
      text: 'Confirmed: bring it to our centre.',
    });
    const answer = card.filter({ hasText: 'Confirmed: bring it to our centre.' });
    await answer.waitFor({ timeout: 30_000 });
    assert.match((await answer.getByTestId('third-party-address').textContent()) ?? '', /From: Kettle Service/);
    await screenshot(page, 'third-party-timeline');
    const after = (await (await page.request.get(`/api/v1/cases/${created.id}`)).json()) as { status: string };
    assert.equal(after.status, created.status);
    await context.close();
  });
});
