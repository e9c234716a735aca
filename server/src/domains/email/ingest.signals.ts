// What automatic and suspicious mail does to cases during ingestion: a bounce marks the
// outbound messages it refers to and tells their owners; a mail loop or failed sender
// authentication tags the case, with an event, once.
import type { AppContext, Unit } from '../../context.ts';
import { casesRepository } from '../cases/cases.repository.ts';
import { announce, notifyUser } from '../cases/cases.service.ts';
import { ingestRepository as ingestRepo } from './ingest.repository.ts';
import { outboundRepository } from './outbound.repository.ts';
import { sentMessageId } from './outbound.ts';
import type { ParsedEmail } from './parse/parsed.ts';

/** Tags the channel puts on cases: a mail loop, a sender whose authentication failed. */
const LOOP_TAG = 'mail-loop';
export const SPAM_SUSPECT_TAG = 'spam-suspect';

/** Marks the outbound messages a bounce refers to, tells their cases' owners; returns the first case. */
export async function recordBounce(ctx: AppContext, unit: Unit, email: ParsedEmail): Promise<string | null> {
  const ids = email.bouncedMessageIds.map(sentMessageId).filter((value): value is string => value !== null);
  const reason = email.kindReason ?? 'the recipient’s server returned the message';
  const bounced = await ingestRepo.outboundMessages(unit, ids);
  for (const message of bounced) {
    await outboundRepository.markBounced(unit, message.id, reason);
    await casesRepository.insertEvent(unit, {
      caseId: message.case_id,
      actorType: 'system',
      actorUserId: null,
      type: 'email.bounced',
      data: { messageId: message.id, reason },
    });
    if (message.owner_id) {
      const kind = message.visibility === 'third-party' ? 'third-party-delivery-failed' : 'delivery-failed';
      await notifyUser(unit, message.owner_id, message.case_id, kind);
    }
    announce(ctx, unit, {
      id: message.case_id,
      team_id: message.team_id,
      owner_id: message.owner_id,
      customer_id: message.customer_id,
    });
  }
  return bounced[0]?.case_id ?? null;
}

/** Loop protection and the spam signal on an existing case: a tag and an event, once. */
export async function flagCase(ctx: AppContext, unit: Unit, caseId: string, from: string, authFailure?: ParsedEmail) {
  const { limit, windowMinutes } = ctx.config.emailLoop;
  const recent = await ingestRepo.recentFromSender(unit, caseId, from, windowMinutes);
  const flags: { tag: string; type: string; data: Record<string, unknown> }[] = [];
  if (recent > limit) {
    flags.push({ tag: LOOP_TAG, type: 'email.loop-detected', data: { sender: from, messages: recent, windowMinutes } });
  }
  if (authFailure) {
    flags.push({ tag: SPAM_SUSPECT_TAG, type: 'email.authentication-failed', data: { ...authFailure.authentication } });
  }
  for (const flag of flags) {
    const { added, version } = await ingestRepo.addTags(unit, caseId, [flag.tag]);
    if (added.length === 0) continue;
    await casesRepository.insertEvent(unit, {
      caseId,
      actorType: 'system',
      actorUserId: null,
      type: flag.type,
      data: { version, tags: added, ...flag.data },
    });
  }
}
