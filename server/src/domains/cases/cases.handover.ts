// The warm hand-over: a named colleague takes the case with a note they see first, and the
// customer is told once who helps them now.
import { type AppContext, transaction } from '../../context.ts';
import { forbidden, invalid } from '../../errors.ts';
import { isManager, type Principal } from '../../platform/principal.ts';
import { commitmentWrites } from '../commitments/commitments.repository.ts';
import { applyCommitment, type CommitmentInput, resolveCommitment } from '../commitments/commitments.service.ts';
import { postCustomerMessage } from '../commitments/customer-messages.ts';
import { identityRepository } from '../identity/identity.repository.ts';
import { asLanguage } from './cases.language.ts';
import { presentCase } from './cases.presenter.ts';
import { casesRepository as repo } from './cases.repository.ts';
import { announce, caseChanged, indexMessage, loadVisibleCase, notifyUser } from './cases.service.ts';
import { caseReferenceData } from './reference-data.ts';

/**
 * Warm hand-over: the case goes to a named colleague with a note they see first; the
 * customer gets one message saying who helps them now — and, when the plan changes with
 * it, what happens next (the footer), in the same message.
 */
export async function handOver(
  ctx: AppContext,
  principal: Principal,
  id: string,
  input: { toUserId: string; note: string; commitment?: CommitmentInput },
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
    const commitment = input.commitment
      ? await resolveCommitment(unit, current, input.commitment, reference.isActiveStaff, 'body/commitment')
      : undefined;
    const updated = await repo.update(unit, id, current.version, { ownerId: input.toUserId });
    if (!updated) throw await caseChanged(unit, id, current.version);
    const language = asLanguage(current.language, reference.defaultLanguage);
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
        actorName: principal.name,
      },
    });
    // A new plan, if any, goes into the same single message that tells who helps now.
    if (commitment) {
      const moved = (await repo.byId(unit, id))!;
      await applyCommitment(unit, principal, moved, {
        ...commitment,
        input: { ownerId: colleague.id, ...commitment.input },
      });
    } else {
      await commitmentWrites.reassignCurrent(unit, id, colleague.id);
    }
    await postCustomerMessage(ctx, unit, id, {
      template: 'case.handover',
      variables: { agent: { name: colleague.name }, previousAgent: { name: current.owner_name ?? principal.name } },
      authorUserId: colleague.id,
      automatic: 'auto-generated',
    });
    await notifyUser(unit, colleague.id, id, 'handed-over');
    const after = (await repo.byId(unit, id))!;
    announce(ctx, unit, after);
    return presentCase(after);
  });
}
