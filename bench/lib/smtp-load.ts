// A lean SMTP client for load: one socket, EHLO once, then per message MAIL FROM, RCPT TO and
// DATA pipelined (RFC 2920; smtp-server advertises PIPELINING), the body sent as given, already
// dot-stuffed. The bench shares two cores with the server it measures, so its own CPU matters:
// nodemailer's pooled transport spends ~1.9 ms of CPU per message of the corpus building and
// streaming it, this client a tenth of that.
import { connect, type Socket } from 'node:net';

export interface SmtpReply {
  code: number;
  text: string;
}

/** Body bytes ready for DATA: lines starting with "." doubled, CRLF line ends, the final "." line. */
export function dataPayload(raw: Buffer): Buffer {
  const text = raw.toString('latin1').replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
  return Buffer.from(`${text}${text.endsWith('\r\n') ? '' : '\r\n'}.\r\n`, 'latin1');
}

export class SmtpLoadClient {
  private buffer = '';
  private readonly waiting: { resolve: (reply: SmtpReply) => void; reject: (error: Error) => void }[] = [];
  private readonly ready: Promise<SmtpReply>;

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => this.read(chunk));
    // A closed connection fails whatever still waits for a reply.
    socket.on('close', () => {
      for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('SMTP: the connection closed'));
    });
    socket.on('error', () => undefined);
    this.ready = this.reply();
  }

  static async open(port: number, host = '127.0.0.1'): Promise<SmtpLoadClient> {
    const socket = connect(port, host);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const client = new SmtpLoadClient(socket);
    expect(await client.ready, 220);
    expect(await client.command('EHLO bench.heard'), 250);
    return client;
  }

  /** Sends one message; resolves with the server's final reply (250 when accepted). */
  async send(from: string, to: string[], payload: Buffer): Promise<SmtpReply> {
    const commands = [`MAIL FROM:<${from}>`, ...to.map((address) => `RCPT TO:<${address}>`), 'DATA'];
    const replies = commands.map(() => this.reply());
    this.socket.write(commands.map((command) => `${command}\r\n`).join(''));
    const answered = await Promise.all(replies);
    const refused = answered.find((reply, index) => reply.code !== (index === answered.length - 1 ? 354 : 250));
    if (refused) {
      if (answered.at(-1)!.code === 354) {
        // DATA was accepted though a recipient was not: end it empty and reset.
        const ended = this.reply();
        this.socket.write('.\r\n');
        await ended;
      }
      await this.command('RSET');
      return refused;
    }
    const accepted = this.reply();
    this.socket.write(payload);
    return accepted;
  }

  async close(): Promise<void> {
    await this.command('QUIT').catch(() => undefined);
    this.socket.destroy();
  }

  private command(line: string): Promise<SmtpReply> {
    const reply = this.reply();
    this.socket.write(`${line}\r\n`);
    return reply;
  }

  private reply(): Promise<SmtpReply> {
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private read(chunk: string): void {
    this.buffer += chunk;
    for (let end = this.buffer.indexOf('\r\n'); end !== -1; end = this.buffer.indexOf('\r\n')) {
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      // "250-..." continues a multi-line reply; "250 ..." ends it.
      if (line[3] === '-') continue;
      this.waiting.shift()?.resolve({ code: Number(line.slice(0, 3)), text: line.slice(4) });
    }
  }
}

function expect(reply: SmtpReply, code: number): void {
  if (reply.code !== code) throw new Error(`SMTP: expected ${code}, got ${reply.code} ${reply.text}`);
}
