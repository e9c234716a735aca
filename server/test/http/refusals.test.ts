// Guided refusals over HTTP: each reason drafts a reply in the case language (never sent by
// itself) that passes the reply checker, records the refusal and its cause on the case, and
// refers the customer to the best matching active partner.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addBusinessMinutes, DEFAULT_CALENDAR } from '../../src/domains/commitments/business-time.ts';
import { createHarness, type Harness, newCasePayload, type Session } from '../helpers/http.ts';

describe('guided refusals', () => {
  let h: Harness;
  let admin: Session;
  let agent: Session;
  const partners: Record<string, string> = {};

  before(async () => {
    h = await createHarness();
    admin = await h.signIn('admin');
    agent = await h.signIn('agent', { name: 'Anna Agent' });
    await h.app.inject({
      method: 'PATCH',
      url: '/api/v1/settings/company',
      headers: admin.headers,
      payload: { name: 'Northwind Home', website: 'https://northwind.example', phone: '+44 20 7946 0000' },
    });
    const directory = [
      { name: 'Vistula Kitchens', specializations: ['kitchen-installation'], regions: ['PL'] },
      { name: 'Volga Kitchens', specializations: ['kitchen-installation'], regions: ['RU'] },
      { name: 'Anywhere Kitchens', specializations: ['kitchen-installation'], regions: [] },
      { name: 'Aardvark Kitchens', specializations: ['kitchen-installation'], regions: ['RU'], status: 'paused' },
      { name: 'Moscow Movers', specializations: ['furniture-assembly'], regions: ['RU'] },
    ];
    for (const partner of directory) {
      const created = await h.app.inject({
        method: 'POST',
        url: '/api/v1/partners',
        headers: admin.headers,
        payload: {
          ...partner,
          terms: 'a 10% discount for our customers',
          contact: { email: 'office@baltic-kitchens.example', phone: '+48 22 123 45 67' },
        },
      });
      partners[partner.name] = created.json().id;
    }
  });
  after(() => h.close());

  const createCase = async (payload: Record<string, unknown> = {}, country?: string) => {
    const created = (
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: agent.headers,
        payload: newCasePayload(payload),
      })
    ).json();
    if (country) {
      await h.app.inject({
        method: 'PATCH',
        url: `/api/v1/customers/${created.customer.id}`,
        headers: agent.headers,
        payload: { country },
      });
    }
    return created as { id: string; number: number; customer: { id: string } };
  };
  const refuse = (caseId: string, payload: Record<string, unknown>, session: Session = agent) =>
    h.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/refusal`, headers: session.headers, payload });
  /** Sends a draft: a referral closes the request; a "not now" promises the wait date. */
  const send = (caseId: string, body: string, after: Record<string, unknown> = { status: 'resolved' }) =>
    h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/messages`,
      headers: agent.headers,
      payload: { body, visibility: 'public', ...after },
    });

  it('other-specialization: proposes the active partner for the customer’s country, drafts in Russian, records it all', async () => {
    const created = await createCase(
      {
        subject: 'Нужна установка кухни',
        customer: { email: 'olga.misdirected@example.ru', name: 'Ольга Петрова', locale: 'ru' },
        message: { body: 'Здравствуйте! Можете ли вы установить кухню в новой квартире?' },
        tags: ['kitchen-installation'],
      },
      'RU',
    );
    const response = await refuse(created.id, { reason: 'other-specialization', cause: 'misdirected' });
    assert.equal(response.statusCode, 201, response.body);
    const { refusal, draft } = response.json();
    // Volga serves Russia (+2 over Anywhere); Aardvark is paused; Vistula serves Poland only.
    assert.equal(refusal.partnerId, partners['Volga Kitchens']);
    assert.equal(refusal.reason, 'other-specialization');
    assert.equal(refusal.cause, 'misdirected');
    assert.equal(draft.language, 'ru');
    assert.match(draft.body, /Ольга Петрова/);
    assert.match(draft.body, /Volga Kitchens/);
    assert.match(draft.body, /office@baltic-kitchens\.example/);
    assert.match(draft.body, /Anna Agent/);

    const events = (
      await h.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}/events`, headers: agent.headers })
    ).json().items;
    const refused = events.find((event: { type: string }) => event.type === 'case.refused');
    assert.equal(refused.data.cause, 'misdirected');
    assert.equal(refused.data.partnerName, 'Volga Kitchens');
    // The draft is not sent: the case has only the customer's message.
    const messages = (
      await h.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}/messages`, headers: agent.headers })
    ).json().items;
    assert.equal(messages.length, 1);

    const referrals = (
      await h.app.inject({
        method: 'GET',
        url: `/api/v1/referrals?partnerId=${partners['Volga Kitchens']}`,
        headers: agent.headers,
      })
    ).json().items;
    assert.equal(referrals.length, 1);
    assert.equal(referrals[0].direction, 'outgoing');
    assert.equal(referrals[0].case.id, created.id);
    assert.equal(referrals[0].refusalId, refusal.id);
    assert.deepEqual(referrals[0].outcome, { followUpSentAt: null, served: null, satisfied: null, answeredAt: null });

    // The agent sends the draft as it is: the reply checker lets it through.
    assert.equal((await send(created.id, draft.body)).statusCode, 201);
  });

  it('matches by specialization and region, and uses an explicit partner when given', async () => {
    const polish = await createCase(
      { subject: 'Montaż kuchni', customer: { email: 'jan.k@example.pl', name: 'Jan Kowalski', locale: 'pl' } },
      'PL',
    );
    const pl = (await refuse(polish.id, { reason: 'other-specialization', cause: 'misdirected' })).json();
    assert.equal(pl.refusal.partnerId, null, 'no specialization named: nobody is proposed');
    assert.equal(pl.draft.language, 'pl');

    const tagged = await createCase(
      {
        customer: { email: 'jan.k@example.pl' },
        subject: 'Kitchen installation please',
        tags: ['Kitchen installation'],
      },
      'PL',
    );
    assert.equal(
      (await refuse(tagged.id, { reason: 'other-specialization', cause: 'overload' })).json().refusal.partnerId,
      partners['Vistula Kitchens'],
    );

    const elsewhere = await createCase({ subject: 'Kitchen installation', tags: ['kitchen-installation'] }, 'DE');
    const suggestion = await h.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${elsewhere.id}/partner-suggestion`,
      headers: agent.headers,
    });
    assert.equal(suggestion.json().partner.name, 'Anywhere Kitchens');
    assert.equal(
      (await refuse(elsewhere.id, { reason: 'other-specialization', cause: 'misdirected' })).json().refusal.partnerId,
      partners['Anywhere Kitchens'],
      'only the partner without regions serves Germany',
    );

    const chosen = (
      await refuse(elsewhere.id, {
        reason: 'other-specialization',
        cause: 'misdirected',
        partnerId: partners['Moscow Movers'],
      })
    ).json();
    assert.equal(chosen.refusal.partnerId, partners['Moscow Movers']);
    assert.match(chosen.draft.body, /Moscow Movers/);
  });

  it('temporarily-unable: the honest proposal when no date is given, else the agent’s date, and the alternative', async () => {
    const created = await createCase({ subject: 'Oak table in stock?', category: 'delivery' });
    const before = Date.now();
    const response = await refuse(created.id, {
      reason: 'temporarily-unable',
      cause: 'process-failure',
      alternative: 'the same table in walnut, in stock today',
    });
    assert.equal(response.statusCode, 201, response.body);
    const { refusal, draft } = response.json();
    const expected = addBusinessMinutes(DEFAULT_CALENDAR, new Date(before), 960).getTime();
    assert.ok(Math.abs(Date.parse(refusal.waitUntil) - expected) < 60_000, `${refusal.waitUntil}`);
    assert.equal(refusal.alternative, 'the same table in walnut, in stock today');
    assert.match(draft.body, /the same table in walnut, in stock today/);
    assert.equal(draft.language, 'en');
    const waiting = await send(created.id, draft.body, {
      commitment: {
        nextStep: 'We write when the table is back in stock',
        waitingOn: 'third-party',
        dueAt: refusal.waitUntil,
      },
    });
    assert.equal(waiting.statusCode, 201, waiting.body);

    const chosen = await refuse(created.id, {
      reason: 'temporarily-unable',
      cause: 'overload',
      waitUntil: '2099-03-14T10:00:00Z',
    });
    assert.equal(chosen.json().refusal.waitUntil, '2099-03-14T10:00:00.000Z');
    assert.match(chosen.json().draft.body, /March 14, 2099/);
  });

  it('unrelated: a polite refusal with who we are, and the company card after a phone call', async () => {
    const written = await createCase({
      subject: 'Czy sprzedajecie bilety lotnicze?',
      customer: { email: 'ewa.bilety@example.pl', name: 'Ewa Nowak', locale: 'pl' },
    });
    const response = await refuse(written.id, { reason: 'unrelated', cause: 'misdirected' });
    assert.equal(response.statusCode, 201, response.body);
    const { refusal, draft } = response.json();
    assert.equal(refusal.partnerId, null);
    assert.equal(draft.language, 'pl');
    assert.match(draft.body, /Sprzedajemy i dostarczamy towary/);
    assert.doesNotMatch(draft.body, /\+44 20 7946 0000\n/);

    const call = await h.app.inject({
      method: 'POST',
      url: '/api/v1/cases/phone-call',
      headers: agent.headers,
      payload: {
        subject: 'Asked whether we repair cars',
        customer: { email: 'caller@example.com', name: 'Tom Caller' },
        summary: 'The caller wanted a car repaired; we do not do that.',
      },
    });
    const phone = await refuse(call.json().id, { reason: 'unrelated', cause: 'misdirected' });
    assert.match(phone.json().draft.body, /Northwind Home\nhttps:\/\/northwind\.example\n\+44 20 7946 0000\n/);
    assert.equal(
      (await h.app.inject({ method: 'GET', url: '/api/v1/referrals', headers: agent.headers })).json().items.length,
      4,
    );
  });

  it('refuses invalid refusals with 400', async () => {
    const created = await createCase();
    const wrong: [Record<string, unknown>, string][] = [
      [{ reason: 'too-busy', cause: 'overload' }, 'body/reason'],
      [{ reason: 'unrelated', cause: 'bad-luck' }, 'body/cause'],
      [{ reason: 'unrelated' }, 'body/cause'],
      [{ reason: 'unrelated', cause: 'overload', waitUntil: '2099-01-01T00:00:00Z' }, 'body/waitUntil'],
      [{ reason: 'other-specialization', cause: 'overload', alternative: 'x' }, 'body/alternative'],
      [{ reason: 'temporarily-unable', cause: 'overload', waitUntil: '2001-01-01T00:00:00Z' }, 'body/waitUntil'],
      [{ reason: 'temporarily-unable', cause: 'overload', waitUntil: 'tomorrow' }, 'body/waitUntil'],
      [{ reason: 'unrelated', cause: 'overload', partnerId: partners['Volga Kitchens'] }, 'body/partnerId'],
      [
        { reason: 'other-specialization', cause: 'overload', partnerId: partners['Aardvark Kitchens'] },
        'body/partnerId',
      ],
      [{ reason: 'other-specialization', cause: 'overload', partnerId: 'nope' }, 'body/partnerId'],
    ];
    for (const [payload, field] of wrong) {
      const response = await refuse(created.id, payload);
      assert.equal(response.statusCode, 400, `${JSON.stringify(payload)}: ${response.body}`);
      assert.equal(response.json().errors[0].field, field, JSON.stringify(payload));
    }
  });

  it('lets only staff who can work the case refuse it', async () => {
    const created = await createCase({ customer: { email: 'portal.user@example.com', name: 'Portal User' } });
    const payload = { reason: 'unrelated', cause: 'misdirected' };
    const customer = await h.signIn('customer', { email: 'portal.user@example.com' });
    assert.equal((await refuse(created.id, payload, customer)).statusCode, 403);
    assert.equal((await refuse(created.id, payload, await h.signIn('staff'))).statusCode, 403);
    const otherTeam = await h.signIn('agent', { teamId: await h.team('Wholesale') });
    assert.equal((await refuse(created.id, payload, otherTeam)).statusCode, 404);
    const anonymous = await h.app.inject({ method: 'POST', url: `/api/v1/cases/${created.id}/refusal`, payload });
    assert.equal(anonymous.statusCode, 401);
    const referrals = await h.app.inject({ method: 'GET', url: '/api/v1/referrals', headers: customer.headers });
    assert.equal(referrals.statusCode, 403);
  });

  it('records referrals received from partners', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/referrals',
      headers: agent.headers,
      payload: {
        partnerId: partners['Moscow Movers'],
        customer: { email: 'Sent.By.Partner@example.ru', name: 'Иван Иванов' },
        note: 'Needs a sofa delivered',
      },
    });
    assert.equal(response.statusCode, 201, response.body);
    const referral = response.json();
    assert.equal(referral.direction, 'incoming');
    assert.equal(referral.customer.email, 'sent.by.partner@example.ru');
    const partner = (
      await h.app.inject({
        method: 'GET',
        url: `/api/v1/partners/${partners['Moscow Movers']}`,
        headers: agent.headers,
      })
    ).json();
    assert.equal(partner.outcomes.incoming, 1);
    const missing = await h.app.inject({
      method: 'POST',
      url: '/api/v1/referrals',
      headers: agent.headers,
      payload: { partnerId: partners['Moscow Movers'] },
    });
    assert.equal(missing.statusCode, 400);
    const unknownPartner = await h.app.inject({
      method: 'POST',
      url: '/api/v1/referrals',
      headers: agent.headers,
      payload: { partnerId: '00000000-0000-4000-8000-000000000000', customer: { email: 'a@example.com' } },
    });
    assert.equal(unknownPartner.statusCode, 400);
  });
});
