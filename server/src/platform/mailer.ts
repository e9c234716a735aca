// Outbound email. With HEARD_MAIL_URL set, mail goes over SMTP; without it (a fresh
// install), each message is written as an .eml file under <data>/mail-out so nothing is
// lost and an admin can read what would have been sent.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';

export interface MailToSend {
  to: string;
  subject: string;
  text: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
}

export interface Mailer {
  send(mail: MailToSend): Promise<void>;
}

export function createMailer(config: Config): Mailer {
  const from = config.mailFrom;
  if (config.mailUrl) {
    const transport = nodemailer.createTransport(config.mailUrl);
    return {
      async send(mail) {
        await transport.sendMail({ from, ...mail });
      },
    };
  }
  const folder = join(config.dataDir, 'mail-out');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(mail) {
      const info = await transport.sendMail({ from, ...mail });
      await mkdir(folder, { recursive: true });
      // Named by Message-ID: a retried job rewrites the same file instead of sending twice.
      const name = mail.messageId.replace(/[^A-Za-z0-9.@_-]/g, '_');
      await writeFile(join(folder, `${name}.eml`), info.message as Buffer);
    },
  };
}
