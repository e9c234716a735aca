/// <reference types="node" />
// SLA policies and business hours in the browser: an admin edits them, a supervisor reads
// them (in her own language), and the inbox filters by SLA state.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { choose, heardForSuite, newPage, signIn, USERS } from './harness.ts';

describe('Heard web app in Chromium: SLA policies and business hours', () => {
  const heard = heardForSuite();

  test('an admin adds a VIP policy with a one-hour first reply', async () => {
    const { context, page } = await newPage(heard);
    await signIn(page, USERS.admin);
    await page.getByRole('link', { name: 'SLA policies' }).click();
    await page.getByRole('heading', { name: 'SLA policies' }).waitFor();
    const before = (await page.getByTestId('sla-policy-row').count()) as number;
    await page.getByRole('button', { name: 'Add policy' }).click();
    const row = page.getByTestId('sla-policy-row').nth(before);
    await row.getByRole('combobox', { name: 'Customer tier' }).click();
    await page.getByRole('option', { name: 'VIP' }).click();
    await row.getByLabel('First reply (hours)').fill('1');
    await page.getByLabel('Warn the owner before the due time (minutes)').fill('90');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const saved = (await (await page.request.get('/api/v1/settings/sla-policies')).json()) as {
      policies: { tier: string | null; firstResponseMinutes: number }[];
      dueSoonMinutes: number;
    };
    assert.ok(saved.policies.some((policy) => policy.tier === 'vip' && policy.firstResponseMinutes === 60));
    assert.equal(saved.dueSoonMinutes, 90);
    await context.close();
  });

  test('an admin gives a team a split shift on Mondays and a holiday', async () => {
    const { context, page } = await newPage(heard);
    await signIn(page, USERS.admin);
    await page.getByRole('link', { name: 'Business hours' }).click();
    await page.getByRole('heading', { name: 'Business hours' }).waitFor();
    const editor = page.getByTestId('calendar-editor').first();
    const teamName = (await editor.getByRole('heading').textContent()) ?? '';
    const monday = editor.getByTestId('calendar-day-1');
    await monday.getByRole('button', { name: 'Add a shift' }).click();
    await monday.getByLabel('Closes').first().fill('12:00');
    await monday.getByLabel('Opens').nth(1).fill('13:00');
    await monday.getByLabel('Closes').nth(1).fill('18:00');
    await editor.getByLabel('Holiday').fill('2026-12-24');
    await editor.getByRole('button', { name: 'Add', exact: true }).click();
    await editor.getByRole('button', { name: 'Save hours' }).click();
    await editor.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const calendars = (await (await page.request.get('/api/v1/settings/calendars')).json()) as {
      items: { teamName: string; custom: boolean; calendar: { weekly: Record<string, unknown>; holidays: string[] } }[];
    };
    const team = calendars.items.find((item) => item.teamName === teamName.trim());
    assert.ok(team?.custom);
    assert.deepEqual(team.calendar.weekly['1'], [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '18:00' },
    ]);
    assert.deepEqual(team.calendar.holidays, ['2026-12-24']);
    await context.close();
  });

  test('a supervisor reads the policies in her language but cannot change them', async () => {
    const { context, page } = await newPage(heard);
    await signIn(page, USERS.sofia, /autentific|sign in/i);
    await page.goto('/admin/sla');
    await page.getByText('Doar administratorii pot modifica aceste setări.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Salvează' }).count(), 0);
    await context.close();
  });

  test('the inbox filters by SLA state', async () => {
    const { context, page } = await newPage(heard);
    await signIn(page, USERS.anna);
    const listed = page.waitForResponse((response) => response.url().includes('sla=breached'));
    await choose(page, 'SLA state', 'SLA breached');
    assert.equal((await listed).status(), 200);
    assert.match(page.url(), /sla=breached/);
    await context.close();
  });
});
