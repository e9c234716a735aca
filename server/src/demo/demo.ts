// Demo data for a first look: a company, six staff across the roles (all with the demo
// password) and about 200 cases with messages in EN/RU/PL/RO, some customers with several
// cases, spread over the last six weeks. Loaded only into an empty database.
import type { AppContext } from '../context.ts';
import { handOver } from '../domains/cases/cases.handover.ts';
import { addMessage } from '../domains/cases/cases.messages.ts';
import { createCase } from '../domains/cases/cases.service.ts';
import { setCommitment } from '../domains/commitments/commitments.service.ts';
import { addUser, userPrincipal } from '../domains/identity/identity.service.ts';
import { updateCompanyProfile } from '../domains/settings/settings.service.ts';
import { LANGUAGES } from '../platform/templates.ts';
import { DEMO_CONVERSATIONS, DEMO_CUSTOMERS, DEMO_NEXT_STEPS } from './demo-content.ts';
import { loadDemoArticles } from './kb.ts';
import { loadDemoPartners } from './partners.ts';

export const DEMO_PASSWORD = 'demo-password-1';
export const DEMO_USERS = [
  { email: 'admin@demo.heard.test', name: 'Alex Admin', role: 'admin', locale: 'en' },
  { email: 'supervisor@demo.heard.test', name: 'Sofia Ionescu', role: 'supervisor', locale: 'ro' },
  { email: 'agent@demo.heard.test', name: 'Anna Agent', role: 'agent', locale: 'en' },
  { email: 'agent2@demo.heard.test', name: 'Piotr Nowak', role: 'agent', locale: 'pl' },
  { email: 'lawyer@demo.heard.test', name: 'Dmitry Volkov', role: 'lawyer', locale: 'ru' },
  { email: 'staff@demo.heard.test', name: 'Will Warehouse', role: 'staff', locale: 'en' },
] as const;

export const DEMO_CASE_COUNT = 200;

/** True when the database has no cases and no users besides what the baseline made. */
export async function isEmpty(ctx: AppContext): Promise<boolean> {
  const { rows } = await ctx.database.executeSql(
    'SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM users)::int AS users',
    [],
  );
  return rows[0]?.cases === 0 && rows[0]?.users === 0;
}

/** True when the desk has no cases yet (an admin may then load the demo through the API). */
export async function hasNoCases(ctx: AppContext): Promise<boolean> {
  const { rows } = await ctx.database.executeSql('SELECT NOT EXISTS (SELECT 1 FROM cases) AS empty', []);
  return rows[0]?.empty === true;
}

/** Deterministic pseudo-random numbers, so every demo database looks the same. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

export async function loadDemo(ctx: AppContext): Promise<void> {
  await updateCompanyProfile(ctx, {
    name: 'Northwind Home',
    email: 'support@northwind.example',
    phone: '+44 20 7946 0000',
    website: 'https://northwind.example',
  });
  const users = [];
  for (const user of DEMO_USERS) users.push(await addUser(ctx, { ...user, password: DEMO_PASSWORD }));
  const [admin, supervisor, agent, agent2] = users;
  await ctx.database.executeSql('UPDATE escalation_rungs SET user_id = $1 WHERE position = 1', [agent!.id]);
  await ctx.database.executeSql('UPDATE escalation_rungs SET user_id = $1 WHERE position IN (2, 3)', [supervisor!.id]);
  await ctx.database.executeSql('UPDATE escalation_rungs SET user_id = $1 WHERE position = 4', [admin!.id]);
  const staff = [agent!, agent2!, supervisor!].map(userPrincipal);
  const random = seeded(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const day = 24 * 3600_000;

  for (let index = 0; index < DEMO_CASE_COUNT; index++) {
    const language = LANGUAGES[index % LANGUAGES.length]!;
    const conversation = pick(DEMO_CONVERSATIONS[language]);
    const customers = DEMO_CUSTOMERS[language];
    const customer = random() < 0.35 ? pick(customers.slice(0, 3)) : pick(customers.slice(3));
    const order = `NW-${String(10_000 + index * 7).padStart(6, '0')}`;
    const owner = staff[index % 3 === 0 ? 1 : 0]!;
    const created = await createCase(ctx, owner, {
      subject: conversation.subject.replaceAll('{{order}}', order),
      customer: { ...customer, locale: language },
      message: { body: conversation.body.replaceAll('{{order}}', order) },
      channel: pick(['email', 'email', 'web', 'phone', 'api'] as const),
      category: conversation.category,
      priority: pick(['low', 'normal', 'normal', 'normal', 'high', 'urgent'] as const),
      ownerId: index % 5 === 4 ? null : owner.id,
    });
    const age = Math.floor(random() * 42 * day);
    const roll = random();
    if (conversation.reply && roll > 0.35) {
      const resolves = roll > 0.75;
      await addMessage(ctx, owner, created.id, {
        body: conversation.reply.replaceAll('{{name}}', customer.name),
        visibility: 'public',
        ...(resolves
          ? { status: 'resolved' }
          : { commitment: { nextStep: DEMO_NEXT_STEPS.customer[language], waitingOn: 'customer' as const } }),
      });
    } else if (roll > 0.9) {
      await handOver(ctx, owner, created.id, {
        toUserId: (owner.id === agent!.id ? agent2! : agent!).id,
        note: 'Please take this one: the customer writes in a language you know best.',
      });
    } else if (roll > 0.8) {
      await setCommitment(ctx, owner, created.id, {
        nextStep: DEMO_NEXT_STEPS.carrier[language],
        waitingOn: 'third-party',
      });
    }
    // Spread the history over the last six weeks; the newest cases are today's.
    await ctx.database.executeSql(
      `UPDATE cases SET created_at = now() - make_interval(secs => $2::float8 / 1000),
                        updated_at = now() - make_interval(secs => $2::float8 / 1000) + interval '2 hours'
       WHERE id = $1`,
      [created.id, age],
    );
    await ctx.database.executeSql(
      `UPDATE messages SET created_at = created_at - make_interval(secs => $2::float8 / 1000) WHERE case_id = $1`,
      [created.id, age],
    );
    await ctx.database.executeSql(
      `UPDATE events SET created_at = created_at - make_interval(secs => $2::float8 / 1000) WHERE case_id = $1`,
      [created.id, age],
    );
    // Fulfilled commitments move back with their case; about one first reply in seven came
    // late, so the kept/early report has both sides. Current commitments keep their dates.
    await ctx.database.executeSql(
      `UPDATE commitments SET created_at = created_at - make_interval(secs => $2::float8 / 1000),
                              closed_at = closed_at - make_interval(secs => $2::float8 / 1000),
                              due_at = due_at - make_interval(secs => $2::float8 / 1000)
                                       - CASE WHEN $3 THEN (due_at - closed_at) + interval '3 hours' ELSE interval '0' END,
                              state = CASE WHEN $3 THEN 'missed' ELSE state END
       WHERE case_id = $1 AND state = 'kept'`,
      [created.id, age, index % 7 === 3],
    );
  }
  await loadDemoArticles(ctx, userPrincipal(admin!));
  await loadDemoPartners(ctx, staff[0]!);
  ctx.log.info({ cases: DEMO_CASE_COUNT, users: users.length }, 'demo data loaded');
}
