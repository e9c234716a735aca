/// <reference types="node" />
// The quarantine page: a message the parser refuses (MIME parts nested deeper than the limit),
// sent over SMTP to the running server, is listed for the admin with its reason; the .eml
// downloads byte for byte as received; Reprocess sends it through ingestion again (the same
// parser refuses it again, later), and the row is back in the quarantine.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { smtpClient } from '../../server/test/helpers/smtp-client.ts';
import { eventually, heardForSuite, newPage, signIn, USERS } from './harness.ts';

const SENDER = `deep-${Date.now().toString(36)}@nested.example`;

/** A message nested 40 MIME levels deep: accepted by SMTP, refused by the parser (limit 20). */
function deeplyNested(): string {
  let body = 'the end';
  for (let depth = 0; depth < 40; depth++) {
    body = `Content-Type: multipart/mixed; boundary="d${depth}"\r\n\r\n--d${depth}\r\n${body}\r\n--d${depth}--`;
  }
  return `From: ${SENDER}\r\nTo: support@heard.test\r\nSubject: Deep\r\nMIME-Version: 1.0\r\n${body}\r\n`;
}

interface Listed {
  id: string;
  state: string;
  envelopeFrom: string | null;
  processedAt: string | null;
}

describe('the quarantine page', () => {
  const heard = heardForSuite({ smtp: true });

  test('lists a quarantined message with its reason, downloads its .eml, reprocesses it', async () => {
    const raw = deeplyNested();
    await smtpClient(heard.smtpPort!).sendMail({ envelope: { from: SENDER, to: ['support@heard.test'] }, raw });

    const { context, page } = await newPage(heard);
    await signIn(page, USERS.admin);
    const quarantined = async () =>
      (
        (await (await page.request.get('/api/v1/admin/quarantine?state=quarantined')).json()) as { items: Listed[] }
      ).items.find((item) => item.envelopeFrom === SENDER);
    await eventually(async () => (await quarantined()) !== undefined, 'the message to be quarantined', 30_000);
    const first = (await quarantined())!;

    await page.goto('/admin/quarantine');
    await page.getByRole('heading', { name: 'Inbound mail: quarantine' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: SENDER });
    await row.getByText('MIME parts nested deeper than 20 levels').waitFor();
    await row.getByText('(no subject)').waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('link', { name: '.eml' }).click(),
    ]);
    const saved = await readFile((await download.path())!);
    assert.ok(saved.equals(Buffer.from(raw)), 'the .eml is the message exactly as received');

    await row.getByRole('button', { name: 'Reprocess' }).click();
    // Once reprocessed, the list no longer holds it until ingestion has refused it again.
    await eventually(async () => {
      const again = await quarantined();
      return again !== undefined && again.processedAt! > first.processedAt!;
    }, 'the message to be ingested again');
    assert.equal((await quarantined())!.id, first.id, 'the same record, never a copy');
    await page.reload();
    await page.getByRole('row').filter({ hasText: SENDER }).getByRole('button', { name: 'Reprocess' }).waitFor();
    await context.close();
  });
});
