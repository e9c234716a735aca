// The parse itself, run inside a parser worker (parse-worker.ts): structural limits first,
// then mailparser, then classification, quote folding and authentication results.

import { randomUUID } from 'node:crypto';
import { compile } from 'html-to-text';
import { type AddressObject, type Attachment, type EmailAddress, simpleParser } from 'mailparser';
import { sha256 } from '../../../platform/ids.ts';
import { sanitizeEmailHtml } from '../sanitize.ts';
import { type AuthenticationOptions, authenticationResults } from './authentication.ts';
import { decodeUndeclared, isNonUnicodeCharset } from './charset.ts';
import { classify } from './classify.ts';
import type { ParsedAddress, ParsedAttachment, ParseResult } from './parsed.ts';
import { foldQuotedHistory } from './quote.ts';
import { headerEnd, rewriteCharsets, utf8HeaderBlock, withHeaderBlock } from './repair.ts';
import { type StructureLimits, scanStructure } from './structure.ts';

export interface ParseLimits extends StructureLimits {
  /** Most attachments (inline images included). */
  maxAttachments: number;
  /** HTML longer than this (characters) is not converted to text when there is no text part. */
  maxHtmlToTextChars: number;
  /**
   * HTML longer than this (characters) is not shown: it is kept as an attachment
   * (`message.html`) instead of being sanitized and stored for the case view.
   */
  maxHtmlChars: number;
}

export interface ParseSettings {
  limits: ParseLimits;
  authentication: AuthenticationOptions;
}

function failure(reason: string): ParseResult {
  return { ok: false, failure: { reason } };
}

function flattenAddresses(entries: EmailAddress[]): ParsedAddress[] {
  return entries.flatMap((entry) => {
    if (entry.group) return flattenAddresses(entry.group);
    if (!entry.address) return [];
    return [{ address: entry.address.toLowerCase(), name: entry.name ?? '' }];
  });
}

function addresses(header: AddressObject | AddressObject[] | undefined): ParsedAddress[] {
  if (!header) return [];
  return (Array.isArray(header) ? header : [header]).flatMap((object) => flattenAddresses(object.value));
}

/** Message-IDs with their angle brackets; bare ones ("abc@host", sent by some broken mailers) get them. */
function messageIds(value: string | string[] | undefined): string[] {
  if (!value) return [];
  const joined = Array.isArray(value) ? value.join(' ') : value;
  const bracketed = [...joined.matchAll(/<[^<>\s]+>/g)].map((match) => match[0]);
  if (bracketed.length > 0) return bracketed;
  return joined.split(/[\s,]+/).flatMap((token) => (/^[^<>@\s]+@[^<>@\s]+$/.test(token) ? [`<${token}>`] : []));
}

/** The Date header as ISO, or null when absent or unreadable (mailparser would say "now" then). */
function sentAt(header: string | undefined, parsed: Date | undefined): string | null {
  if (!header || !parsed || Number.isNaN(parsed.getTime())) return null;
  if (Number.isNaN(Date.parse(header.replace(/\([^()]*\)/g, ' ')))) return null;
  return parsed.toISOString();
}

// No hard wrapping (the text is shown in a proportional font), images left out (the HTML shows
// them). Compiled once: html-to-text's convert() compiles its options (selectors included) on
// every call.
const htmlToText = compile({
  wordwrap: false,
  limits: { maxDepth: 256 },
  selectors: [{ selector: 'img', format: 'skip' }],
});

const EXTENSIONS: Record<string, string> = {
  'message/rfc822': 'eml',
  'text/plain': 'txt',
  'text/html': 'html',
  'text/calendar': 'ics',
  'image/jpeg': 'jpg',
  'image/svg+xml': 'svg',
};

function attachmentName(attachment: Attachment, index: number): string {
  if (attachment.filename) return attachment.filename;
  const type = attachment.contentType.toLowerCase();
  const extension = EXTENSIONS[type] ?? /^[a-z]+\/([a-z0-9]+)$/.exec(type)?.[1] ?? 'bin';
  return `attachment-${index + 1}.${extension}`;
}

/**
 * The plain text; derived from the HTML when there is no text part (mailparser's own derivation
 * is off: it skips HTML inside multipart/related and wraps lines at 80 characters).
 */
function bodyText(text: string | undefined, html: string | false | undefined, limits: ParseLimits): string {
  if (text?.trim() || typeof html !== 'string' || html.length > limits.maxHtmlToTextChars) return text ?? '';
  try {
    return htmlToText(html);
  } catch {
    return ''; // nesting deep enough to overflow the converter: the HTML is still kept
  }
}

/**
 * The HTML to show, sanitized here in the parser process (bounded memory and time: hostile or
 * huge HTML never holds up the server), inline images pointing at their attachments; HTML
 * over `maxHtmlChars` is kept as an attachment instead (`attachments` gets it).
 */
