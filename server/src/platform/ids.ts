// Random identifiers and secrets. API tokens and session ids are long random strings whose
// SHA-256 is what the database keeps, so a leaked table reveals no usable credential.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** Hex SHA-256 of a string (UTF-8) or of raw bytes (mail, files). */
export const sha256 = (value: string | Uint8Array): string => createHash('sha256').update(value).digest('hex');

/** HMAC-signed, expiring value for links in emails: `payload.expiry.signature`. */
export function signValue(secret: string, payload: string, expiresAt: Date): string {
  const expiry = Math.floor(expiresAt.getTime() / 1000).toString(36);
  const signature = createHmac('sha256', secret).update(`${payload}.${expiry}`).digest('base64url');
  return `${payload}.${expiry}.${signature}`;
}

/** Returns the payload of a value made by `signValue`, or null when forged or expired. */
export function verifySignedValue(secret: string, signed: string, now = new Date()): string | null {
  const parts = signed.split('.');
  if (parts.length < 3) return null;
  const signature = parts.pop()!;
  const expiry = parts.pop()!;
  const payload = parts.join('.');
  const expected = createHmac('sha256', secret).update(`${payload}.${expiry}`).digest('base64url');
  const a = Buffer.from(signature);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  if (Number.parseInt(expiry, 36) * 1000 < now.getTime()) return null;
  return payload;
}
