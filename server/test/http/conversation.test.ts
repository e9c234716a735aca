import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness, NEXT_STEP, newCasePayload, type Session } from '../helpers/http.ts';

describe('conversations: replies, notes, follow-ups, hand-over, drafts, attachments', () => {
  let h: Harness;
  let agent: Session;
  let colleague: Session;

  before(async () => {
    h = await createHarness();
    agent = await h.signIn('agent');
    colleague = await h.signIn('agent', { name: 'Piotr Nowak' });
  });
  after(() => h.close());

  const create = (headers: Record<string, string>, payload: Record<string, unknown> = newCasePayload()) =>
    h.app.inject({ method: 'POST', url: '/api/v1/cases', headers, payload });

  it('replies and notes: the customer sees only public messages; a reply is emailed once', async () => {
    const created = (await create(agent.headers)).json();
    const reply = await h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${created.id}/messages`,
      headers: agent.headers,
      payload: { body: 'We are on it.', visibility: 'public', commitment: NEXT_STEP },
    });
    assert.equal(reply.statusCode, 201);
    assert.equal(reply.json().direction, 'outbound');
    await h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${created.id}/messages`,
      headers: agent.headers,
      payload: { body: 'Courier says Tuesday.', visibility: 'internal' },
    });
    const after = (
      await h.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}`, headers: agent.headers })
    ).json();
    assert.equal(after.status, 'open');
    const customer = await h.signIn('customer', { email: created.customer.email, teamId: null });
    const seen = (
      await h.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}/messages`, headers: customer.headers })
    ).json();
    assert.deepEqual(
      seen.items.map((m: { visibility: string }) => m.visibility),
      ['public', 'public'],
    );
    await h.runtime.ctx.jobs!.drain();
    const { readdirSync, readFileSync } = await import('node:fs');
    const files = readdirSync(`${h.runtime.config.dataDir}/mail-out`).filter((f) => f.includes(reply.json().id));
    assert.equal(files.length, 1);
    const eml = readFileSync(`${h.runtime.config.dataDir}/mail-out/${files[0]}`, 'utf8');
    assert.match(eml, new RegExp(`Subject: Re: My order has not arrived \\[#${created.number}-[0-9a-f]{10}\\]`));
  });

  it('a customer reply reopens a resolved case; on a closed case it opens a linked follow-up', async () => {
    const created = (await create(agent.headers)).json();
    const customer = await h.signIn('customer', { email: created.customer.email, teamId: null });
    await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${created.id}`,
      headers: agent.headers,
      payload: { version: 1, status: 'resolved' },
    });
    await h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${created.id}/messages`,
      headers: customer.headers,
      payload: { body: 'It is still broken.', visibility: 'public' },
    });
    const reopened = (
      await h.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}`, headers: agent.headers })
    ).json();
    assert.equal(reopened.status, 'open');
    await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${created.id}`,
      headers: agent.headers,
      payload: { version: reopened.version, status: 'closed' },
    });
    const late = await h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${created.id}/messages`,
      headers: customer.headers,
      payload: { body: 'One more thing.', visibility: 'public' },
    });
    assert.equal(late.statusCode, 201);
    const cases = (
      await h.app.inject({
        method: 'GET',
        url: `/api/v1/cases?status=any&customerEmail=${created.customer.email}`,
        headers: agent.headers,
      })
    ).json();
    const followUp = cases.items.find((c: { followUpOf: string | null }) => c.followUpOf === created.id);
    assert.ok(followUp, 'a follow-up linked to the closed case');
    assert.equal(followUp.owner.id, agent.user.id);
    const internal = await h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${created.id}/messages`,
      headers: customer.headers,
      payload: { body: 'x', visibility: 'internal' },
    });
    assert.equal(internal.statusCode, 403);
  });

  it('hands over warmly: new owner, note first for them, one message to the customer, a notification', async () => {
    const created = (
      await create(
        agent.headers,
        newCasePayload({ customer: { email: 'maria@example.ru', name: 'Мария Попова', locale: 'ru' } }),
      )
    ).json();
    const response = await h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${created.id}/handover`,
      headers: agent.headers,
      payload: { toUserId: colleague.user.id, note: 'She needs a replacement, not a refund.' },
    });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().owner.id, colleague.user.id);
    const messages = (
      await h.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}/messages`, headers: colleague.headers })
    ).json().items;
    const publicOnes = messages.filter(
      (m: { visibility: string; direction: string }) => m.visibility === 'public' && m.direction === 'outbound',
    );
    assert.equal(publicOnes.length, 1);
    assert.match(publicOnes[0].text, /Piotr Nowak/);
    assert.match(publicOnes[0].text, /специалист/);
    const events = (
      await h.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}/events`, headers: colleague.headers })
    ).json().items;
    const handover = events.find((e: { type: string }) => e.type === 'case.handed-over');
    assert.equal(handover.data.note, 'She needs a replacement, not a refund.');
    await h.runtime.ctx.jobs!.drain();
    const notes = (
      await h.app.inject({ method: 'GET', url: '/api/v1/me/notifications', headers: colleague.headers })
    ).json().items;
    assert.ok(notes.some((n: { kind: string; caseId: string }) => n.kind === 'handed-over' && n.caseId === created.id));
    const again = await h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${created.id}/handover`,
      headers: agent.headers,
      payload: { toUserId: colleague.user.id, note: 'x' },
    });
    assert.equal(again.statusCode, 400);
  });

  it('logs phone calls, keeps drafts, and uploads attachments with sniffed types', async () => {
    const call = await h.app.inject({
      method: 'POST',
      url: '/api/v1/cases/phone-call',
      headers: agent.headers,
      payload: {
        subject: 'Called about a refund',
        customer: { email: 'caller@example.com', phone: '+48 600 100 200' },
        summary: 'Customer called: refund not received for NW-1.',
      },
    });
    assert.equal(call.statusCode, 201);
    assert.equal(call.json().channel, 'phone');
    assert.equal(call.json().owner.id, agent.user.id);
    const id = call.json().id;
    assert.equal(
      (
        await h.app.inject({
          method: 'PUT',
          url: `/api/v1/cases/${id}/draft`,
          headers: agent.headers,
          payload: { body: 'Dear', visibility: 'public' },
        })
      ).statusCode,
      204,
    );
    assert.equal(
      (await h.app.inject({ method: 'GET', url: `/api/v1/cases/${id}/draft`, headers: agent.headers })).json().body,
      'Dear',
    );

    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a3a1c1b40000000049454e44ae426082',
      'hex',
    );
    const upload = await h.upload(agent.headers, { filename: 'photo.txt', contentType: 'text/plain', content: png });
    assert.equal(upload.statusCode, 201, upload.body);
    assert.equal(upload.json().contentType, 'image/png', 'the type comes from the bytes, not the client');
    const attachmentId = upload.json().id;
    const someoneElse = await h.app.inject({
      method: 'GET',
      url: `/api/v1/attachments/${attachmentId}`,
      headers: colleague.headers,
    });
    assert.equal(someoneElse.statusCode, 404, 'not visible before it is sent');
    const sent = await h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${id}/messages`,
      headers: agent.headers,
      payload: { body: 'Photo attached', visibility: 'public', attachments: [attachmentId], commitment: NEXT_STEP },
    });
    assert.equal(sent.statusCode, 201);
    assert.equal(sent.json().attachments[0].filename, 'photo.txt');
    const download = await h.app.inject({
      method: 'GET',
      url: `/api/v1/attachments/${attachmentId}`,
      headers: colleague.headers,
    });
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.match(String(download.headers['content-disposition']), /^attachment/);
    const reuse = await h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${id}/messages`,
      headers: agent.headers,
      payload: { body: 'again', visibility: 'public', attachments: [attachmentId], commitment: NEXT_STEP },
    });
    assert.equal(reuse.statusCode, 400);
  });
});
