// Is this mail from a person, an auto-responder or a bounce? Only human mail may open a case
// or trigger automatic replies (RFC 3834), so when in doubt between "human" and "automatic"
// the signals below are ones no ordinary mail client sets.
import type { MailKind, ParsedAddress } from './parsed.ts';
import type { MimeStructure } from './structure.ts';

export interface ClassifyInput {
  /** Header value by lower-case name (first occurrence, unfolded), or undefined. */
  header: (name: string) => string | undefined;
  subject: string;
  from: ParsedAddress | null;
  messageId: string | null;
  text: string;
  structure: MimeStructure;
}

export interface Classification {
  kind: MailKind;
  kindReason: string | null;
  bouncedMessageIds: string[];
}

// Subjects auto-responders put first (EN, RU, PL, RO, plus DE/FR/ES/IT ones customers' colleagues send).
const VACATION_SUBJECT = new RegExp(
  [
    'auto(?:matic)?[ _-]?(?:reply|response|respons|answer)',
    'autoreply',
    'out of (?:the )?office',
    'away from (?:the |my )?office',
    'on vacation',
    'автоответ',
    'автоматический ответ',
    'вне офиса',
    'нет на месте',
    'в отпуске',
    'nieobecno(?:ść|sc)',
    'odpowied(?:ź|z) automatyczna',
    'automatyczna odpowied(?:ź|z)',
    'autoodpowied(?:ź|z)',
    'poza biurem',
    'r(?:ă|a)spuns automat',
    '(?:î|i)n afara biroului',
    'absent de la birou',
    'abwesenheitsnotiz',
    'automatische antwort',
    'r(?:é|e)ponse automatique',
    'absence du bureau',
    'respuesta autom(?:á|a)tica',
    'risposta automatica',
  ].join('|'),
  'iu',
);
const VACATION_SUBJECT_START = new RegExp(`^\\s*(?:\\[[^\\]]*\\]\\s*)?(?:${VACATION_SUBJECT.source})`, 'iu');

const BOUNCE_SUBJECT =
  /undeliver|undelivered|delivery (?:status notification|failure|failed|has failed|notification)|returned mail|failure notice|mail delivery failed|message delivery has failed|could not be delivered|mail system error|delivery report|недоставлен|не доставлен|не может быть доставлен|niedostarczon|nie dostarczon|nedistribuit|nu a putut fi livrat|unzustellbar|non remis/iu;
const BOUNCE_TEXT =
  /(?:could not be delivered|couldn't be delivered|was not delivered|undeliverable|delivery (?:to the following recipients? )?(?:has )?failed|permanent(?:ly)? (?:error|failure|fatal)|user unknown|mailbox (?:unavailable|not found|full)|no such (?:user|recipient)|recipient address rejected|returning message to sender)/i;
const DELAY_SUBJECT =
  /delay|warning|still being retried|not (?:yet )?been delivered yet|temporar|задерж|opóźni|întârzi/iu;
const DAEMON_LOCAL = /^(?:mailer[-_]?daemon|mail[-_]?daemon)$/i;
const DAEMON_NAME = /^(?:mail delivery (?:system|subsystem)|mailer[- ]daemon)(?:\s*\(.*\))?$/i;
const POSTMASTER_LOCAL = /^(?:postmaster|post_master)$/i;

const MESSAGE_ID_LINE = /^(?:>\s*)?(?:Original-)?Message-ID:\s*(<[^>\s]+>)/gim;

/** Message-IDs found in the quoted headers of the original message(s) and in quoted header lines of the text. */
function bouncedIds(input: ClassifyInput): string[] {
  const ids = new Set<string>();
  const scan = (source: string) => {
    for (const match of source.matchAll(MESSAGE_ID_LINE)) ids.add(match[1]!);
  };
  for (const headers of input.structure.quotedHeaders) scan(headers.replace(/\r?\n[ \t]+/g, ' '));
  if (ids.size === 0) scan(input.text);
  if (input.messageId) ids.delete(input.messageId);
  return [...ids];
}

function deliveryAction(status: string): 'failed' | 'other' | null {
  const actions = [...status.matchAll(/^Action:\s*([a-z]+)/gim)].map((match) => match[1]!.toLowerCase());
  if (actions.length === 0) return null;
  return actions.includes('failed') ? 'failed' : 'other';
}

export function classify(input: ClassifyInput): Classification {
  const human: Classification = { kind: 'human', kindReason: null, bouncedMessageIds: [] };
  const automatic = (kind: MailKind, kindReason: string): Classification => ({
    kind,
    kindReason,
    bouncedMessageIds: kind === 'bounce' ? bouncedIds(input) : [],
  });
  const { structure } = input;

  if (structure.reportType === 'delivery-status') {
    const action = deliveryAction(structure.deliveryStatus);
    if (action === 'other') return automatic('auto-reply', 'delivery status notification without a failed recipient');
    return automatic('bounce', 'multipart/report; report-type=delivery-status');
  }
  if (structure.reportType === 'disposition-notification') {
    return automatic('auto-reply', 'multipart/report; report-type=disposition-notification (read receipt)');
  }
  if (structure.reportType) return automatic('auto-reply', `multipart/report; report-type=${structure.reportType}`);

  const local = input.from?.address.split('@')[0] ?? '';
  // The display name, also when the address is empty ("MAILER-DAEMON <>") and parses to no sender.
  const fromName = input.from?.name.trim() || (input.header('from') ?? '').replace(/<[^>]*>|"/g, '').trim();
  const returnPath = input.header('return-path');
  const nullSender = returnPath !== undefined && /^\s*<\s*>\s*$/.test(returnPath);
  const bounceSubject = BOUNCE_SUBJECT.test(input.subject);
  if (DAEMON_LOCAL.test(local) || DAEMON_NAME.test(fromName)) {
    const sender = input.from?.address || fromName;
    // "Warning: message delayed": still being retried, so the message has not failed (yet).
    if (DELAY_SUBJECT.test(input.subject) && !bounceSubject) {
      return automatic('auto-reply', `From: ${sender}, a delivery delay notice`);
    }
    return automatic('bounce', `From: ${sender} (mail delivery system)`);
  }
  if ((POSTMASTER_LOCAL.test(local) || nullSender) && (bounceSubject || BOUNCE_TEXT.test(input.text))) {
    return automatic('bounce', `From: ${input.from?.address ?? '<>'} with a delivery failure notice`);
  }

  const autoSubmitted = input.header('auto-submitted');
  if (autoSubmitted && !/^\s*no\b/i.test(autoSubmitted)) {
    if (bounceSubject)
      return automatic('bounce', `Auto-Submitted: ${autoSubmitted.trim()} with a delivery failure subject`);
    return automatic('auto-reply', `Auto-Submitted: ${autoSubmitted.trim()}`);
  }
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponse']) {
    const value = input.header(name);
    if (value !== undefined && !/^\s*(?:no|false|0)\s*$/i.test(value)) {
      return automatic('auto-reply', `${name}: ${value.trim()}`);
    }
  }
  const precedence = input.header('precedence')?.trim().toLowerCase();
  if (precedence === 'auto_reply' || precedence === 'junk' || precedence === 'bulk') {
    return automatic('auto-reply', `Precedence: ${precedence}`);
  }
  if (input.header('x-ms-exchange-generated-message-source') !== undefined) {
    return automatic('auto-reply', 'X-MS-Exchange-Generated-Message-Source');
  }
  if (VACATION_SUBJECT_START.test(input.subject)) return automatic('auto-reply', `vacation subject: ${input.subject}`);
  return human;
}
