import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness, newCasePayload, type Session } from '../../../test/helpers/http.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('GET /messages/{id}/html: a message HTML document for a sandboxed frame', () => {
  let h: Harness;
  let agent: Session;
  let caseId: string;
  let customerEmail: string;
  let messageId: string;

  async function upload(filename: string): Promise<string> {
    const boundary = 'heardboundary';
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/attachments',
      headers: { ...agent.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        PNG,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json().id;
  }

  before(async () => {
    h = await createHarness();
    agent = await h.signIn('agent');
    const created = (
      await h.app.inject({ method: 'POST', url: '/api/v1/cases', headers: agent.headers, payload: newCasePayload() })
    ).json();
    caseId = created.id;
    customerEmail = created.customer.email;
    const { rows } = await h.ctx.database.executeSql('SELECT id FROM messages WHERE case_id = $1', [caseId]);
    messageId = rows[0]!.id as string;
    const logo = await upload('logo.png');
    const elsewhere = await upload('other.png');
    await h.ctx.database.executeSql('UPDATE attachments SET message_id = $1 WHERE id = $2', [messageId, logo]);
    // Stored HTML as ingest stores it (cid: resolved to the attachment), plus what an older, laxer rule
    // might have let through, and a reference to an attachment that is not this message's.
    await h.ctx.database.executeSql('UPDATE messages SET body_html = $1 WHERE id = $2', [
      `<p style="color:red">Hello <img src="/api/v1/attachments/${logo}"> <img src="https://tracker.test/p.gif">` +
        `<img src="/api/v1/attachments/${elsewhere}"><img src="cid:missing"></p><script>parent.__xss()</script>` +
        '<a href="javascript:x()">x</a>',
      messageId,
    ]);
  });
  after(() => h.close());

  const get = (headers: Record<string, string>, query = '') =>
    h.app.inject({ method: 'GET', url: `/api/v1/messages/${messageId}/html${query}`, headers });

  it('serves the re-sanitized HTML with inline images embedded and a CSP that blocks remote images', async () => {
    const response = await get(agent.headers);
    assert.equal(response.statusCode, 200, response.body);
    assert.match(String(response.headers['content-type']), /^text\/html; charset=utf-8/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /img-src data:;/);
    assert.match(csp, /sandbox allow-popups allow-popups-to-escape-sandbox/);
    assert.match(csp, /frame-ancestors 'self'/);
    assert.doesNotMatch(csp, /allow-scripts|allow-same-origin/);
    const body = response.body;
    assert.ok(body.includes(`<img src="data:image/png;base64,${PNG.toString('base64')}" />`), body);
    assert.ok(body.includes('<img src="https://tracker.test/p.gif" />'), 'remote images stay in the HTML');
    assert.equal(body.match(/<img /g)?.length, 4);
    assert.equal(body.match(/data:image\/png/g)?.length, 1, "another message's attachment is not embedded");
    assert.ok(!body.includes('cid:') && !body.includes('/api/v1/attachments/'), body);
    assert.ok(!body.includes('script') && !body.includes('javascript'), body);
    assert.ok(body.includes('<p style="color:red">'));
  });

  it('allows remote images only when asked', async () => {
    const response = await get(agent.headers, '?images=allow');
    assert.match(String(response.headers['content-security-policy']), /img-src data: https: http:;/);
    assert.equal((await get(agent.headers, '?images=everything')).statusCode, 400);
  });

  it('is read under the case rule: other teams and strangers get 404, the customer sees public messages', async () => {
    const otherTeam = await h.signIn('agent', { teamId: await h.team('Elsewhere') });
    assert.equal((await get(otherTeam.headers)).statusCode, 404);
    const stranger = await h.signIn('customer', { teamId: null });
    assert.equal((await get(stranger.headers)).statusCode, 404);
    const customer = await h.signIn('customer', { email: customerEmail, teamId: null });
    assert.equal((await get(customer.headers)).statusCode, 200);
    await h.ctx.database.executeSql("UPDATE messages SET visibility = 'internal' WHERE id = $1", [messageId]);
    assert.equal((await get(customer.headers)).statusCode, 404);
    await h.ctx.database.executeSql("UPDATE messages SET visibility = 'public' WHERE id = $1", [messageId]);
    assert.equal((await h.app.inject({ method: 'GET', url: `/api/v1/messages/${messageId}/html` })).statusCode, 401);
  });

  it('answers 404 for a message without HTML', async () => {
    await h.ctx.database.executeSql('UPDATE messages SET body_html = NULL WHERE id = $1', [messageId]);
    assert.equal((await get(agent.headers)).statusCode, 404);
  });
});
