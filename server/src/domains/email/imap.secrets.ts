// Mailbox passwords at rest: AES-256-GCM under a key derived (HKDF-SHA-256) from the server
// secret, so a database dump alone does not reveal them. A changed server secret makes
// them unreadable: the mailbox then reports it and an admin enters the password again.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

function keyFrom(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'heard', 'imap-mailbox-password', 32));
}

export function encryptPassword(secret: string, password: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secret), iv);
  const sealed = Buffer.concat([cipher.update(password, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), sealed.toString('base64')].join(':');
}

export class PasswordUnreadableError extends Error {
  constructor() {
    super('the stored password cannot be decrypted (was the server secret changed?): enter it again');
  }
}

export function decryptPassword(secret: string, stored: string): string {
  const [version, iv, tag, sealed] = stored.split(':');
  if (version !== VERSION || !iv || !tag || sealed === undefined) throw new PasswordUnreadableError();
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret), Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new PasswordUnreadableError();
  }
}
