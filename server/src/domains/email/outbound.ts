// Every customer-facing email, built the same way: from the desk address under the agent's
// name, the case token in the subject, Message-ID derived from the message id (a retried job
// sends the same email, never a second one), In-Reply-To/References so the customer's client
// threads it, a text part and an HTML part generated from it (escaped: agents never send raw
// HTML), the message's attachments and, for automatic mail, Auto-Submitted (RFC 3834).
import type { MailAddress, MailToSend } from '../../platform/mailer.ts';
import { escapeHtml } from '../../platform/public-page.ts';
import type { Language } from '../../platform/templates.ts';

/** `auto-replied` answers a message (acknowledgements); `auto-generated` is a notice nobody asked for. */
export type AutoSubmitted = 'auto-replied' | 'auto-generated';

/** A stored commitment footer: appended at the very end of both parts. */
export interface EmailFooter {
  text: string;
  html: string;
}

export interface CaseEmail {
  desk: MailAddress;
  /** The author's display name; the desk's own name when the system wrote the message. */
  authorName: string | null;
  to: string | MailAddress;
  /** `third-party`: to a supplier, a service centre or a partner, not to the customer. */
  audience?: 'customer' | 'third-party';
  cc: string[];
  caseNumber: number;
  caseSubject: string;
  /** The signed case token, e.g. `[#1234-5f0c2a9e1b]`. */
  caseToken: string;
  language: Language;
  messageId: string;
  /** Message-IDs of the conversation so far, oldest first; the last inbound one is replied to. */
  thread: { inReplyTo: string | undefined; references: string[] };
  text: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
  automatic?: AutoSubmitted;
  footer?: EmailFooter;
}

/** Our Message-ID for a message: email-in threads replies by recognising it. */
export const outboundMessageId = (messageUuid: string, domain: string): string => `<message-${messageUuid}@${domain}>`;

const OUTBOUND_ID = /^<message-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@[^>]+>$/i;
/** The message uuid in one of our Message-IDs (the inverse of `outboundMessageId`); null for anyone else's. */
export const sentMessageId = (header: string): string | null => OUTBOUND_ID.exec(header)?.[1]?.toLowerCase() ?? null;

/** "Name <address>" or a bare address, as in HEARD_MAIL_FROM. */
export function parseMailbox(value: string): MailAddress {
  const match = /^\s*"?([^"<]*?)"?\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(value);
  if (match) return { name: match[1]!.trim(), address: match[2]! };
  return { name: '', address: value.trim() };
}

const REFERENCE_LINE: Record<Language, (number: number) => string> = {
  en: (number) => `Your request #${number}. To add anything, simply reply to this email.`,
  ru: (number) => `Ваше обращение №${number}. Чтобы что-то добавить, просто ответьте на это письмо.`,
  pl: (number) => `Twoje zgłoszenie nr ${number}. Aby coś dodać, po prostu odpowiedz na tę wiadomość.`,
  ro: (number) => `Solicitarea dumneavoastră nr. ${number}. Pentru a adăuga ceva, răspundeți la acest e-mail.`,
};

/** To a third party: the case is ours, their reply keeps the subject (and its token). */
const THIRD_PARTY_LINE: Record<Language, (number: number) => string> = {
  en: (number) => `Our reference: case #${number}. Please reply to this email and keep the subject.`,
  ru: (number) => `Наш номер: обращение №${number}. Пожалуйста, ответьте на это письмо, не меняя темы.`,
  pl: (number) => `Nasz numer: sprawa nr ${number}. Prosimy o odpowiedź na tę wiadomość bez zmiany tematu.`,
  ro: (number) =>
    `Referința noastră: cazul nr. ${number}. Vă rugăm să răspundeți la acest e-mail fără a schimba subiectul.`,
};

/** Keeps the header short on long conversations: the first id and the most recent ones (RFC 5322 §3.6.4). */
const MAX_REFERENCES = 20;

export function buildCaseEmail(email: CaseEmail): MailToSend {
  const lines = email.audience === 'third-party' ? THIRD_PARTY_LINE : REFERENCE_LINE;
  const reference = lines[email.language](email.caseNumber);
  const text = [email.text.trimEnd(), reference, email.footer?.text].filter(Boolean).join('\n\n');
  const html = htmlDocument(
    email.language,
    [textToHtml(email.text), `<p style="color:#666;font-size:90%">${escapeHtml(reference)}</p>`, email.footer?.html]
      .filter(Boolean)
      .join('\n'),
  );
  const references =
    email.thread.references.length > MAX_REFERENCES
      ? [email.thread.references[0]!, ...email.thread.references.slice(-(MAX_REFERENCES - 1))]
      : email.thread.references;
  return {
    from: { name: email.authorName ?? email.desk.name, address: email.desk.address },
    to: email.to,
    ...(email.cc.length > 0 ? { cc: email.cc } : {}),
    // The first email to a third party opens their thread: no "Re:" on something they never wrote.
    subject: caseSubject(
      email.caseSubject,
      email.caseToken,
      email.audience !== 'third-party' || !!email.thread.inReplyTo,
    ),
    text,
    html,
    messageId: email.messageId,
    ...(email.thread.inReplyTo ? { inReplyTo: email.thread.inReplyTo } : {}),
    ...(references.length > 0 ? { references } : {}),
    ...(email.automatic ? { headers: { 'Auto-Submitted': email.automatic } } : {}),
    attachments: email.attachments,
  };
}

/** `Re: <subject> <token>` (or without `Re:`), never piling up prefixes or tokens the subject already carries. */
export function caseSubject(subject: string, token: string, reply = true): string {
  const bare = subject
    .replace(/\[#\d+(?:-[0-9a-f]+)?\]/gi, '')
    .replace(/^\s*((re|aw|sv|odp|fw|fwd)\s*:\s*)+/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  return `${reply ? 'Re: ' : ''}${bare} ${token}`;
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/gi;

/** One line of text as HTML: escaped, with http(s) links made clickable (trailing punctuation left out). */
function lineToHtml(line: string): string {
  let html = '';
  let last = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    const url = match[0].replace(/[.,;:!?)\]]+$/, '');
    html += escapeHtml(line.slice(last, match.index));
    html += `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
    last = match.index + url.length;
  }
  return html + escapeHtml(line.slice(last));
}

/** Plain text as safe HTML: paragraphs at blank lines, line breaks kept, links clickable, everything else escaped. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n[ \t]*\n+/)
    .map((paragraph) => `<p>${paragraph.split('\n').map(lineToHtml).join('<br>\n')}</p>`)
    .join('\n');
}

const htmlDocument = (language: Language, body: string): string =>
  `<!doctype html>\n<html lang="${language}"><head><meta charset="utf-8"></head>\n` +
  `<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5">\n${body}\n</body></html>`;
