/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  choose,
  csrfHeaders,
  eventually,
  heardForSuite,
  newPage,
  PHONE,
  PLAN_LABELS,
  screenshot,
  setNextStep,
  signIn,
  USERS,
} from './harness.ts';

/** Opens the first case of the current inbox list and returns its subject. */
async function openFirstCase(page: Page): Promise<string> {
  const row = page.getByTestId('case-row').first();
  await row.waitFor();
  await row.click();
  const subject = page.getByTestId('case-subject');
  await subject.waitFor();
  return (await subject.textContent()) ?? '';
}

async function searchFor(page: Page, box: string, word: string, subject: string): Promise<void> {
  await page.getByRole('searchbox', { name: box }).fill(word);
  const rows = page.getByTestId('case-row');
  await eventually(
    async () => (await rows.count()) === 1 && ((await rows.first().textContent()) ?? '').includes(subject),
    `exactly one search hit for "${word}"`,
  );
}

async function handOver(
  page: Page,
  labels: { open: string; colleague: string; note: string },
  to: RegExp,
  note: string,
) {
  await page.getByRole('button', { name: labels.open }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await choose(page, labels.colleague, to);
  await dialog.getByRole('textbox', { name: labels.note }).fill(note);
  await dialog.getByRole('button', { name: labels.open }).click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('Heard web app in Chromium', () => {
  const heard = heardForSuite();

  test('English: sign in, open a case, reply, hand over, search', async () => {
    const { context, page } = await newPage(heard);
    await signIn(page, USERS.anna);
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    await page.getByRole('tab', { name: 'My cases', selected: true }).waitFor();
    await page.getByTestId('case-row').first().waitFor();
    await screenshot(page, 'inbox-desktop-en');

    const subject = await openFirstCase(page);
    const word = `quokka${Date.now().toString(36)}`;
    const reply = `Thank you for waiting.\nThe courier (${word}) will call you tomorrow before noon.`;
    await page.getByRole('textbox', { name: 'Reply to customer' }).fill(reply);
    await setNextStep(page, PLAN_LABELS.en, 'We confirm the courier’s time slot and write to you');
    await page.getByTestId('commitment-basis').waitFor();
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByTestId('timeline').getByText(`The courier (${word})`).waitFor();

    await handOver(
      page,
      { open: 'Hand over', colleague: 'Colleague', note: 'Note for your colleague' },
      /Piotr Nowak/,
      'Courier promised for tomorrow; please confirm with the customer.',
    );
    await page.getByTestId('case-owner').getByText('Piotr Nowak').waitFor();
    await page
      .getByTestId('timeline')
      .getByText(/handed the case over to Piotr Nowak/)
      .waitFor();
    await screenshot(page, 'case-desktop-en');

    await page.getByRole('link', { name: 'Back to inbox' }).click();
    await page.getByRole('tab', { name: 'All' }).click();
    await searchFor(page, 'Search cases', word, subject);
    await context.close();
  });

  test('signed out: wrong password, password reset request and a stale set-password link', async () => {
    const { context, page } = await newPage(heard, { locale: 'pl-PL' });
    await page.goto('/inbox');
    await page.waitForURL(/\/login/);
    // No choice and no user yet: the browser's language (Polish) applies.
    await page.getByRole('heading', { name: 'Logowanie' }).waitFor();
    await page.locator('input[name="email"]').fill(USERS.anna);
    await page.locator('input[name="password"]').fill('not-the-password');
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.getByRole('alert').getByText('Nieprawidłowy e-mail lub hasło').waitFor();

    await page.getByRole('button', { name: 'Nie pamiętasz hasła?' }).click();
    await page.getByRole('button', { name: 'Wyślij link' }).click();
    await page.getByRole('status').waitFor();

    await page.goto('/set-password?token=stale-token-0123456789');
    await page.getByLabel('Nowe hasło').fill('a-brand-new-password');
    await page.getByLabel('Powtórz hasło').fill('a-brand-new-password');
    await page.getByRole('button', { name: 'Zapisz hasło i zaloguj się' }).click();
    await page
      .getByRole('alert')
      .getByText(/Ten link wygasł/)
      .waitFor();
    await context.close();
  });

  test('the composer keeps a draft across reloads and sends an attachment', async () => {
    const { context, page } = await newPage(heard);
    await signIn(page, USERS.anna);
    await openFirstCase(page);
    const box = page.getByRole('textbox', { name: 'Reply to customer' });
    const text = `Draft ${Date.now()}: the replacement ships on Monday.`;
    await box.fill(text);
    await page.getByText('Draft saved').waitFor();
    await page.reload();
    await eventually(async () => (await box.inputValue()) === text, 'the draft to come back after a reload');

    await page.locator('input[type="file"]').setInputFiles({
      name: 'delivery-note.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Delivery note NW-0001\n'),
    });
    await page
      .getByTestId('composer')
      .getByText(/delivery-note\.txt/)
      .waitFor();
    await setNextStep(page, PLAN_LABELS.en, 'We check the delivery note and reply');
    await page.getByRole('button', { name: 'Send reply' }).click();
    const sent = page.getByTestId('timeline-message').filter({ hasText: text });
    await sent.getByRole('link', { name: /delivery-note\.txt/ }).waitFor();
    assert.equal(await box.inputValue(), '');
    await page.reload();
    await page.getByTestId('timeline').getByText(text).waitFor();
    await eventually(() => box.isEnabled(), 'the composer to load its draft');
    assert.equal(await box.inputValue(), '', 'the sent reply is no longer a draft');
    await context.close();
  });

  test('Russian: choose the language, then reply, hand over and search', async () => {
    const { context, page } = await newPage(heard);
    await page.goto('/login');
    await choose(page, 'Language', 'Русский');
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    await signIn(page, USERS.piotr, 'Войти');
    // Piotr's own locale is Polish, but the explicit choice wins.
    await page.getByRole('heading', { name: 'Входящие' }).waitFor();
    await page.getByRole('tab', { name: 'Мои обращения', selected: true }).waitFor();

    const subject = await openFirstCase(page);
    const word = `шифр${Date.now().toString().slice(-6)}`;
    const reply = `Спасибо, что подождали. Курьер (${word}) позвонит вам завтра до полудня.`;
    await page.getByRole('textbox', { name: 'Ответ клиенту' }).fill(reply);
    await setNextStep(page, PLAN_LABELS.ru, 'Курьер позвонит вам завтра до полудня');
    await page.getByRole('button', { name: 'Отправить ответ' }).click();
    await page.getByTestId('timeline').getByText(reply).waitFor();

    await handOver(
      page,
      { open: 'Передать', colleague: 'Коллега', note: 'Заметка для коллеги' },
      /Anna Agent/,
      'Курьер обещан на завтра; пожалуйста, подтвердите у клиента.',
    );
    await page.getByTestId('case-owner').getByText('Ответственный: Anna Agent').waitFor();
    await page
      .getByTestId('timeline')
      .getByText(/теперь им занимается Anna Agent/)
      .waitFor();
    await screenshot(page, 'case-desktop-ru');

    await page.getByRole('link', { name: 'Ко входящим' }).click();
    await page.getByRole('tab', { name: 'Все' }).click();
    await searchFor(page, 'Поиск обращений', word, subject);
    await context.close();
  });

  test('language: follows the user locale until chosen, and the choice persists', async () => {
    const { context, page } = await newPage(heard);
    // No choice stored: Piotr's locale (Polish) applies after sign-in.
    await signIn(page, USERS.piotr);
    await page.getByRole('heading', { name: 'Skrzynka' }).waitFor();
    await choose(page, 'Język', 'Română');
    await page.getByRole('heading', { name: 'Căsuță' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Căsuță' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ro');
    await choose(page, 'Limbă', 'English');
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    await context.close();
  });

  test('a change made meanwhile by someone else is shown instead of being overwritten', async () => {
    const { context, page } = await newPage(heard);
    await signIn(page, USERS.anna);
    await openFirstCase(page);
    const caseId = page.url().split('/cases/')[1] ?? '';
    const csrf = await csrfHeaders(page);
    const current = (await (await page.request.get(`/api/v1/cases/${caseId}`)).json()) as {
      version: number;
      priority: string;
      category: string;
    };
    // Someone else changes the priority to a value it does not have yet…
    const [priority, priorityLabel] = current.priority === 'urgent' ? ['low', 'Low'] : ['urgent', 'Urgent'];
    const patched = await page.request.patch(`/api/v1/cases/${caseId}`, {
      headers: csrf,
      data: { version: current.version, priority },
    });
    assert.equal(patched.status(), 200);
    // …while this page, still on the old version, changes the category.
    await choose(page, 'Category', current.category === 'billing' ? 'Delivery' : 'Billing and payment');
    const notice = page.getByTestId('case-conflict');
    await notice.getByText(new RegExp(`Priority: .* → ${priorityLabel}`)).waitFor();
    // The header now shows the current version, with the other person's change.
    await eventually(
      async () => (await page.getByRole('combobox', { name: 'Priority' }).inputValue()) === priorityLabel,
      'the reloaded priority',
    );
    await context.close();
  });

  test('live updates: a note by a colleague appears without reloading', async () => {
    const anna = await newPage(heard);
    await signIn(anna.page, USERS.anna);
    await openFirstCase(anna.page);
    const caseId = anna.page.url().split('/cases/')[1] ?? '';

    const piotr = await newPage(heard);
    await signIn(piotr.page, USERS.piotr);
    const csrf = await csrfHeaders(piotr.page);
    const note = `Live note ${Date.now()}`;
    const posted = await piotr.page.request.post(`/api/v1/cases/${caseId}/messages`, {
      headers: csrf,
      data: { body: note, visibility: 'internal' },
    });
    assert.equal(posted.status(), 201);
    await anna.page.getByTestId('timeline').getByText(note).waitFor();
    await anna.context.close();
    await piotr.context.close();
  });

  test('phone: the navigation sits behind a burger and pages fit the screen', async () => {
    const { context, page } = await newPage(heard, { viewport: PHONE });
    await signIn(page, USERS.anna);
    await page.getByTestId('case-row').first().waitFor();
    const customersLink = page.getByRole('link', { name: 'Customers' });
    const onScreen = async () => {
      const box = await customersLink.boundingBox();
      return box !== null && box.x + box.width > 0 && box.x < PHONE.width;
    };
    assert.equal(await onScreen(), false, 'the navbar starts hidden');
    await screenshot(page, 'inbox-phone-en');
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    assert.equal(await fits(), true, 'inbox has no horizontal scroll');

    await openFirstCase(page);
    await page.getByTestId('composer').waitFor();
    assert.equal(await fits(), true, 'case view has no horizontal scroll');
    await screenshot(page, 'case-phone-en');

    await page.getByRole('button', { name: 'Show or hide navigation' }).click();
    await eventually(onScreen, 'the navbar to slide in');
    await customersLink.click();
    await page.getByRole('heading', { name: 'Customers' }).waitFor();
    await context.close();
  });
});
