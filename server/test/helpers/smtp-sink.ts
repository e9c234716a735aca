// A real SMTP server on loopback that keeps what it receives: the relay of outbound-mail
// tests. It can be stopped (the port is closed), answer 421 to every connection, or refuse
// chosen recipients with 550, so a test can drive the sender through every failure.
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  raw: Buffer;
  parsed: ParsedMail;
  envelope: { from: string; to: string[] };
}

type Behaviour = 'accept' | 'busy';

export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** Connections answered 421 while busy. */
  busyRefusals = 0;
  /** Recipients refused for good (550). */
  readonly refusedRecipients = new Set<string>();
  behaviour: Behaviour = 'accept';
  private server: SMTPServer | undefined;
  private waiters: (() => void)[] = [];

  private constructor(public port: number) {}

  /** Starts listening on `port` (0: any free port). */
  static async start(port = 0): Promise<SmtpSink> {
    const sink = new SmtpSink(port);
    await sink.listen();
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** (Re)opens the port. */
  async listen(): Promise<void> {
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onConnect: (_session, callback) => {
        if (this.behaviour === 'accept') return callback();
        this.busyRefusals += 1;
        callback(Object.assign(new Error('Too busy, try again later'), { responseCode: 421 }));
      },
      onRcptTo: (address, _session, callback) => {
        if (!this.refusedRecipients.has(address.address)) return callback();
        callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw)
            .then((parsed) => {
              this.received.push({
                raw,
                parsed,
                envelope: {
                  from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                  to: session.envelope.rcptTo.map((to) => to.address),
                },
              });
              for (const wake of this.waiters.splice(0)) wake();
              callback();
            })
            .catch(callback);
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Closes the port: senders get "connection refused". */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Received mail with this Message-ID. */
  withMessageId(messageId: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.parsed.messageId === messageId);
  }

  /** Resolves once `predicate` holds for what was received; rejects after `timeoutMs`. */
  async waitFor(predicate: (received: ReceivedMail[]) => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.received)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the sink did not receive the expected mail in ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
