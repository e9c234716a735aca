// Scripts: the shipped defaults in four languages (seeded by the baseline and clean under
// the reply checker), variables checked at save (400), the checker at save (422), versions,
// search per language and rendering from a case.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { check, DEFAULT_PACKS } from '@heard/replycheck';
import { DEFAULT_SCRIPTS } from '../../src/domains/scripts/default-scripts.ts';
import { renderScriptByKey } from '../../src/domains/scripts/scripts.service.ts';
import { LANGUAGES } from '../../src/platform/templates.ts';
import { createHarness, type Harness, newCasePayload, type Session } from '../helpers/http.ts';

interface Script {
  id: string;
  key: string;
  language: string;
  title: string;
  body: string;
  version: number;
  category: string;
}

describe('scripts', () => {
  let h: Harness;
  let agent: Session;
  let supervisor: Session;

  before(async () => {
    h = await createHarness();
    agent = await h.signIn('agent', { name: 'Anna Agent' });
    supervisor = await h.signIn('supervisor', { name: 'Sofia Ionescu' });
  });
  after(() => h.close());

  const list = async (query: string) => {
    const response = await h.app.inject({ method: 'GET', url: `/api/v1/scripts?${query}`, headers: agent.headers });
    assert.equal(response.statusCode, 200, response.body);
    return response.json().items as Script[];
  };
  const save = (method: 'POST' | 'PUT', url: string, payload: Record<string, unknown>) =>
    h.app.inject({ method, url, headers: supervisor.headers, payload });

  it('ships every standard situation in EN/RU/PL/RO, the three refusals included', async () => {
    const all = await list('limit=200');
    for (const key of [
      'order.confirmation',
      'payment.question',
      'delivery.question',
      'apology',
      'delivery.late',
      'compensation',
      'discount.request',
      'exchange.return',
      'handover',
      'refusal.other-specialization',
      'refusal.temporarily-unable',
      'refusal.unrelated',
    ]) {
      for (const language of LANGUAGES) {
        assert.ok(
          all.some((script) => script.key === key && script.language === language),
          `${key} ${language} is missing`,
        );
      }
    }
    const russian = all.filter((script) => script.language === 'ru');
    assert.ok(russian.every((script) => /[а-я]/i.test(script.title) && !/Hello|Best regards/.test(script.body)));
  });

  it('the shipped scripts pass the reply checker with nothing blocking, filled as on a real case', () => {
    for (const definition of DEFAULT_SCRIPTS) {
      for (const language of LANGUAGES) {
        const { body } = definition.text[language];
        const filled = body
          .replace(/\{\{#if [^}]+\}\}|\{\{\/if\}\}|\{\{else\}\}/g, '')
          .replace(/\{\{date [^}]+\}\}/g, '12.12.2030')
          .replace(/\{\{[^}]+\}\}/g, 'Kowalski');
        const blocking = check(filled, { language, pack: DEFAULT_PACKS[language], customerName: 'Kowalski' }).filter(
          (finding) => finding.severity === 'block',
        );
        assert.deepEqual(blocking, [], `${definition.key} ${language}: ${JSON.stringify(blocking)}`);
      }
    }
  });

  it('refuses an unknown variable at save with 400 naming it, and saves nothing', async () => {
    const response = await save('POST', '/api/v1/scripts', {
      language: 'en',
      category: 'other',
      title: 'Greeting',
      body: 'Hello {{customer.name}}, your parcel {{parcel.code}} is on its way. I am {{agent.name}}.',
    });
    assert.equal(response.statusCode, 400, response.body);
    assert.equal(response.json().code, 'validation-failed');
    assert.match(response.json().errors[0].message, /\{\{parcel\.code\}\}/);
    assert.equal(response.json().errors[0].field, 'body/body');
    assert.equal((await list('q=greeting&language=en')).length, 0);
  });

  it('refuses a script the reply checker blocks with 422 listing the findings', async () => {
    const response = await save('POST', '/api/v1/scripts', {
      language: 'ru',
      category: 'other',
      title: 'Не наш вопрос',
      body: 'Здравствуйте, {{customer.name}}! Меня зовут {{agent.name}}. Это не входит в мои обязанности.',
    });
    assert.equal(response.statusCode, 422, response.body);
    assert.equal(response.json().code, 'reply-check-blocked');
    assert.ok(response.json().findings.some((finding: { category: string }) => finding.category === 'not-my-job'));
  });

  it('only staff read scripts; anonymous callers are 401', async () => {
    for (const [role, expected] of [
      ['staff', 403],
      ['customer', 403],
      ['lawyer', 200],
    ] as const) {
      const session = await h.signIn(role, role === 'customer' ? { teamId: null } : {});
      const response = await h.app.inject({ method: 'GET', url: '/api/v1/scripts', headers: session.headers });
      assert.equal(response.statusCode, expected, `${role}: ${response.body}`);
    }
    assert.equal((await h.app.inject({ method: 'GET', url: '/api/v1/scripts' })).statusCode, 401);
    assert.equal((await h.app.inject({ method: 'GET', url: '/api/v1/kb/articles' })).statusCode, 401);
  });

  it('previews a draft script for the editor: sample values filled, findings listed, blocked flagged', async () => {
    const preview = (body: string) => save('POST', '/api/v1/scripts/preview', { language: 'en', title: 'Draft', body });
    const clean = await preview(
      'Hello {{customer.name}}, my name is {{agent.name}}. Your order {{order.number}} ships today.',
    );
    assert.equal(clean.statusCode, 200, clean.body);
    assert.match(clean.json().body, /^Hello Emma Clark, my name is James Wilson\. Your order 58213/);
    assert.equal(clean.json().blocked, false);
    const blocked = await preview("Hello {{customer.name}}, I'm sorry, but that's against company policy.");
    assert.equal(blocked.statusCode, 200);
    assert.equal(blocked.json().blocked, true);
    assert.ok(blocked.json().findings.some((finding: { category: string }) => finding.category === 'not-our-policy'));
    assert.equal((await preview('Hello {{customer.nickname}}')).statusCode, 400);
  });

  it('agents may not write scripts', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/scripts',
      headers: agent.headers,
      payload: { language: 'en', category: 'other', title: 'x', body: 'Hello {{customer.name}}' },
    });
    assert.equal(response.statusCode, 403);
  });

  it('saves each edit as a new version and uses the current one', async () => {
    const created = await save('POST', '/api/v1/scripts', {
      key: 'warranty.info',
      language: 'pl',
      category: 'other',
      tags: ['gwarancja'],
      title: 'Informacja o gwarancji',
      body: 'Dzień dobry, {{customer.name}},\n\nnazywam się {{agent.name}}. Gwarancja na produkty obejmuje dwa lata od dnia zakupu.',
    });
    assert.equal(created.statusCode, 201, created.body);
    const script = created.json().script as Script;
    assert.equal(script.version, 1);

    const edited = await save('PUT', `/api/v1/scripts/${script.id}`, {
      version: 1,
      category: 'other',
      tags: ['gwarancja'],
      title: 'Informacja o gwarancji',
      body: 'Dzień dobry, {{customer.name}},\n\nnazywam się {{agent.name}}. Gwarancja obejmuje trzy lata od dnia zakupu.',
    });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json().script.version, 2);

    const stale = await save('PUT', `/api/v1/scripts/${script.id}`, {
      version: 1,
      category: 'other',
      title: 'Informacja o gwarancji',
      body: 'Dzień dobry, {{customer.name}}, stara wersja.',
    });
    assert.equal(stale.statusCode, 409);

    const versions = await h.app.inject({
      method: 'GET',
      url: `/api/v1/scripts/${script.id}/versions`,
      headers: agent.headers,
    });
    const items = versions.json().items as { version: number; body: string; createdBy: { name: string } }[];
    assert.deepEqual(
      items.map((item) => item.version),
      [2, 1],
    );
    assert.match(items[1]!.body, /dwa lata/);
    assert.equal(items[0]!.createdBy.name, 'Sofia Ionescu');
    const current = await h.app.inject({ method: 'GET', url: `/api/v1/scripts/${script.id}`, headers: agent.headers });
    assert.match(current.json().body, /trzy lata/);
  });

  it('searches full text in the language asked for (stems and diacritics included)', async () => {
    // Russian stemming: "доставки" finds scripts about "доставка"; only Russian ones.
    const russian = await list(`q=${encodeURIComponent('доставки')}&language=ru`);
    assert.ok(russian.length > 0);
    assert.ok(russian.every((script) => script.language === 'ru'));
    assert.ok(russian.some((script) => script.key === 'delivery.question'));
    // Polish inflection: "gwarancji" finds the script that says "Gwarancja" in its body and tags.
    const polish = await list(`q=${encodeURIComponent('gwarancją')}&language=pl`);
    assert.deepEqual(
      polish.map((script) => script.key),
      ['warranty.info'],
    );
    // Romanian with cedilla ş finds text written with comma ș.
    const romanian = await list(`q=${encodeURIComponent('plăţii')}&language=ro`);
    assert.ok(
      romanian.some((script) => script.key === 'payment.question'),
      JSON.stringify(romanian),
    );
    assert.equal((await list(`q=${encodeURIComponent('доставки')}&language=en`)).length, 0);
    const refusals = await list('category=refusal&language=en');
    assert.equal(refusals.length, 3);
  });

  it('renders a script from a case: customer, agent, case number and commitment filled in', async () => {
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: agent.headers,
      payload: newCasePayload({ customer: { email: 'emily@example.com', name: 'Emily Carter' } }),
    });
    const caseView = created.json();
    const [apology] = await list('language=en&q=apology');
    assert.equal(apology?.key, 'apology');
    const rendered = await h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseView.id}/scripts/${apology!.id}/render`,
      headers: agent.headers,
      payload: {},
    });
    assert.equal(rendered.statusCode, 200, rendered.body);
    const { body, language, missing } = rendered.json();
    assert.equal(language, 'en');
    assert.match(body, /^Hello Emily Carter,/);
    assert.match(body, /My name is Anna Agent/);
    assert.match(body, new RegExp(`request #${caseView.number}\\b`));
    assert.ok(caseView.commitment, 'a new case carries its first-reply commitment');
    assert.match(body, /Next step: We reply to your request — by \w+ \d+, \d{4}/);
    assert.deepEqual(missing, []);

    const [confirmation] = await list('language=en&q=confirmation');
    const withOrder = await h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseView.id}/scripts/${confirmation!.id}/render`,
      headers: agent.headers,
      payload: {},
    });
    assert.deepEqual(withOrder.json().missing, ['order.number']);
    assert.match(withOrder.json().body, /your order \[order\.number\]/);
    const filled = await h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseView.id}/scripts/${confirmation!.id}/render`,
      headers: agent.headers,
      payload: { values: { 'order.number': 'NW-100200' } },
    });
    assert.match(filled.json().body, /your order NW-100200/);
    const bad = await h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseView.id}/scripts/${confirmation!.id}/render`,
      headers: agent.headers,
      payload: { values: { 'order.secret': 'x' } },
    });
    assert.equal(bad.statusCode, 400);
  });

  it('renders a refusal by key for the guided refusal, with or without a partner', async () => {
    const withPartner = await renderScriptByKey(h.ctx.database, 'refusal.other-specialization', 'pl', {
      customer: { name: 'Anna Kowalska' },
      agent: { name: 'Piotr Nowak' },
      partner: {
        name: 'Meble Biurowe Sp. z o.o.',
        terms: '5% rabatu dla naszych klientów.',
        contact: 'biuro@meble.pl',
      },
    });
    assert.equal(withPartner.language, 'pl');
    assert.match(withPartner.body, /Polecam firmę Meble Biurowe Sp\. z o\.o\./);
    assert.match(withPartner.body, /Sprzedajemy i dostarczamy towary/);
    const withoutPartner = await renderScriptByKey(h.ctx.database, 'refusal.temporarily-unable', 'ro', {
      customer: { name: 'Ana Popescu' },
      agent: { name: 'Mihai' },
      waitUntil: '2030-03-01T10:00:00Z',
    });
    assert.match(withoutPartner.body, /până la 1 martie 2030/);
    assert.match(withoutPartner.body, /vă recomand un partener/);
    assert.deepEqual(withoutPartner.missing, []);
  });
});
