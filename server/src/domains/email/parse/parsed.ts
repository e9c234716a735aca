// The contract between the parser (parse/, runs in parser processes) and the ingest pipeline.
// The parser never touches the database; ingest never looks at raw MIME.

export interface ParsedAddress {
  address: string; // lower-cased
  name: string;
}

export interface ParsedAttachment {
  /** Its id once stored (chosen here: the sanitized HTML points inline images at it). */
  id: string;
  filename: string;
  contentType: string;
  /** Content-ID without angle brackets, for inline images referenced as cid: in the HTML. */
  contentId: string | null;
  inline: boolean;
  content: Uint8Array;
}

/** What kind of mail this is: only `human` mail may open a case or trigger automatic replies. */
export type MailKind = 'human' | 'auto-reply' | 'bounce';

export interface AuthenticationResults {
  spf: string; // pass | fail | softfail | neutral | none | temperror | permerror
  dkim: string; // pass | fail | none | …
  dmarc: string; // pass | fail | none | …
  /**
   * Where the results come from (added by the parser): `verified` — checked by mailauth against
   * the SMTP envelope; `header` — an Authentication-Results header of the receiving MTA;
   * `none` — nothing to go by. See parse/authentication.ts.
   */
  source?: 'verified' | 'header' | 'none';
}

export interface ParsedEmail {
  /** Message-ID with angle brackets, or null when the message has none. */
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  subject: string;
  from: ParsedAddress | null;
  replyTo: ParsedAddress | null;
  to: ParsedAddress[];
  cc: ParsedAddress[];
  date: string | null; // ISO
  /** Decoded plain text (from the text part, or derived from HTML when there is none). */
  text: string;
  /** The text with quoted history folded away (for display); `text` keeps the original. */
  textWithoutQuote: string;
  /**
   * Sanitized (sanitize.ts), its inline images pointing at their attachments; null when none,
   * too large to show, or the mail is automatic (never shown).
   */
  html: string | null;
  attachments: ParsedAttachment[];
  /** Declared charsets of the text parts (lower-case), for checks and display. */
  charsets: string[];
  kind: MailKind;
  /** For bounces: the Message-ID(s) of the original message(s) that bounced. */
  bouncedMessageIds: string[];
  /** Why `kind` is what it is (e.g. "Auto-Submitted: auto-replied"). */
  kindReason: string | null;
  authentication: AuthenticationResults;
  /** SHA-256 of the raw message (hex): dedupe fallback when there is no Message-ID. */
  sha256: string;
}

/** The parser refused the message (too big, too deep, broke the worker's memory limit, …). */
export interface ParseFailure {
  reason: string;
}

export type ParseResult = { ok: true; email: ParsedEmail } | { ok: false; failure: ParseFailure };

/**
 * Implemented in parse/parse-email.ts: `parseEmail(message, options)` runs mailparser and the
 * HTML sanitizer in a pool of parser processes with a heap limit and a timeout; it never throws
 * for bad input.
 */
