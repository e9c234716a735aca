// Sending email after commit. `case.reply` emails a public message of a case to its customer,
// or a third-party message to that party, and records its delivery state; `email.send` sends
// a rendered template (invitations, password resets, agent notifications). Both retry with
// exponential backoff while the relay is unreachable or answers 4xx, and give up at once on a 5xx.
//
// Exactly once: the Message-ID is derived from the message id, and `sent` is recorded right
// after the relay accepted the message; a job that finds `sent` does nothing. The one window
// left is a crash (or a database failure) between the relay's acceptance and that write: the
// retry then sends the same email again, under the same Message-ID (docs/email.md).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppContext } from '../../context.ts';
import type { JobDefinition, JobInfo } from '../../platform/jobs.ts';
import { isPermanentFailure, type Mailer } from '../../platform/mailer.ts';
import { domainFromUrl } from '../../platform/url.ts';
import { attachmentsFolder } from '../attachments/attachments.service.ts';
import { asLanguage } from '../cases/cases.language.ts';
import { type CaseRow, casesRepository, type MessageRow } from '../cases/cases.repository.ts';
import type { OutgoingEmail } from '../settings/settings.service.ts';
import { outboundRepository as repo } from './outbound.repository.ts';
import { type AutoSubmitted, buildCaseEmail, outboundMessageId, parseMailbox } from './outbound.ts';
import { caseToken } from './token.ts';

/** The payload of `case.reply`, enqueued in the transaction that stores the message. */
export interface CaseEmailJob {
  caseId: string;
  messageId: string;
  /** CC the case's participants too. */
  replyAll?: boolean;
  /** Set on messages the system wrote (acknowledgements, notices). */
  automatic?: AutoSubmitted;
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 1000);

const lastAttempt = (job: JobInfo): boolean => (job.retryCount ?? 0) >= (job.retryLimit ?? 0);

export function outboundJobs(ctx: AppContext, mailer: Mailer): JobDefinition<never>[] {
  const domain = domainFromUrl(ctx.config.publicUrl);
  const desk = parseMailbox(ctx.config.mailFrom);
  const retry = {
    retryLimit: ctx.config.mailRetry.limit,
    retryDelay: ctx.config.mailRetry.delaySeconds,
    retryBackoff: true,
    // Emails of a batch are sent one after the other: against a relay that drops packets each
    // waits for the connection timeout, so small batches keep a worker from stalling for long.
    batchSize: 5,
  };

  const threadOf = async (caseId: string, messageId: string, party: string | null) => {
    const entries = await repo.thread(ctx.database, caseId, messageId, party);
    const ids = entries.map((entry) =>
      entry.direction === 'inbound' ? angled(entry.headerMessageId!) : outboundMessageId(entry.messageId, domain),
    );
    const lastInbound = entries.findLast((entry) => entry.direction === 'inbound');
    return {
      inReplyTo: lastInbound ? angled(lastInbound.headerMessageId!) : ids.at(-1),
      references: [...new Set(ids)],
    };
  };

  const compose = async (row: CaseRow, message: MessageRow, job: CaseEmailJob) => {
    // A message to a third party goes to that party alone, with no customer footer.
    const party = message.visibility === 'third-party' ? message.third_party_email : null;
    const cc =
      job.replyAll && !party
        ? (await repo.participants(ctx.database, row.id)).filter(
            (email) => ![row.customer_email, desk.address].some((own) => own.toLowerCase() === email.toLowerCase()),
          )
        : [];
    const files = await repo.attachmentFiles(ctx.database, message.id);
    const attachments = await Promise.all(
      files.map(async (file) => ({
        filename: file.filename,
        contentType: file.content_type,
        content: await readFile(join(attachmentsFolder(ctx), file.sha256)),
      })),
    );
    // The commitment footer is stored per message by the commitments work; absent on older rows.
    const footer = party ? undefined : (message.footer ?? undefined);
    return buildCaseEmail({
      desk,
      authorName: message.author_user_id ? message.author_name : null,
      to: party ? { name: message.third_party_name ?? '', address: party } : row.customer_email,
      audience: party ? 'third-party' : 'customer',
      cc,
      caseNumber: row.number,
      caseSubject: row.subject,
      caseToken: caseToken(ctx.secret, row.number),
      language: asLanguage(message.language, asLanguage(row.language, 'en')),
      messageId: outboundMessageId(message.id, domain),
      thread: await threadOf(row.id, message.id, party),
      text: message.body_text,
      attachments,
      ...(job.automatic ? { automatic: job.automatic } : {}),
      ...(footer ? { footer } : {}),
    });
  };

  /** Tells the case's live views that a delivery state changed. */
  const announce = (row: CaseRow) =>
    ctx.changes.publish({
      kind: 'case',
      caseId: row.id,
      teamId: row.team_id,
      ownerId: row.owner_id,
      customerId: row.customer_id,
    });

  return [
    {
      queue: 'email.send',
      ...retry,
      async handle(data: OutgoingEmail, job) {
        try {
          await mailer.send({ ...data, messageId: data.messageId ?? `<${job.id}@${domain}>` });
        } catch (error) {
          if (!isPermanentFailure(error)) throw error;
          ctx.log.warn({ err: error, to: data.to, subject: data.subject }, 'the relay refused an email for good');
        }
      },
    },
    {
      queue: 'case.reply',
      ...retry,
      async handle(data: CaseEmailJob, job) {
        const state = await repo.deliveryState(ctx.database, data.messageId);
        if (state !== 'queued' && state !== null) return;
        const row = await casesRepository.byId(ctx.database, data.caseId);
        const message = await casesRepository.messageById(ctx.database, data.messageId);
        if (!row || message?.case_id !== row.id || !EMAILED.includes(message.visibility)) return;
        try {
          const sent = await mailer.send(await compose(row, message, data));
          await repo.markSent(ctx.database, message.id, sent.rejected.length > 0 ? `refused: ${sent.rejected}` : null);
        } catch (error) {
          if (!isPermanentFailure(error) && !lastAttempt(job)) {
            await repo.noteRetry(ctx.database, message.id, describe(error));
            announce(row);
            throw error;
          }
          ctx.log.warn({ err: error, messageId: message.id }, 'email not delivered');
          await repo.markFailed(ctx.database, message.id, describe(error));
        }
        announce(row);
      },
    },
  ];
}

/** Messages that leave by email: to the customer, or to a third party (never an internal note). */
const EMAILED = ['public', 'third-party'];

/** Message-IDs are compared and sent with their angle brackets. */
const angled = (id: string): string => (id.startsWith('<') ? id : `<${id}>`);
