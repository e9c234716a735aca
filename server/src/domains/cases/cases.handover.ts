// The warm hand-over: a named colleague takes the case with a note they see first, and the
// customer is told once who helps them now.
import { type AppContext, transaction } from '../../context.ts';
import { forbidden, invalid } from '../../errors.ts';
import { enqueue } from '../../platform/jobs.ts';
import { isManager, type Principal } from '../../platform/principal.ts';
import { identityRepository } from '../identity/identity.repository.ts';
import { renderStoredTemplate } from '../settings/settings.service.ts';
import { asLanguage, SEARCH_CONFIGS, searchText } from './cases.language.ts';
import { presentCase } from './cases.presenter.ts';
import { casesRepository as repo } from './cases.repository.ts';
import { announce, caseChanged, indexMessage, loadVisibleCase, notifyUser } from './cases.service.ts';
import { caseReferenceData } from './reference-data.ts';

/**
 * Warm hand-over: the case goes to a named colleague with a note they see first; the
 * customer gets one message saying who helps them now.
 */
export async function handOver(
  ctx: AppContext,
  principal: Principal,
  id: string,
  input: { toUserId: string; note: string },
) {
  const reference = await caseReferenceData(ctx);
  if (!(await reference.isActiveStaff(input.toUserId))) throw invalid('body/toUserId', 'no such active colleague');
  return transaction(ctx, async (unit) => {
    const current = await loadVisibleCase(unit, principal, id, 'handover');
    if (current.owner_id === input.toUserId) throw invalid('body/toUserId', 'the case is already theirs');
    if (current.owner_id && current.owner_id !== principal.id && !isManager(principal) && principal.kind === 'user') {
      throw forbidden('only the owner or a supervisor may hand this case over');
    }
    const colleague = (await identityRepository.userById(unit, input.toUserId))!;
    const updated = await repo.update(unit, id, current.version, { ownerId: input.toUserId });
    if (!updated) throw await caseChanged(unit, id, current.version);
    const language = asLanguage(current.language, reference.defaultLanguage);
    const customerMessage = await renderStoredTemplate(unit, 'case.handover', language, {
      case: { number: current.number, subject: current.subject },
      customer: { name: current.customer_name ?? current.customer_email },
      agent: { name: colleague.name },
      previousAgent: { name: current.owner_name ?? principal.name },
    });
    const note = await repo.insertMessage(unit, {
      caseId: id,
      direction: 'outbound',
      visibility: 'internal',
      channel: current.channel,
      authorUserId: principal.kind === 'user' ? principal.id : null,
      authorCustomerId: null,
      body: input.note,
      ...indexMessage(input.note, language),
    });
    const told = await repo.insertMessage(unit, {
      caseId: id,
      direction: 'outbound',
      visibility: 'public',
      channel: current.channel,
      authorUserId: colleague.id,
      authorCustomerId: null,
      body: customerMessage.body,
      language,
      searchConfig: SEARCH_CONFIGS[language],
      searchText: searchText(language, customerMessage.body),
      deliveryState: 'queued',
    });
    await repo.insertEvent(unit, {
      caseId: id,
      actorType: principal.kind,
      actorUserId: principal.kind === 'user' ? principal.id : null,
      type: 'case.handed-over',
      data: {
        version: updated.version,
        fromUserId: current.owner_id,
        toUserId: colleague.id,
        toName: colleague.name,
        note: input.note,
        noteMessageId: note.id,
        customerMessageId: told.id,
        actorName: principal.name,
      },
    });
    await enqueue(unit, 'case.reply', { caseId: id, messageId: told.id, automatic: 'auto-generated' });
    await notifyUser(unit, colleague.id, id, 'handed-over');
    const after = (await repo.byId(unit, id))!;
    announce(ctx, unit, after);
    return presentCase(after);
  });
}
