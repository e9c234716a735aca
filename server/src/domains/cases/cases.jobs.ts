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
  escalated: {
    en: 'A case was escalated to you',
    ru: 'Вам передано обращение по эскалации',
    pl: 'Eskalowano do Ciebie zgłoszenie',
    ro: 'Vi s-a escaladat un caz',
  },
  'customer-replied': {
    en: 'The customer replied',
    ru: 'Клиент ответил',
    pl: 'Klient odpowiedział',
    ro: 'Clientul a răspuns',
  },
  'third-party-replied': {
    en: 'A third party replied on your case',
    ru: 'Третья сторона ответила в вашем обращении',
    pl: 'Strona trzecia odpowiedziała w Twojej sprawie',
    ro: 'O terță parte a răspuns într-un caz de-al dumneavoastră',
  },
  'commitment-due-soon': {
    en: 'A promise to the customer is due soon',
    ru: 'Скоро истекает срок, обещанный клиенту',
    pl: 'Wkrótce mija termin obiecany klientowi',
    ro: 'Termenul promis clientului expiră în curând',
  },
  'commitment-missed': {
    en: 'A promise to the customer was missed; the case comes to you as the next escalation step',
    ru: 'Срок, обещанный клиенту, пропущен; обращение передано вам как следующей ступени эскалации',
    pl: 'Nie dotrzymano terminu obiecanego klientowi; sprawa trafia do Ciebie jako kolejny szczebel eskalacji',
    ro: 'Termenul promis clientului a fost depășit; cazul vă revine ca următoarea treaptă de escaladare',
  },
  'delay-reason-needed': {
    en: 'You missed the date promised to the customer: give the reason for the delay and a new date',
    ru: 'Вы пропустили срок, обещанный клиенту: укажите причину задержки и новый срок',
    pl: 'Minął termin obiecany klientowi: podaj przyczynę opóźnienia i nowy termin',
    ro: 'Ați depășit termenul promis clientului: indicați motivul întârzierii și un nou termen',
  },
  'delivery-failed': {
    en: 'An email to the customer bounced',
    ru: 'Письмо клиенту не доставлено',
    pl: 'E-mail do klienta nie został doręczony',
    ro: 'Un e-mail către client nu a fost livrat',
  },
  'third-party-delivery-failed': {
    en: 'An email to a third party on your case bounced',
    ru: 'Письмо третьей стороне по вашему обращению не доставлено',
    pl: 'E-mail do strony trzeciej w Twojej sprawie nie został doręczony',
    ro: 'Un e-mail către o terță parte dintr-un caz de-al dumneavoastră nu a fost livrat',
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
