// A plain SMTP client to a listener on loopback: no TLS, no AUTH, as mail arrives from the
// company's own mail server.
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';

export const smtpClient = (
  port: number,
  options: SMTPTransport.Options = {},
): Transporter<SMTPTransport.SentMessageInfo> =>
  nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, ...options });