function shownHtml(html: string | false | undefined, attachments: ParsedAttachment[], limits: ParseLimits) {
  if (typeof html !== 'string') return null;
  if (html.length > limits.maxHtmlChars) {
    attachments.push({
      id: randomUUID(),
      filename: 'message.html',
      contentType: 'text/html',
      contentId: null,
      inline: false,
      content: new Uint8Array(Buffer.from(html)),
    });
    return null;
  }
  const byContentId = new Map(attachments.flatMap((a) => (a.contentId ? [[a.contentId, a.id] as const] : [])));
  return sanitizeEmailHtml(html, {
    cidUrl: (cid) => (byContentId.has(cid) ? `/api/v1/attachments/${byContentId.get(cid)}` : null),
  });
}

/** Header lines (raw, unfolded, without the name) by lower-case name, in message order. */
function headerIndex(lines: ReadonlyArray<{ key: string; line: string }>): (name: string) => string[] {
  const index = new Map<string, string[]>();
  for (const { key, line } of lines) {
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    const values = index.get(key) ?? [];
    values.push(value);
    index.set(key, values);
  }
  return (name) => index.get(name) ?? [];
}

export async function parseMessage(original: Buffer, settings: ParseSettings): Promise<ParseResult> {
  const { limits } = settings;
  const scanned = await scanStructure(original, limits);
  if (!scanned.ok) return failure(scanned.reason);
  const { structure } = scanned;
  if (structure.attachmentParts > limits.maxAttachments)
    return failure(`more than ${limits.maxAttachments} attachments`);
  // What mailparser reads: text parts relabeled and 8-bit header lines in UTF-8 when needed.
  const bodyCharset = [...structure.repairs.values(), ...structure.charsets].find(isNonUnicodeCharset) ?? null;
  let raw = utf8HeaderBlock(withHeaderBlock(original), bodyCharset);
  if (structure.repairs.size > 0) raw = await rewriteCharsets(raw, structure.repairs);

  let mail: Awaited<ReturnType<typeof simpleParser>>;
  try {
    mail = await simpleParser(raw, {
      keepCidLinks: true,
      skipHtmlToText: true,
      skipTextToHtml: true,
      checksumAlgo: false,
      maxHeadSize: limits.maxHeaderBytes,
      maxChildNodes: limits.maxParts,
      maxHtmlLengthToParse: limits.maxHtmlToTextChars,
    });
  } catch (error) {
    return failure(`unparsable: ${(error as Error).message}`);
  }
  if (mail.attachments.length > limits.maxAttachments) return failure(`more than ${limits.maxAttachments} attachments`);

  const headers = headerIndex(mail.headerLines);
  const from = addresses(mail.from)[0] ?? null;
  const messageId = messageIds(mail.messageId)[0] ?? null;
  const subject = mail.subject ?? '';
  let text = bodyText(mail.text, mail.html, limits);
  if (!text.trim() && typeof mail.html !== 'string' && mail.attachments.length === 0) {
    // Nothing readable came out (a multipart whose boundary never appears or is not declared):
    // the body as it is, rather than an empty message.
    text = decodeUndeclared(raw.subarray(headerEnd(raw))).trim();
  }
  text = text.replace(/\r\n/g, '\n');
  const attachments: ParsedAttachment[] = mail.attachments.map((attachment, index) => ({
    id: randomUUID(),
    filename: attachmentName(attachment, index),
    contentType: attachment.contentType.toLowerCase(),
    contentId: attachment.cid ?? null,
    inline: attachment.contentDisposition === 'inline' || attachment.related === true,
    // A standalone copy, so the worker can transfer it instead of cloning a shared pool.
    content: new Uint8Array(attachment.content),
  }));
  const classification = classify({
    header: (name) => headers(name)[0],
    subject,
    from,
    messageId,
    text,
    structure,
  });
  const authentication = await authenticationResults(
    original,
    headers('authentication-results'),
    settings.authentication,
  );
  return {
    ok: true,
    email: {
      messageId,
      inReplyTo: messageIds(mail.inReplyTo)[0] ?? null,
      references: messageIds(mail.references),
      subject,
      from,
      replyTo: addresses(mail.replyTo)[0] ?? null,
      to: addresses(mail.to),
      cc: addresses(mail.cc),
      date: sentAt(headers('date')[0], mail.date),
      text,
      textWithoutQuote: foldQuotedHistory(text),
      // Automatic mail is never shown (nor its attachments stored): its HTML is not sanitized.
      html: classification.kind === 'human' ? shownHtml(mail.html, attachments, limits) : null,
      attachments,
      charsets: structure.charsets,
      ...classification,
      authentication,
      sha256: sha256(original),
    },
  };
}
