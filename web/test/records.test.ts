/// <reference types="node" />
// Account, customer records and commitments in the browser: each test here works on its own
// data (the staff login, a customer, a case it creates), apart from the agent workflow tests.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { choose, type Heard, newPage, PASSWORD, signIn, startHeard, USERS } from './harness.ts';

describe('Heard web app in Chromium: account, customers, commitments', () => {
  let heard: Heard;
  before(async () => {
    heard = await startHeard();
  });
  after(async () => {
    await heard?.stop();
  });

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
    const session = (await (await page.request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
    const headers = { 'x-csrf-token': session.csrfToken };
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
});
