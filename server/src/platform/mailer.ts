// Outbound email. With a relay configured (HEARD_SMTP_OUT_URL, or the deprecated
// HEARD_MAIL_URL) mail goes over SMTP; without one (a fresh install) each message is written
// as an .eml file under <data>/mail-out, so nothing is lost and an admin can read what would
// have been sent. Both ways sign with DKIM when a key is configured.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';

export interface MailAddress {
  name: string;
  address: string;
}

export interface MailToSend {
  /** Defaults to HEARD_MAIL_FROM. */
  from?: string | MailAddress;
  to: string | MailAddress | string[];
  cc?: string[];
  subject: string;
  text: string;
  html?: string;
  /** `<…@…>`: stable per email, so a retried job never delivers it under a second id. */
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

export interface SentMail {
  /** Recipients the relay refused while it accepted the message for the others. */
  rejected: string[];
}

export interface Mailer {
  send(mail: MailToSend): Promise<SentMail>;
}

/** A refusal that retrying cannot change (a 5xx reply other than authentication, an unreadable attachment). */
export function isPermanentFailure(error: unknown): boolean {
  const { responseCode, code } = error as { responseCode?: number; code?: string };
  // A 535 from a misconfigured relay is fixed by the operator: keep retrying until then.
  if (code === 'EAUTH') return false;
  if (code === 'ENOENT' || code === 'EFILEACCESS') return true;
  return typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
}

// Fail fast when the relay is unreachable: the job retries with backoff instead of holding a worker.
const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

export function createMailer(config: Config): Mailer {
  const defaults = { from: config.mailFrom };
  const dkim = config.dkim && {
    domainName: config.dkim.domain,
    keySelector: config.dkim.selector,
    privateKey: config.dkim.privateKey,
  };
  if (config.mailUrl) {
    const transport = nodemailer.createTransport({ url: config.mailUrl, ...TIMEOUTS, ...(dkim ? { dkim } : {}) });
    return {
      async send(mail) {
        const info = await transport.sendMail({ ...defaults, ...mail });
        return { rejected: info.rejected.map(String) };
      },
    };
  }
  const folder = join(config.dataDir, 'mail-out');
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
    ...(dkim ? { dkim } : {}),
  });
  return {
    async send(mail) {
      const info = await transport.sendMail({ ...defaults, ...mail });
      await mkdir(folder, { recursive: true });
      // Named by Message-ID: a retried job rewrites the same file instead of sending twice.
      const name = mail.messageId.replace(/[^A-Za-z0-9.@_-]/g, '_');
      const temporary = join(folder, `.${name}.${process.pid}.tmp`);
      await writeFile(temporary, info.message as Buffer, { flush: true });
      await rename(temporary, join(folder, `${name}.eml`));
      return { rejected: [] };
    },
  };
}
