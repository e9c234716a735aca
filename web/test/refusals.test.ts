/// <reference types="node" />
// "We can't do this" in Chromium: the agent refuses a misdirected request, the draft lands in
// the composer in the case language with the recommended partner, and the agent sends it;
// the partner page shows the referral.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { csrfHeaders, eventually, heardForSuite, newPage, signIn, USERS } from './harness.ts';

describe('guided refusals in Chromium', () => {
  const heard = heardForSuite();

  test('misdirected, other specialization: a Polish draft recommending the Polish partner, then sent', async () => {
    const { context, page } = await newPage(heard);
    await signIn(page, USERS.anna);
    const headers = await csrfHeaders(page);
    const created = (await (
      await page.request.post('/api/v1/cases', {
        headers,
        data: {
          subject: 'Montaż kuchni w nowym mieszkaniu',
          customer: { email: 'marta.kuchnia@example.pl', name: 'Marta Zając', locale: 'pl' },
          message: { body: 'Dzień dobry, czy możecie zamontować meble kuchenne w moim nowym mieszkaniu w Krakowie?' },
          tags: ['kitchen-installation'],
        },
      })
    ).json()) as { id: string; customer: { id: string } };
    const country = await page.request.patch(`/api/v1/customers/${created.customer.id}`, {
      headers,
      data: { country: 'PL' },
    });
    assert.equal(country.status(), 200);

    await page.goto(`/cases/${created.id}`);
    await page.getByRole('button', { name: 'We can’t do this' }).click();
    const dialog = page.getByRole('dialog', { name: /We can’t do this/ });
    await dialog.getByRole('radio', { name: 'Misdirected' }).check();
    await dialog.getByRole('radio', { name: /A related field we don’t cover/ }).check();
    await dialog
      .getByTestId('refusal-partner')
      .getByText(/Vistula Kitchen Fitters/)
      .waitFor();
    await dialog.getByRole('button', { name: 'Draft the reply' }).click();
    await dialog.waitFor({ state: 'detached' });

    const box = page.getByRole('textbox', { name: 'Reply to customer' });
    await eventually(
      async () => (await box.inputValue()).includes('Vistula Kitchen Fitters'),
      'the draft in the composer',
    );
    const draft = await box.inputValue();
    assert.match(draft, /Marta Zając/);
    assert.match(draft, /Nazywam się Anna Agent/, 'the draft is in Polish, the case language');
    assert.match(draft, /biuro@vistula-fitters\.example/);

    await page.getByRole('button', { name: 'Send reply' }).click();
    await page
      .getByTestId('timeline')
      .getByText(/Vistula Kitchen Fitters/)
      .first()
      .waitFor();
    await eventually(async () => (await box.inputValue()) === '', 'the composer to empty after sending');

    const referrals = (await (await page.request.get('/api/v1/referrals')).json()) as {
      items: { partner: { name: string }; case: { id: string } | null }[];
    };
    assert.ok(
      referrals.items.some((item) => item.case?.id === created.id && item.partner.name === 'Vistula Kitchen Fitters'),
    );
    await context.close();
  });

  test('the demo refuses a misdirected pallet request in two clicks; the partner page shows outcomes', async () => {
    const { context, page } = await newPage(heard);
    await signIn(page, USERS.sofia);
    const cases = (await (
      await page.request.get('/api/v1/cases?view=all&status=any&q=Pallet%20delivery%20slot')
    ).json()) as { items: { id: string; subject: string }[] };
    const pallet = cases.items.find((item) => item.subject === 'Pallet delivery slot for our warehouse');
    assert.ok(pallet, 'the demo has a misdirected pallet request');
    await page.goto(`/cases/${pallet.id}`);
    await page.getByRole('button', { name: 'Nu putem face asta' }).click();
    await page.getByRole('button', { name: 'Pregătește răspunsul' }).click();
    const box = page.getByRole('textbox', { name: 'Răspuns către client' });
    await eventually(async () => (await box.inputValue()).includes('Pennine Freight'), 'the pallet draft');
    // The referral closes the request: the commitment panel is already on "resolve".
    const resolve = page.getByTestId('commitment-panel').getByRole('radio', { name: 'Rezolvă' });
    assert.equal(await resolve.isChecked(), true);
    assert.match(await box.inputValue(), /Hello/, 'an English case gets an English draft');

    await page.getByRole('link', { name: 'Parteneri' }).click();
    const row = page.getByTestId('partner-row').filter({ hasText: 'Pennine Freight' });
    await row
      .getByTestId('partner-outcomes')
      .getByText(/mulțumiți: 1/)
      .waitFor();
    await row.getByRole('button', { name: 'Recomandări' }).click();
    await page
      .getByTestId('partner-referrals')
      .getByText(/Pallet|#\d+/)
      .first()
      .waitFor();

    // A supervisor adds a partner through the dialog; it is listed with its specializations.
    await page.getByRole('button', { name: 'Adaugă partener' }).click();
    const form = page.getByTestId('partner-form');
    await form.getByLabel('Nume').fill('Danube Roofing');
    await form.getByLabel('Specializări').fill('roofing');
    await form.getByLabel('Specializări').press('Enter');
    await form.getByLabel('Țări deservite').fill('ro');
    await form.getByLabel('Țări deservite').press('Enter');
    await form.getByLabel('Email de contact').fill('office@danube-roofing.example');
    await form.getByRole('button', { name: 'Salvează' }).click();
    await form.waitFor({ state: 'detached' });
    const added = page.getByTestId('partner-row').filter({ hasText: 'Danube Roofing' });
    await added.getByText('roofing', { exact: true }).waitFor();
    await added.getByText('RO', { exact: true }).waitFor();
    await context.close();
  });
});
