// The case token in email subjects: `[#1234-5f0c2a9e1b]`, the case number and an HMAC of it.
// A reply whose subject carries a correctly signed token threads to that case whoever sends
// it; a bare `[#1234]` only from a participant of the case, so nobody can inject mail into
// someone else's case by guessing a number.
import { createHmac, timingSafeEqual } from 'node:crypto';

const SIGNATURE_LENGTH = 10;

function signature(secret: string, number: number): string {
  return createHmac('sha256', secret).update(`case-token:${number}`).digest('hex').slice(0, SIGNATURE_LENGTH);
}

/** The token email-out puts in outbound subjects. */
export function caseToken(secret: string, number: number): string {
  return `[#${number}-${signature(secret, number)}]`;
}

export interface SubjectToken {
  number: number;
  /** True when the token carries a valid signature. */
  signed: boolean;
}

const TOKEN = /\[#(\d{1,15})(?:-([0-9a-f]{1,64}))?\]/gi;

/** The last case token in a subject (replies keep the newest at the end), or null. */
export function parseCaseToken(secret: string, subject: string): SubjectToken | null {
  const last = [...subject.matchAll(TOKEN)].at(-1);
  if (!last) return null;
  const number = Number(last[1]);
  if (!Number.isSafeInteger(number)) return null;
  const given = Buffer.from((last[2] ?? '').toLowerCase());
  const expected = Buffer.from(signature(secret, number));
  return { number, signed: given.length === expected.length && timingSafeEqual(given, expected) };
}
