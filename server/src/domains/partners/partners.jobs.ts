// The referral outcome follow-up sweep: every hour (pg-boss keys each cron tick, so two
// processes never run the same one) it claims the outgoing referrals older than the
// configured number of days that were not followed up yet, and records one email each
// through the outbox. Claiming marks them in the same transaction, so a referral is asked
// about once; the email's Message-ID is derived from the referral, so a retried send is
// the same message.
import type { AppContext } from '../../context.ts';
import { enqueue, type JobDefinition } from '../../platform/jobs.ts';
import { renderTemplate } from '../../platform/templates.ts';
import { domainFromUrl } from '../../platform/url.ts';
import { asLanguage } from '../cases/cases.language.ts';
import { companyProfile } from '../settings/settings.service.ts';
import { FOLLOW_UP_TEXT, signReferralLink } from './partners.follow-up.ts';
import { referralsRepository } from './partners.repository.ts';
import { referralSettings } from './partners.service.ts';

export const FOLLOW_UP_QUEUE = 'referrals.follow-up';
const BATCH = 100;

/** Sends the follow-ups that are due; returns how many were recorded. */
export async function sendDueFollowUps(ctx: AppContext): Promise<number> {
  const messageDomain = domainFromUrl(ctx.config.publicUrl);
  let sent = 0;
  for (;;) {
    const claimed = await ctx.database.transaction(async (tx) => {
      const { followUpDays } = await referralSettings(tx);
      const due = await referralsRepository.claimDueFollowUps(tx, followUpDays, BATCH);
      const company = await companyProfile(tx);
      for (const referral of due) {
        if (!referral.customer_email) continue;
        const text = FOLLOW_UP_TEXT[asLanguage(referral.language, 'en')];
        const link = `${ctx.config.publicUrl}/r/${signReferralLink(ctx.secret, referral.id)}`;
        const variables = {
          customer: { name: referral.customer_name },
          partner: { name: referral.partner_name },
          company: { name: company.name },
          case: { number: referral.case_number ?? '' },
          links: {
            satisfied: `${link}?answer=satisfied`,
            notSatisfied: `${link}?answer=not-satisfied`,
            notServed: `${link}?answer=not-served`,
          },
        };
        await enqueue(tx, 'email.send', {
          to: referral.customer_email,
          subject: renderTemplate(text.subject, variables),
          text: renderTemplate(text.body, variables),
          messageId: `<referral-follow-up-${referral.id}@${messageDomain}>`,
        });
      }
      return due.length;
    });
    sent += claimed;
    if (claimed < BATCH) break;
  }
  if (sent > 0) {
    ctx.jobs?.kick();
    ctx.log.info({ sent }, 'referral follow-ups sent');
  }
  return sent;
}

export const partnerJobs = (ctx: AppContext): JobDefinition<never>[] => [
  {
    queue: FOLLOW_UP_QUEUE,
    cron: '41 * * * *',
    async handle() {
      await sendDueFollowUps(ctx);
    },
  },
];
