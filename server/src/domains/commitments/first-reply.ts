// The commitment every case starts with: we answer by an honest date. At creation there is
// no time to consult history on the hot path, so the policy default applies (business time
// in the team's calendar); the agent's next commitment uses the proposal drawn from history.
import { type BusinessCalendar, DEFAULT_CALENDAR } from './business-time.ts';
import { DEFAULT_HONEST_DATE_POLICY, proposeDueDate } from './honest-dates.ts';

export function firstReplyCommitment(
  calendar: BusinessCalendar = DEFAULT_CALENDAR,
  now: Date = new Date(),
): { dueAt: Date; basis: Record<string, unknown> } {
  const proposal = proposeDueDate(calendar, now, [], DEFAULT_HONEST_DATE_POLICY);
  return { dueAt: proposal.dueAt, basis: { ...proposal.basis } };
}
