// The inbound SMTP listener (process role `smtp`). No AUTH: it sits behind the company's
// mail server or on loopback, optionally limited to an allow-list of relay addresses. A
// message gets its 250 only once `acceptRawMail` has made it durable; anything that fails
// before is a 451, so the sending server keeps the message and tries again.
import { BlockList, isIP } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { AppContext } from '../../context.ts';
import { domainFromUrl } from '../../platform/url.ts';
import { acceptRawMail, acceptsRecipient } from './inbound.service.ts';

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

const smtpError = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

/** The allow-list as a matcher; undefined when everyone may connect. */
function allowList(entries: string[]): ((address: string) => boolean) | undefined {
  if (entries.length === 0) return undefined;
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split('/') as [string, string | undefined];
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  return (remote) => {
    const plain = remote.replace(/^::ffff:(?=\d+\.)/, '');
    return list.check(plain, isIP(plain) === 6 ? 'ipv6' : 'ipv4');
  };
}

/** Reads the DATA stream into memory, but no further than the size limit (the rest is drained). */
function readMessage(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    stream.on('data', (chunk: Buffer) => {
      if (length + chunk.length <= maxBytes) chunks.push(chunk);
      length += chunk.length;
    });
    stream.on('error', reject);
    stream.on('end', () => resolve(stream.sizeExceeded || length > maxBytes ? undefined : Buffer.concat(chunks)));
  });
}

export async function startSmtpListener(
  ctx: AppContext,
  options: { host: string; port: number },
): Promise<SmtpListener> {
  const maxBytes = ctx.config.smtpMaxBytes;
  const allowed = allowList(ctx.config.smtpAllow);
  const server = new SMTPServer({
    name: domainFromUrl(ctx.config.publicUrl),
    banner: 'Heard',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: maxBytes,
    rejectOversized: true,
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 5_000,
    onConnect(session, callback) {
      if (allowed && !allowed(session.remoteAddress)) {
        ctx.log.warn({ remote: session.remoteAddress }, 'SMTP connection refused: not in HEARD_SMTP_ALLOW');
        return callback(smtpError(554, `${session.remoteAddress} may not relay mail here`));
      }
      callback();
    },
    onRcptTo(address, _session, callback) {
      acceptsRecipient(ctx, address.address).then(
        (accepted) => callback(accepted ? undefined : smtpError(550, `5.1.1 <${address.address}>: no such mailbox`)),
        (error: unknown) => {
          ctx.log.error({ err: error }, 'SMTP recipient check failed');
          callback(smtpError(451, '4.3.0 temporary failure, try again later'));
        },
      );
    },
    onData(stream, session: SMTPServerSession, callback) {
      readMessage(stream, maxBytes)
        .then(async (raw) => {
          if (!raw)
            return callback(smtpError(552, `5.3.4 message exceeds the fixed maximum size of ${maxBytes} bytes`));
          const mailFrom = session.envelope.mailFrom;
          const accepted = await acceptRawMail(ctx, raw, {
            kind: 'smtp',
            envelopeFrom: mailFrom ? mailFrom.address : null,
            recipients: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            remoteAddress: session.remoteAddress,
            ...(session.hostNameAppearsAs ? { helo: session.hostNameAppearsAs } : {}),
          });
          callback(null, `2.0.0 accepted as ${accepted.id}`);
        })
        .catch((error: unknown) => {
          ctx.log.error({ err: error }, 'SMTP message could not be stored');
          callback(smtpError(451, '4.3.0 the message could not be stored, try again later'));
        });
    },
  });
  server.on('error', (error) => ctx.log.warn({ err: error }, 'SMTP connection error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
