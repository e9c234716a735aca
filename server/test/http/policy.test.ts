// The service policy and complaint procedure: public pages per language built from the
// configuration (change the ladder or a checker setting → the page changes), and the PDF
// read back with poppler (pdftotext for the words, pdftoppm for a rendered page).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_PACKS } from '@heard/replycheck';
import { LANGUAGES } from '../../src/platform/templates.ts';
import { createHarness, type Harness, type Session } from '../helpers/http.ts';

const exampleOf = (language: 'en' | 'ru' | 'pl' | 'ro', category: string) => {
  const rule = DEFAULT_PACKS[language].rules.find((each) => each.category === category)!;
  const example = rule.examples.positive[0]!;
  return { phrase: typeof example === 'string' ? example : example.text, instead: rule.suggestion };
};

const htmlText = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('service policy and complaint procedure', () => {
  let h: Harness;
  let admin: Session;
  const folder = mkdtempSync(join(tmpdir(), 'heard-policy-'));

  before(async () => {
    h = await createHarness();
    admin = await h.signIn('admin');
  });
  after(async () => {
    rmSync(folder, { recursive: true, force: true });
    await h.close();
  });

  const page = (url: string) => h.app.inject({ method: 'GET', url });
  const setLadder = (titles: string[]) =>
    h.ladder(
      admin,
      titles.map((title, index) => ({ title, contactEmail: `level${index + 1}@example.com` })),
    );

  it('serves /policy in each language without sign-in, with <html lang> and the banned phrases of that language', async () => {
    for (const language of LANGUAGES) {
      const response = await page(`/policy?lang=${language}`);
      assert.equal(response.statusCode, 200, response.body);
      assert.match(String(response.headers['content-type']), /^text\/html/);
      assert.match(response.body, new RegExp(`<html lang="${language}">`));
      assert.doesNotMatch(response.body, /<script/i);
      const text = htmlText(response.body);
      const { phrase, instead } = exampleOf(language, 'not-my-job');
      assert.ok(text.includes(phrase), `${language}: banned phrase "${phrase}" missing`);
      assert.ok(text.includes(instead), `${language}: replacement "${instead}" missing`);
      assert.match(text, /@media print/);
    }
    assert.match((await page('/policy?lang=ru')).body, /Политика обслуживания клиентов/);
    assert.match((await page('/complaints?lang=ro')).body, /Procedura de reclamații/);
    // No ?lang: the browser's language.
    const polish = await h.app.inject({
      method: 'GET',
      url: '/policy',
      headers: { 'accept-language': 'pl-PL,pl;q=0.9' },
    });
    assert.match(polish.body, /<html lang="pl">/);
  });

  it('shows the configured escalation ladder and changes with it', async () => {
    await setLadder(['Служба поддержки', 'Старший специалист', 'Руководитель сервиса']);
    const before = htmlText((await page('/policy?lang=ru')).body);
    assert.ok(before.includes('2. Старший специалист'));
    assert.ok(before.includes('level3@example.com'));
    const complaints = htmlText((await page('/complaints?lang=ru')).body);
    assert.ok(complaints.includes('3. Руководитель сервиса'));

    await setLadder(['Служба поддержки', 'Директор по качеству']);
    const changed = htmlText((await page('/policy?lang=ru')).body);
    assert.ok(changed.includes('2. Директор по качеству'));
    assert.ok(!changed.includes('Старший специалист'));
  });

  it('states the SLA targets the desk enforces: the default, then the stored policies', async () => {
    const before = htmlText((await page('/policy?lang=en')).body);
    assert.ok(before.includes('First reply to a new request'), before);
    assert.ok(before.includes('Resolution of a request'));
    const put = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/settings/sla-policies',
      headers: admin.headers,
      payload: {
        policies: [
          { priority: 'urgent', category: null, tier: null, firstResponseMinutes: 120, resolutionMinutes: 960 },
        ],
      },
    });
    assert.equal(put.statusCode, 200, put.body);
    const after = htmlText((await page('/policy?lang=ru')).body);
    assert.ok(after.includes('Первый ответ на новое обращение (приоритет urgent)'), after);
    assert.ok(after.includes('Решение обращения (приоритет urgent)'));
  });

  it('lists only the phrases the checker enforces: a category switched off leaves the page', async () => {
    const settings = (
      await h.app.inject({ method: 'GET', url: '/api/v1/replycheck/settings', headers: admin.headers })
    ).json();
    const { phrase } = exampleOf('pl', 'blame-shifting');
    assert.ok(htmlText((await page('/policy?lang=pl')).body).includes(phrase));
    const saved = await h.app.inject({
      method: 'PUT',
      url: '/api/v1/replycheck/settings',
      headers: admin.headers,
      payload: { ...settings, severities: { ...settings.severities, 'blame-shifting': 'off' } },
    });
    assert.equal(saved.statusCode, 200, saved.body);
    const text = htmlText((await page('/policy?lang=pl')).body);
    assert.ok(!text.includes(phrase));
    assert.ok(text.includes(exampleOf('pl', 'not-my-job').phrase));
  });

  it('escapes what the configuration holds', async () => {
    await h.app.inject({
      method: 'PATCH',
      url: '/api/v1/settings/company',
      headers: admin.headers,
      payload: { name: 'Acme <script>alert(1)</script> & Co' },
    });
    const body = (await page('/policy?lang=en')).body;
    assert.doesNotMatch(body, /<script>alert/);
    assert.match(body, /Acme &lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; Co/);
  });

  it('renders the PDF with Cyrillic, Polish and Romanian letters intact (pdftotext, pdftoppm)', async () => {
    await h.app.inject({
      method: 'PATCH',
      url: '/api/v1/settings/company',
      headers: admin.headers,
      payload: { name: 'Zażółć Gęślą Jaźń' },
    });
    await setLadder(['Служба поддержки', 'Șef de tură — încă până țară', 'Руководитель сервиса']);
    const expected: Record<string, string[]> = {
      ru: ['Политика обслуживания клиентов', 'Руководитель сервиса', exampleOf('ru', 'not-my-job').phrase],
      pl: ['Polityka obsługi klienta', 'Zażółć Gęślą Jaźń', exampleOf('pl', 'not-my-job').phrase],
      ro: ['Politica de servire a clienților', 'Șef de tură — încă până țară', exampleOf('ro', 'not-my-job').phrase],
    };
    for (const [language, words] of Object.entries(expected)) {
      const response = await page(`/api/v1/policy-document?lang=${language}&format=pdf`);
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'application/pdf');
      assert.equal(response.rawPayload.subarray(0, 5).toString(), '%PDF-');
      const file = join(folder, `policy-${language}.pdf`);
      writeFileSync(file, response.rawPayload);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      for (const word of words)
        assert.ok(text.includes(word.replace(/\s+/g, ' ')), `${language}: "${word}" not in the PDF`);
      execFileSync('pdftoppm', ['-r', '40', '-png', '-f', '1', '-l', '1', file, join(folder, language)]);
      const png = readFileSync(join(folder, `${language}-1.png`));
      assert.equal(png.subarray(1, 4).toString(), 'PNG');
      assert.ok(statSync(join(folder, `${language}-1.png`)).size > 5_000, 'the first page has visible text');
    }
    const complaints = await page('/api/v1/policy-document?lang=pl&document=complaints&format=pdf');
    const file = join(folder, 'complaints-pl.pdf');
    writeFileSync(file, complaints.rawPayload);
    assert.match(
      execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }),
      /Procedura reklamacyjna/,
    );
    assert.equal((await page('/api/v1/policy-document?lang=de&format=pdf')).statusCode, 400);
  });
});
