/// <reference types="node" />
// Account, customer records and commitments in the browser: each test here works on its own
// data (the staff login, a customer, a case it creates), apart from the agent workflow tests.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  choose,
  csrfHeaders,
  eventually,
  heardForSuite,
  newPage,
  PASSWORD,
  PLAN_LABELS,
  screenshot,
  setNextStep,
  signIn,
  USERS,
} from './harness.ts';

/** The decoded text/plain part of an .eml file (single-part or multipart; base64 or quoted-printable). */
function decodedEmail(raw: string): string {
  const lines = raw.split(/\r?\n/);
  const start = lines.findIndex((line) => /^content-type:\s*text\/plain/i.test(line));
  if (start === -1) return raw;
  let cursor = start;
  while (lines[cursor] !== '') cursor++;
  const headers = lines.slice(start, cursor).join('\n');
  const end = lines.findIndex((line, index) => index > cursor && line.startsWith('--'));
  const body = lines.slice(cursor + 1, end === -1 ? undefined : end).join('\n');
  if (/content-transfer-encoding:\s*base64/i.test(headers)) return Buffer.from(body, 'base64').toString('utf8');
  if (!/content-transfer-encoding:\s*quoted-printable/i.test(headers)) return body;
  const bytes = body
    .replace(/=\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

describe('Heard web app in Chromium: account, customers, commitments', () => {
  const heard = heardForSuite();

  test('a user changes their password from the account menu; the old one stops working', async () => {
    const { context, page } = await newPage(heard);
    await signIn(page, 'staff@demo.heard.test');
    await page.getByTestId('account-menu').click();
    await page.getByRole('menuitem', { name: 'Change password' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change password' });
    await dialog.getByLabel('Current password').fill(PASSWORD);
    await dialog.getByLabel('New password').fill('staff-new-password');
    await dialog.getByLabel('Repeat the password').fill('staff-new-password');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Your password has been changed' }).waitFor();
    const login = (password: string) =>
      page.request.post('/api/v1/auth/login', { data: { email: 'staff@demo.heard.test', password } });
    assert.equal((await login(PASSWORD)).status(), 401);
    assert.equal((await login('staff-new-password')).status(), 200);
    await context.close();
  });

  test('a customer’s contact details are edited on the customer page', async () => {
    const { context, page } = await newPage(heard);
    await signIn(page, USERS.anna);
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('heading', { name: 'Customers' }).waitFor();
    await page
      .getByRole('link', { name: /Emily Carter/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Edit details' }).click();
    const form = page.getByTestId('customer-edit');
    await form.getByLabel('Phone').fill('+44 20 7946 0123');
    await form.getByLabel('Country').fill('gb');
    await form.getByLabel('Other email addresses').fill('emily.work@example.co.uk');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByText('+44 20 7946 0123').waitFor();
    await page.getByText('GB', { exact: true }).waitFor();
    await page.getByText('emily.work@example.co.uk').waitFor();
    await context.close();
  });

  test('the case shows its commitment: what happens next, by when, with whom', async () => {
    const { context, page } = await newPage(heard);
    await signIn(page, USERS.anna);
    const headers = await csrfHeaders(page);
    const created = (await (
      await page.request.post('/api/v1/cases', {
        headers,
        data: {
          subject: 'Where is my sofa?',
          customer: { email: 'sofa@example.com', name: 'Sam Sofa' },
          message: { body: 'Hello, my sofa has not arrived.' },
        },
      })
    ).json()) as { id: string };
    await page.goto(`/cases/${created.id}`);
    const line = page.getByTestId('case-commitment');
    await line.getByText('Next: We reply to your request').waitFor();
    await line.getByText(/with Anna Agent/).waitFor();
    const set = await page.request.put(`/api/v1/cases/${created.id}/commitment`, {
      headers,
      data: { nextStep: 'Send us the delivery note', waitingOn: 'customer' },
    });
    assert.equal(set.status(), 200);
    await page.reload();
    await line.getByText('Next: Send us the delivery note').waitFor();
    await line.getByText(/waiting on the customer/).waitFor();

    // The inbox can put the next promised date first; each row says by when.
    await page.goto('/inbox');
    await page.getByTestId('case-row').first().waitFor();
    await choose(page, 'Order', 'Next promised date first');
    await page.waitForURL(/sort=due/);
    await page
      .getByTestId('case-row')
      .first()
      .getByTestId('case-row-due')
      .filter({ hasText: /by |overdue since / })
      .waitFor();
    await context.close();
  });

  test('an agent sets the next step beside the reply; the customer’s email ends with the footer in their language; escalation', async () => {
    const { context, page } = await newPage(heard);
    await signIn(page, USERS.anna);
    const csrf = await csrfHeaders(page);
    const created = (await (
      await page.request.post('/api/v1/cases', {
        headers: csrf,
        data: {
          subject: 'Диван не доставлен',
          customer: { email: 'divan@example.ru', name: 'Олег Диванов', locale: 'ru' },
          message: { body: 'Здравствуйте, диван до сих пор не доставили.' },
        },
      })
    ).json()) as { id: string; number: number };
    await page.goto(`/cases/${created.id}`);
    const box = page.getByRole('textbox', { name: 'Reply to customer' });
    await eventually(() => box.isEnabled(), 'the composer to load');
    await box.fill('Здравствуйте, Олег! Меня зовут Анна. Я проверила заказ: диван на складе перевозчика.');
    const send = page.getByRole('button', { name: 'Send reply' });
    assert.equal(await send.isDisabled(), true, 'no next step yet: nothing to send');
    await setNextStep(page, PLAN_LABELS.en, 'Мы согласуем с перевозчиком дату доставки и сообщим вам');
    await choose(page, 'Who acts', 'waiting on a third party');
    await page.getByTestId('commitment-basis').waitFor();
    await screenshot(page, 'composer-commitment-panel');
    await send.click();
    const footer = page.getByTestId('timeline-message').getByTestId('message-footer').first();
    await footer.getByText(/Что дальше: Мы согласуем с перевозчиком дату доставки и сообщим вам/).waitFor();
    await page
      .getByTestId('case-commitment')
      .getByText(/waiting on a third party/)
      .waitFor();

    // The email the customer receives (no relay configured: written to mail-out/) ends with the footer.
    const outbox = join(heard.dataDir, 'mail-out');
    let email = '';
    await eventually(async () => {
      const files = await readdir(outbox).catch(() => [] as string[]);
      for (const file of files.filter((name) => name.startsWith('_message-'))) {
        const text = decodedEmail(await readFile(join(outbox, file), 'utf8'));
        if (text.includes('Мы согласуем с перевозчиком')) email = text;
      }
      return email !== '';
    }, 'the reply to be emailed');
    assert.match(email, /Что дальше: Мы согласуем с перевозчиком дату доставки и сообщим вам/);
    assert.match(email, /Вашим обращением занимается Anna Agent/);
    assert.match(email, /вы можете обратиться выше — Senior agent: Sofia Ionescu/);
    assert.match(email, new RegExp(`Обращение №${created.number}`));

    // Going higher: the case moves to the next rung, and its person owns it.
    await page.getByRole('button', { name: 'Escalate' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: /Why escalate/ }).fill('The customer asked for a manager twice');
    await dialog.getByRole('button', { name: 'Escalate' }).click();
    await page.getByTestId('case-owner').getByText('Sofia Ionescu').waitFor();
    await page
      .getByTestId('timeline')
      .getByText(/escalated the case to Senior agent \(Sofia Ionescu\)/)
      .waitFor();
    await context.close();
  });
});
