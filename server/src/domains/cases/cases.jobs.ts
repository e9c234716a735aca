// Reactions to case changes, run after commit through the jobs platform. Each is
// idempotent: emails carry a Message-ID derived from the notification id. Customer emails
// are sent by email/outbound.jobs.ts.

import type { AppContext } from '../../context.ts';
import type { JobDefinition } from '../../platform/jobs.ts';
import { enqueue } from '../../platform/jobs.ts';
import { domainFromUrl } from '../../platform/url.ts';
import { identityRepository } from '../identity/identity.repository.ts';
import { renderStoredTemplate } from '../settings/settings.service.ts';
import { asLanguage } from './cases.language.ts';
import { casesRepository } from './cases.repository.ts';

const NOTIFICATION_TEXT: Record<string, Record<string, string>> = {
  assigned: {
    en: 'A case was assigned to you',
    ru: 'Вам назначено обращение',
    pl: 'Przypisano Ci zgłoszenie',
    ro: 'Vi s-a atribuit un caz',
  },
  'handed-over': {
    en: 'A colleague handed a case over to you',
    ru: 'Коллега передал(а) вам обращение',
    pl: 'Współpracownik przekazał Ci zgłoszenie',
    ro: 'Un coleg v-a predat un caz',
  },
  'customer-replied': {
    en: 'The customer replied',
    ru: 'Клиент ответил',
    pl: 'Klient odpowiedział',
    ro: 'Clientul a răspuns',
  },
  'delivery-failed': {
    en: 'An email to the customer bounced',
    ru: 'Письмо клиенту не доставлено',
    pl: 'E-mail do klienta nie został doręczony',
    ro: 'Un e-mail către client nu a fost livrat',
  },
};

export function caseJobs(ctx: AppContext): JobDefinition<never>[] {
  const messageDomain = domainFromUrl(ctx.config.publicUrl);
  const definitions: JobDefinition<never>[] = [
    {
      queue: 'notify.user',
      async handle(data: { userId: string; caseId: string; kind: string }, job) {
        const user = await identityRepository.userById(ctx.database, data.userId);
        const row = await casesRepository.byId(ctx.database, data.caseId);
        if (!user || !row || !user.active) return;
        const language = asLanguage(user.locale, 'en');
        const text = NOTIFICATION_TEXT[data.kind]?.[language] ?? data.kind;
        await ctx.database.transaction(async (tx) => {
          // The job id is the notification id: a retried job inserts nothing twice.
          const { rows } = await tx.executeSql(
            `INSERT INTO notifications (id, user_id, case_id, kind, text) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (id) DO NOTHING RETURNING id`,
            [job.id, user.id, row.id, data.kind, text],
          );
          if (rows.length === 0 || !user.notifyByEmail) return;
          const email = await renderStoredTemplate(tx, 'agent.notification', language, {
            case: { number: row.number, subject: row.subject },
            customer: { name: row.customer_name ?? row.customer_email },
            agent: { name: user.name },
            text,
            link: `${ctx.config.publicUrl}/cases/${row.id}`,
          });
          await enqueue(tx, 'email.send', {
            to: user.email,
            subject: email.subject,
            text: email.body,
            messageId: `<notification-${job.id}@${messageDomain}>`,
          });
        });
        ctx.jobs?.kick();
      },
    },
  ];
  return definitions;
}
