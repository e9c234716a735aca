// Knowledge base: CRUD by supervisors, internal articles hidden from customers and the
// public, full-text search per language, Markdown rendered safely, the public help pages.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadDemoArticles } from '../../src/demo/kb.ts';
import { userPrincipal } from '../../src/domains/identity/identity.service.ts';
import { createHarness, type Harness, type Session } from '../helpers/http.ts';

interface Article {
  id: string;
  slug: string;
  language: string;
  title: string;
  visibility: string;
  html: string;
  excerpt: string;
}

describe('knowledge base', () => {
  let h: Harness;
  let agent: Session;
  let supervisor: Session;
  let customer: Session;

  before(async () => {
    h = await createHarness();
    agent = await h.signIn('agent');
    supervisor = await h.signIn('supervisor');
    customer = await h.signIn('customer', { teamId: null });
    await loadDemoArticles(h.ctx, userPrincipal(supervisor.user));
  });
  after(() => h.close());

  const list = async (session: Session, query: string) => {
    const response = await h.app.inject({
      method: 'GET',
      url: `/api/v1/kb/articles?${query}`,
      headers: session.headers,
    });
    assert.equal(response.statusCode, 200, response.body);
    return response.json().items as Article[];
  };
  const create = (session: Session, payload: Record<string, unknown>) =>
    h.app.inject({ method: 'POST', url: '/api/v1/kb/articles', headers: session.headers, payload });

  it('creates, reads, edits and deletes an article; agents may only read', async () => {
    const payload = {
      language: 'pl',
      title: 'Gwarancja na meble',
      body: 'Na wszystkie meble udzielamy **dwuletniej** gwarancji.',
      category: 'Gwarancja',
      visibility: 'public',
    };
    assert.equal((await create(agent, payload)).statusCode, 403);
    const created = await create(supervisor, payload);
    assert.equal(created.statusCode, 201, created.body);
    const article = created.json() as Article;
    assert.equal(article.slug, 'gwarancja-na-meble');
    assert.match(article.html, /<strong>dwuletniej<\/strong>/);
    assert.equal((await create(supervisor, payload)).statusCode, 409);

    const edited = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/kb/articles/${article.id}`,
      headers: supervisor.headers,
      payload: { body: 'Na wszystkie meble udzielamy trzyletniej gwarancji.' },
    });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.match(edited.json().html, /trzyletniej/);
    assert.equal(edited.json().title, 'Gwarancja na meble');

    const read = await h.app.inject({
      method: 'GET',
      url: `/api/v1/kb/articles/${article.id}`,
      headers: agent.headers,
    });
    assert.match(read.json().body, /trzyletniej/);
    const removed = await h.app.inject({
      method: 'DELETE',
      url: `/api/v1/kb/articles/${article.id}`,
      headers: supervisor.headers,
    });
    assert.equal(removed.statusCode, 204);
    const gone = await h.app.inject({
      method: 'GET',
      url: `/api/v1/kb/articles/${article.id}`,
      headers: agent.headers,
    });
    assert.equal(gone.statusCode, 404);
  });

  it('searches in the language asked for, with stemming', async () => {
    const russian = await list(agent, `q=${encodeURIComponent('возвращать товары')}&language=ru`);
    assert.deepEqual(
      russian.map((article) => article.slug),
      ['returns'],
    );
    const polish = await list(agent, `q=${encodeURIComponent('przesyłki')}&language=pl`);
    assert.ok(polish.some((article) => article.slug === 'delivery'));
    assert.ok(polish.every((article) => article.language === 'pl'));
    const romanian = await list(agent, `q=${encodeURIComponent('plată')}&language=ro`);
    assert.ok(romanian.some((article) => article.slug === 'payment-not-arrived'));
    assert.equal((await list(agent, `q=${encodeURIComponent('доставка')}&language=en`)).length, 0);
  });

  it('keeps internal articles from customers', async () => {
    const staffView = await list(agent, 'language=en');
    assert.ok(staffView.some((article) => article.visibility === 'internal'));
    const customerView = await list(customer, 'language=en&visibility=internal');
    assert.ok(customerView.length > 0);
    assert.ok(customerView.every((article) => article.visibility === 'public'));
    const internal = staffView.find((article) => article.visibility === 'internal')!;
    const denied = await h.app.inject({
      method: 'GET',
      url: `/api/v1/kb/articles/${internal.id}`,
      headers: customer.headers,
    });
    assert.equal(denied.statusCode, 404);
  });

  it('renders Markdown without letting HTML or script URLs through', async () => {
    const created = await create(supervisor, {
      language: 'en',
      title: 'Hostile',
      body: 'Hi <script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) [ok](https://example.com)',
      category: 'Test',
      visibility: 'public',
    });
    const { html } = created.json() as Article;
    assert.doesNotMatch(html, /<script|<img|href="javascript:/i);
    assert.match(html, /&lt;script&gt;/);
    assert.match(html, /<a href="https:\/\/example.com" rel="noopener noreferrer nofollow">ok<\/a>/);
    const page = await h.app.inject({ method: 'GET', url: '/help/hostile?lang=en' });
    assert.doesNotMatch(page.body, /<script>alert|<img/);
  });

  it('serves the public help pages without sign-in, public articles only', async () => {
    const index = await h.app.inject({ method: 'GET', url: '/help?lang=ro' });
    assert.equal(index.statusCode, 200);
    assert.match(index.body, /<html lang="ro">/);
    assert.match(index.body, /Centrul de ajutor/);
    assert.match(index.body, /href="\/help\/returns\?lang=ro">Cum returnați sau schimbați un produs</);
    assert.doesNotMatch(index.body, /Pentru operatori/);

    const search = await h.app.inject({ method: 'GET', url: `/help?lang=ru&q=${encodeURIComponent('отслеживанию')}` });
    assert.match(search.body, /Сроки доставки и отслеживание/);
    assert.doesNotMatch(search.body, /Как вернуть или обменять товар/);
    assert.match(search.body, /value="отслеживанию"/);

    const article = await h.app.inject({ method: 'GET', url: '/help/returns?lang=pl' });
    assert.equal(article.statusCode, 200);
    assert.match(article.body, /<h1>Jak zwrócić lub wymienić produkt<\/h1>/);
    assert.match(article.body, /<strong>30 dni<\/strong>/);
    assert.equal((await h.app.inject({ method: 'GET', url: '/help/payment-not-arrived?lang=en' })).statusCode, 404);
  });
});
