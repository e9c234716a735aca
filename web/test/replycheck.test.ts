/// <reference types="node" />
// The service-language checker in the browser (issue 5): live marks and one-click rewrites
// in the composer, the server's refusal and the supervisor's override, the admin pages.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  csrfHeaders,
  eventually,
  heardForSuite,
  newPage,
  PLAN_LABELS,
  screenshot,
  setNextStep,
  signIn,
  USERS,
} from './harness.ts';

interface CreatedCase {
  id: string;
  number: number;
  language: string;
}

const CUSTOMERS = {
  ru: { name: 'Ольга Смирнова', body: 'Здравствуйте! Мой заказ так и не доставили, курьер не отвечает на звонки.' },
  ro: { name: 'Ioana Marin', body: 'Bună ziua! Comanda mea nu a ajuns nici până azi și curierul nu răspunde.' },
} as const;

/** A fresh case in a language, so each test starts from a known conversation. */
async function createCase(page: Page, language: keyof typeof CUSTOMERS, subject: string): Promise<CreatedCase> {
  const customer = CUSTOMERS[language];
  const response = await page.request.post('/api/v1/cases', {
    headers: await csrfHeaders(page),
    data: {
      subject,
      customer: { email: `rc-${Date.now()}-${language}@example.com`, name: customer.name, locale: language },
      message: { body: customer.body },
    },
  });
  assert.equal(response.status(), 201, await response.text());
  const created = (await response.json()) as CreatedCase;
  assert.equal(created.language, language, 'the case is in the customer language');
  return created;
}

async function messageCount(page: Page, caseId: string): Promise<number> {
  const body = (await (await page.request.get(`/api/v1/cases/${caseId}/messages`)).json()) as { items: unknown[] };
  return body.items.length;
}

/** The composer's mark over `text`, as the agent sees it: underlined, coloured by severity. */
async function expectMark(page: Page, text: string, severity: string): Promise<void> {
  const mark = page.getByTestId('finding-mark').filter({ hasText: text });
  await mark.first().waitFor({ timeout: 3_000 });
  const style = await mark.first().evaluate((element) => {
    const computed = getComputedStyle(element);
    return { line: computed.textDecorationLine, severity: element.getAttribute('data-severity') };
  });
  assert.match(style.line, /underline/);
  assert.equal(style.severity, severity);
  // The mark lies over the textarea's text, not somewhere else on the page.
  const markBox = await mark.first().boundingBox();
  const areaBox = await page.getByTestId('composer').locator('textarea').first().boundingBox();
  assert.ok(markBox && areaBox, 'both are on screen');
  assert.ok(markBox.y >= areaBox.y && markBox.y + markBox.height <= areaBox.y + areaBox.height, 'mark inside textarea');
}

