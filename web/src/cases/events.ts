import i18next, { type TFunction } from 'i18next';
import type { CaseEvent } from '../api/types.ts';

const VOCABULARIES = new Set(['status', 'priority', 'category']);

function asText(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(String).join(', ');
  return undefined;
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function valueLabel(t: TFunction, field: string, value: unknown): string {
  const text = asText(value);
  if (text === undefined || text === '') return '—';
  return VOCABULARIES.has(field) ? t(`${field}.${text}`, { defaultValue: text }) : text;
}

/** "Status: Open → Resolved; Priority: Normal → High" for a change of several fields. */
function describeChanges(t: TFunction, from: Record<string, unknown>, to: Record<string, unknown>): string {
  return Object.keys(to)
    .map((field) => {
      if (field === 'ownerId') return t('events.ownerChanged');
      return t('events.fieldChange', {
        field: t(`case.${field}`, { defaultValue: field }),
        from: valueLabel(t, field, from[field]),
        to: valueLabel(t, field, to[field]),
      });
    })
    .join('; ');
}

/** A status change that rode along with a reply (`data.status: {from, to}`). */
function statusChange(t: TFunction, data: Record<string, unknown>): string | null {
  const status = record(data.status);
  if (!('to' in status)) return null;
  return describeChanges(t, { status: status.from }, { status: status.to });
}

/**
 * One line for a timeline event. Known types have their own sentence (`events.<type>` with
 * dots as underscores); unknown types fall back to a generic line naming the type.
 */
export function describeEvent(t: TFunction, event: CaseEvent): string {
  const data = event.data ?? {};
  const actor = event.actor?.name || asText(data.actorName) || t('events.someone');
  const values = {
    actor,
    channel: t(`channel.${asText(data.channel) ?? 'api'}`, { defaultValue: asText(data.channel) ?? '' }),
    toName: asText(data.toName) ?? '—',
    note: asText(data.note) ?? '',
    number: asText(data.followUpNumber) ?? '',
    reason: asText(data.reason) ?? '',
    categories: Array.isArray(data.categories)
      ? [...new Set(data.categories.map(String))]
          .map((category) => t(`replycheck.category.${category}`, { defaultValue: category }))
          .join(', ')
      : '',
    type: event.type,
    step: asText(data.nextStep) ?? '',
    rung: asText(data.rungTitle) ?? '',
    date: typeof data.dueAt === 'string' ? new Date(data.dueAt).toLocaleString(i18next.language) : '',
  };
  switch (event.type) {
    case 'case.updated':
      return t('events.case_updated', { actor, changes: describeChanges(t, record(data.from), record(data.to)) });
    case 'message.added':
    case 'note.added':
      return t('events.statusWithMessage', { actor, changes: statusChange(t, data) ?? '' });
  }
  const key = `events.${event.type.replace(/\./g, '_')}`;
  return i18next.exists(key) ? t(key, values) : t('events.generic', values);
}

/** Third-party messages are shown as cards: their events add nothing to the timeline. */
const THIRD_PARTY_MESSAGES = new Set(['message.third-party-sent', 'message.third-party-received']);

/** Events that only mirror a message already shown in the timeline (unless they also moved the status). */
export function isMessageEcho(event: CaseEvent): boolean {
  if (THIRD_PARTY_MESSAGES.has(event.type)) return true;
  if (event.type !== 'message.added' && event.type !== 'note.added') return false;
  return !('to' in record(event.data?.status));
}
