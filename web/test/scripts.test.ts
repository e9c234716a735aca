/// <reference types="node" />
// Scripts in Chromium: the agent opens the picker from the composer with the keyboard,
// inserts a script filled with the customer's name, and links a help article; an admin
// edits a script, is told about an unknown variable as they type, and saves a new version.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { csrfHeaders, eventually, heardForSuite, newPage, signIn, USERS } from './harness.ts';

describe('scripts in Chromium', () => {
  const heard = heardForSuite();

  test('Ctrl+/ opens the picker; Enter inserts the script with the customer name; "/" at line start opens it too; a missing order number is asked for', async () => {
    const { context, page } = await newPage(heard);
    await signIn(page, USERS.anna);
    const csrf = await csrfHeaders(page);
    const created = (await (
      await page.request.post('/api/v1/cases', {
        headers: csrf,
        data: {
          subject: 'Broken lamp',
          category: 'quality',
          customer: { email: 'emily.carter@example.com', name: 'Emily Carter', locale: 'en' },
          message: { body: 'Hello, the lamp I bought arrived broken. What can you do about it?' },
        },
      })
    ).json()) as { id: string; number: number };

    await page.goto(`/cases/${created.id}`);
    const box = page.getByRole('textbox', { name: 'Reply to customer' });
    await box.click();
    await page.keyboard.press('Control+/');
    const picker = page.getByRole('dialog', { name: 'Scripts and answers' });
    await picker.waitFor();
    // Suggested for a quality case, without typing anything.
    await picker.getByRole('option', { name: /Apology.*Suggested/ }).waitFor();
    await picker.getByRole('textbox', { name: 'Search scripts' }).fill('apology');
    await eventually(
      async () =>
        (await picker.getByRole('option').count()) < 6 &&
        /^Apology/.test(await picker.getByRole('option').first().innerText()),
      'the search results, the apology script first',
    );
    await page.keyboard.press('Enter');
    await picker.waitFor({ state: 'detached' });
    await eventually(async () => (await box.inputValue()).startsWith('Hello Emily Carter,'), 'the inserted script');
    const inserted = await box.inputValue();
    assert.match(inserted, /My name is Anna Agent/);
    assert.match(inserted, new RegExp(`request #${created.number}`));
    assert.doesNotMatch(inserted, /\{\{/);

    // "/" at the start of a line opens the picker instead of typing a slash.
    await box.press('Control+End');
    await box.press('Enter');
    await box.press('/');
    await picker.waitFor();
    assert.doesNotMatch(await box.inputValue(), /\/$/);
    await picker.getByRole('tab', { name: 'Knowledge base' }).click();
    await picker.getByRole('textbox', { name: 'Search articles' }).fill('return');
    await eventually(
      async () =>
        (await picker.getByText('How to return or exchange an item').count()) === 1 &&
        (await picker.getByText('Delivery times and tracking').count()) === 0,
      'the search to narrow the articles',
    );
    await picker.getByRole('button', { name: 'Insert link' }).first().click();
    await picker.waitFor({ state: 'detached' });
    await eventually(async () => (await box.inputValue()).includes('/help/returns?lang=en'), 'the article link');
    assert.ok((await box.inputValue()).startsWith('Hello Emily Carter,'), 'the link is added, the script stays');

    // A script needing what the case does not say (the order number) asks for it before inserting.
    await box.fill('');
    await page.keyboard.press('Control+/');
    await picker.getByRole('textbox', { name: 'Search scripts' }).fill('confirmation');
    await picker.getByRole('option', { name: /^Order taking and confirmation/ }).click();
    await picker.getByRole('textbox', { name: 'Order number' }).fill('NW-100200');
    await page.keyboard.press('Enter');
    await picker.waitFor({ state: 'detached' });
    await eventually(async () => (await box.inputValue()).includes('your order NW-100200'), 'the filled order number');
    assert.doesNotMatch(await box.inputValue(), /\[order\.number\]/);
    await context.close();
  });

  test('an admin sees an unknown variable as they type, then saves a new version', async () => {
    const { context, page } = await newPage(heard);
    await signIn(page, USERS.admin);
    await page.goto('/admin/scripts');
    await page.getByRole('textbox', { name: 'Search scripts' }).fill('discount');
    await page.getByRole('button', { name: 'Discount request' }).first().click();
    const editor = page.getByTestId('script-editor');
    const body = editor.getByRole('textbox', { name: 'Text' });
    await body.press('Control+End');
    await body.pressSequentially('\nYour code: {{coupon.code}}');
    await editor
      .getByTestId('script-check')
      .getByText(/\{\{coupon\.code\}\}/)
      .first()
      .waitFor();
    await body.fill(`${(await body.inputValue()).replace('\nYour code: {{coupon.code}}', '')}\nP.S. {{order.number}}`);
    await editor
      .getByTestId('script-check')
      .getByText(/P\.S\. 58213/)
      .first()
      .waitFor();
    await editor.getByRole('button', { name: 'Save as a new version' }).click();
    await editor.getByText('Saved as version 2').waitFor();
    await page.getByRole('tab', { name: 'Versions' }).click();
    await page.getByTestId('script-versions').getByText('Version 2').waitFor();
    await page.getByTestId('script-versions').getByText('Version 1').waitFor();
    await context.close();
  });
});