describe('reply checker in Chromium', () => {
  const heard = heardForSuite();

  test('composer: Russian and Romanian banned phrases are underlined at once and rewritten in one click', async () => {
    const { context, page } = await newPage(heard);
    await signIn(page, USERS.anna);
    assert.equal(await page.getByRole('link', { name: 'Reply checker' }).count(), 0, 'agents have no QA pages');

    const ru = await createCase(page, 'ru', `Не доставлен заказ ${Date.now()}`);
    await page.goto(`/cases/${ru.id}`);
    const box = page.getByRole('textbox', { name: 'Reply to customer' });
    await eventually(() => box.isEnabled(), 'the composer to load');
    await box.fill('Это не входит в мои обязанности');
    await expectMark(page, 'не входит в мои обязанности', 'block');
    const finding = page.locator('[data-testid="finding"][data-category="not-my-job"]');
    await finding.getByText('У нас есть человек, который может вам помочь').waitFor();
    await page
      .getByTestId('findings-summary')
      .getByText(/1 blocks sending/)
      .waitFor();
    await screenshot(page, 'replycheck-composer-ru');
    await finding.getByRole('button', { name: 'Use this' }).click();
    assert.equal(
      await box.inputValue(),
      'У нас есть человек, который может вам помочь. Давайте я переключу вас на него.',
    );
    await eventually(
      async () => (await page.locator('[data-testid="finding"][data-category="not-my-job"]').count()) === 0,
      'the rewrite to pass the check',
    );

    // Internal notes are not checked.
    await page.getByText('Internal note', { exact: true }).click();
    await page.getByRole('textbox', { name: 'Internal note' }).fill('Это не входит в мои обязанности');
    await page.waitForTimeout(600);
    assert.equal(await page.getByTestId('finding-mark').count(), 0);
    await page.getByRole('textbox', { name: 'Internal note' }).fill('');
    await page.getByText('Reply to customer', { exact: true }).click();

    const ro = await createCase(page, 'ro', `Comanda nu a ajuns ${Date.now()}`);
    await page.goto(`/cases/${ro.id}`);
    await eventually(() => box.isEnabled(), 'the composer to load');
    await box.fill('Nu stiu');
    await expectMark(page, 'Nu stiu', 'block');
    const dontKnow = page.locator('[data-testid="finding"][data-category="dont-know"]');
    await dontKnow.getByText('Vă rog să așteptați un moment, aflu imediat.').waitFor();
    await dontKnow.getByRole('button', { name: 'Use this' }).click();
    assert.equal(await box.inputValue(), 'Vă rog să așteptați un moment, aflu imediat.');
    await context.close();
  });

  test('sending a blocked reply as an agent is refused, with the findings shown', async () => {
    const { context, page } = await newPage(heard);
    await signIn(page, USERS.anna);
    const ru = await createCase(page, 'ru', `Жалоба на доставку ${Date.now()}`);
    const before = await messageCount(page, ru.id);
    await page.goto(`/cases/${ru.id}`);
    const box = page.getByRole('textbox', { name: 'Reply to customer' });
    await eventually(() => box.isEnabled(), 'the composer to load');
    await box.fill('Здравствуйте, Ольга! Это не входит в мои обязанности.');
    await setNextStep(page, PLAN_LABELS.en, 'We check the delivery with the courier');
    await page.getByRole('button', { name: 'Send reply' }).click();
    const refused = page.getByTestId('reply-blocked');
    await refused.waitFor();
    await refused.locator('[data-testid="finding"][data-category="not-my-job"]').waitFor();
    await refused.getByTestId('override-not-allowed').waitFor();
    assert.equal(await refused.getByRole('button', { name: 'Send anyway' }).count(), 0);
    await screenshot(page, 'replycheck-refused-agent');
    assert.equal(await messageCount(page, ru.id), before, 'nothing was sent');
    assert.equal(await box.inputValue(), 'Здравствуйте, Ольга! Это не входит в мои обязанности.', 'the draft is kept');
    await context.close();
  });

  test('a supervisor sends a blocked reply anyway, with a reason on the timeline', async () => {
    const { context, page } = await newPage(heard);
    await signIn(page, USERS.sofia);
    // Sofia works in Romanian (her own locale).
    const ro = await createCase(page, 'ro', `Plată dublă ${Date.now()}`);
    await page.goto(`/cases/${ro.id}`);
    const box = page.getByRole('textbox', { name: 'Răspuns către client' });
    await eventually(() => box.isEnabled(), 'the composer to load');
    const text = 'Bună ziua, Ioana! Nu stiu.';
    await box.fill(text);
    await expectMark(page, 'Nu stiu', 'block');
    await setNextStep(page, PLAN_LABELS.ro, 'Verificăm plata și revenim cu un răspuns');
    await page.getByRole('button', { name: 'Trimite răspunsul' }).click();
    const refused = page.getByTestId('reply-blocked');
    await refused.waitFor();
    const sendAnyway = refused.getByRole('button', { name: 'Trimite oricum' });
    assert.equal(await sendAnyway.isDisabled(), true, 'a reason is required');
    const reason = 'Clienta a cerut exact această formulare în scris';
    await refused.getByRole('textbox', { name: /De ce trebuie trimis așa/ }).fill(reason);
    await screenshot(page, 'replycheck-override-supervisor');
    await sendAnyway.click();
    await page.getByTestId('timeline').getByText(text).waitFor();
    await page
      .getByTestId('timeline')
      .getByText(new RegExp(`Motiv: ${reason}`))
      .waitFor();
    await refused.waitFor({ state: 'detached' });
    const events = (await (await page.request.get(`/api/v1/cases/${ro.id}/events`)).json()) as {
      items: { type: string; data: { reason?: string } }[];
    };
    assert.ok(events.items.some((event) => event.type === 'reply.check-overridden' && event.data.reason === reason));
    await context.close();
  });

  test('a template with an unknown variable is refused at the field', async () => {
    const { context, page } = await newPage(heard);
    await signIn(page, USERS.admin);
    await page.getByRole('link', { name: 'Company & templates' }).click();
    const editor = page.getByTestId('template-editor');
    await editor.waitFor();
    await editor.getByTestId('template-variables').getByText('{{case.number}}').waitFor();
    const body = editor.getByRole('textbox', { name: 'Text' });
    const original = await body.inputValue();
    await body.fill('Hello {{customer.nickname}}, see {{case.number}}.');
    await editor.getByRole('button', { name: 'Save template' }).click();
    await editor.getByText(/unknown variable.*\{\{customer\.nickname\}\}/).waitFor();
    assert.equal(await body.getAttribute('aria-invalid'), 'true', 'the error is on the text field');
    await screenshot(page, 'replycheck-template-error');
    const templates = (await (await page.request.get('/api/v1/templates')).json()) as { items: { body: string }[] };
    assert.ok(
      templates.items.some((item) => item.body === original),
      'nothing was saved',
    );
    assert.ok(!templates.items.some((item) => item.body.includes('customer.nickname')));
    await context.close();
  });

  test('a supervisor reviews quality, marks a finding wrong, and sees it in the pack editor', async () => {
    const { context, page } = await newPage(heard);
    await signIn(page, USERS.sofia);
    // A reply with a block finding, sent with an override, so it tops the review list.
    const ro = await createCase(page, 'ro', `Comandă întârziată ${Date.now()}`);
    const sent = await page.request.post(`/api/v1/cases/${ro.id}/messages`, {
      headers: await csrfHeaders(page),
      data: {
        body: 'Nu stiu. Asta e politica firmei.',
        visibility: 'public',
        override: { reason: 'test' },
        commitment: { nextStep: 'Verificăm comanda și revenim', waitingOn: 'us' },
      },
    });
    assert.equal(sent.status(), 201, await sent.text());

    await page.getByRole('link', { name: 'Controlul calității' }).click();
    const rows = page.getByTestId('qa-row');
    await rows.first().waitFor();
    const scores = await rows.locator('td:first-child').allTextContents();
    const numbers = scores.map((score) => Number(score.trim()));
    assert.deepEqual(
      numbers,
      [...numbers].sort((a, b) => a - b),
      'worst first',
    );
    await screenshot(page, 'replycheck-qa-list');
    const row = rows.filter({ hasText: `nr. ${ro.number}` });
    await row.getByRole('link', { name: new RegExp(`nr\\. ${ro.number}`) }).click();

    const message = page.getByTestId('qa-message').first();
    await message.getByTestId('finding-mark').filter({ hasText: 'Nu stiu' }).waitFor();
    const finding = message.locator('[data-testid="finding"][data-category="dont-know"]');
    await finding.getByRole('button', { name: 'Marchează ca greșită' }).click();
    await finding.getByRole('textbox').fill('Clientul a citat expresia');
    await finding.getByRole('button', { name: 'Marchează', exact: true }).click();
    await finding.getByText('Marcată ca greșită').waitFor();
    await screenshot(page, 'replycheck-qa-case');

    await page.getByRole('link', { name: 'Verificarea răspunsurilor' }).click();
    await page.getByRole('tab', { name: 'Română' }).click();
    const feedback = page.getByTestId('pack-feedback');
    await feedback.getByText('Clientul a citat expresia').waitFor();

    // A pack whose rule no longer passes its own example is refused, naming the rule.
    const editor = page.getByTestId('pack-editor-ro');
    const json = editor.getByRole('textbox', { name: /JSON/ });
    await eventually(async () => (await json.inputValue()).includes('"rules"'), 'the pack to load');
    const pack = JSON.parse(await json.inputValue()) as { rules: { id: string; examples: { positive: string[] } }[] };
    const rule = pack.rules.find((item) => item.id === 'ro.know.dont') ?? pack.rules[0];
    assert.ok(rule);
    rule.examples.positive = ['Vă mulțumim pentru răbdare.'];
    await json.fill(JSON.stringify(pack, null, 2));
    await editor.getByRole('button', { name: 'Salvează setul' }).click();
    const errors = editor.getByTestId('pack-errors');
    await errors.getByText(rule.id).first().waitFor();
    await errors.getByText('Vă mulțumim pentru răbdare.').first().waitFor();
    await screenshot(page, 'replycheck-pack-invalid');
    await context.close();
  });
});
