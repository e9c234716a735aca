// parseEmail(): mailparser in a small pool of child processes, each with a heap limit and a
// per-message timeout. A parser that runs out of memory, crashes or overruns is killed and
// replaced; its message gets { ok: false, failure: { reason } } — bad input never throws and
// never takes the server down. Processes rather than worker threads: a worker thread's heap
// limit only holds for small allocations — V8 gives a worker 16 MB of leeway past its limit,
// and one larger allocation (a big body decoded to a string) aborts the whole server process
// (seen in parse-email.test.ts with a 200 MB HTML body). Idle parsers are unref'd, so an idle
// pool does not keep the process alive.
import { type ChildProcess, fork } from 'node:child_process';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { AuthenticationOptions } from './authentication.ts';
import type { ParseLimits, ParseSettings } from './parse-core.ts';
import type { ParseReply, ParseTask } from './parse-worker.ts';
import type { ParseResult } from './parsed.ts';

export interface EmailParserOptions {
  /** Parser processes working in parallel; default 2. */
  size?: number;
  /** Default per-message timeout; default 20 s (room for the DNS of the authentication check). */
  timeoutMs?: number;
  /** Heap limit of a parser process (V8 old generation), in MB; default 256. */
  memoryLimitMb?: number;
  /** Largest raw message accepted, in bytes; default 32 MiB (above the SMTP listener's 25 MB default). */
  maxBytes?: number;
  limits?: Partial<ParseLimits>;
  authentication?: AuthenticationOptions;
}

/** A raw message: its bytes, or the file that holds them and its size. */
export type MessageSource = Uint8Array | { path: string; size: number };

export interface ParseEmailOptions {
  timeoutMs?: number;
  /** The SMTP session that delivered the message: SPF/DKIM/DMARC are verified against it. */
  envelope?: AuthenticationOptions['envelope'];
}

export const DEFAULT_LIMITS: ParseLimits = {
  maxParts: 500,
  maxDepth: 20,
  maxHeaderBytes: 512 * 1024,
  maxAttachments: 200,
  maxHtmlToTextChars: 4 * 1024 * 1024,
  maxHtmlChars: 4 * 1024 * 1024,
};

interface Pending {
  task: ParseTask;
  timeoutMs: number;
  resolve: (result: ParseResult) => void;
}

interface Slot {
  child: ChildProcess;
  current: Pending | null;
  timer: NodeJS.Timeout | null;
  /** The end of the parser's stderr: V8 reports a heap overflow there before it aborts. */
  stderr: string;
  /** Loaded: a message's timeout never counts the parser's start (slow on a busy machine). */
  ready: boolean;
}

const RUNS_TYPESCRIPT = import.meta.url.endsWith('.ts');
const WORKER_PATH = fileURLToPath(new URL(`./parse-worker.${RUNS_TYPESCRIPT ? 'ts' : 'js'}`, import.meta.url));
// `heard` runs the bundle (dist/parse-worker.js beside dist/cli.js); tests run the sources
// through tsx, and then the parser process loads it too, by absolute URL so it resolves
// whatever the working folder.
const TSX_ARGV = RUNS_TYPESCRIPT ? ['--import', import.meta.resolve('tsx')] : [];
const STDERR_TAIL = 4096;

/**
 * V8 flags of a parser process. The old-generation cap is the memory limit. With a cap, V8
 * also sizes the young generation and the first old-generation limit from it (2 MB semi-spaces
 * for 256 MB): collections every few messages, ~5 % more instructions per message than
 * unlimited (valgrind, the corpus in one process); a 16 MB young generation and a 64 MB first
 * limit take most of that back while the cap stays. --single-threaded: V8 compiles and
 * collects on the parser's own thread; a parser works one message at a time beside a busy
 * server and database, and V8's background compiler and marker threads cost it ~40 % more CPU
 * per message for no gain in throughput.
 */
const parserV8Flags = (limitMb: number) => [
  '--single-threaded',
  `--max-old-space-size=${limitMb}`,
  '--max-semi-space-size=16',
  `--initial-old-space-size=${Math.min(64, Math.floor(limitMb / 4))}`,
];

export class EmailParserPool {
  private readonly size: number;
  private readonly timeoutMs: number;
  private readonly memoryLimitMb: number;
  private readonly maxBytes: number;
  private readonly settings: ParseSettings;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  private pendingCount = 0;
  private keepAlive: NodeJS.Timeout | null = null;

  constructor(options: EmailParserOptions = {}) {
    this.size = Math.max(1, options.size ?? 2);
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.memoryLimitMb = options.memoryLimitMb ?? 256;
    this.maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    this.settings = { limits: { ...DEFAULT_LIMITS, ...options.limits }, authentication: options.authentication ?? {} };
  }

  /**
   * Parses a message given as bytes, or as a file the parser process reads itself (the server
   * neither reads it nor copies it through the pipe) with its size.
   */
  parse(message: MessageSource, options: ParseEmailOptions = {}): Promise<ParseResult> {
    if (this.closed) return Promise.resolve({ ok: false, failure: { reason: 'the parser is shut down' } });
    const size = message instanceof Uint8Array ? message.byteLength : message.size;
    if (size > this.maxBytes) {
      return Promise.resolve({
        ok: false,
        failure: { reason: `message of ${size} bytes is over the ${this.maxBytes}-byte limit` },
      });
    }
    const settings: ParseSettings = options.envelope
      ? { ...this.settings, authentication: { ...this.settings.authentication, envelope: options.envelope } }
      : this.settings;
    // A pending parse keeps the process alive (idle parsers do not), whatever state its parser is in.
    this.pendingCount++;
    this.keepAlive ??= setInterval(() => undefined, 60_000);
    return new Promise((resolve) => {
      this.queue.push({
        task: {
          id: this.nextId++,
          settings,
          ...(message instanceof Uint8Array ? { raw: message } : { path: message.path }),
        },
        timeoutMs: options.timeoutMs ?? this.timeoutMs,
        resolve: (result) => {
          this.pendingCount--;
          if (this.pendingCount === 0 && this.keepAlive) {
            clearInterval(this.keepAlive);
            this.keepAlive = null;
          }
          resolve(result);
        },
      });
      this.dispatch();
    });
  }

  /** Kills the parser processes; parses still running resolve with a failure. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0))
      pending.resolve({ ok: false, failure: { reason: 'the parser is shut down' } });
    await Promise.all([...this.slots].map((slot) => this.retire(slot, 'the parser is shut down')));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((candidate) => candidate.ready && candidate.current === null);
      if (!slot) {
        // Starting parsers take the queue when they are ready.
        const starting = this.slots.filter((candidate) => !candidate.ready).length;
        if (this.slots.length >= this.size || starting >= this.queue.length) return;
        this.spawn();
        continue;
      }
      const pending = this.queue.shift()!;
      slot.current = pending;
      slot.child.ref();
      slot.child.channel?.ref();
      slot.timer = setTimeout(() => {
        void this.retire(slot, `parsing took longer than ${pending.timeoutMs} ms`);
      }, pending.timeoutMs);
      slot.child.send(pending.task);
    }
  }

  private spawn(): Slot {
    const child = fork(WORKER_PATH, [], {
      execArgv: [...TSX_ARGV, ...parserV8Flags(this.memoryLimitMb)],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const slot: Slot = { child, current: null, timer: null, stderr: '', ready: false };
    // The stderr pipe must not keep the server alive on its own: the child handle does while busy.
    (child.stderr as Socket | null)?.unref();
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      slot.stderr = (slot.stderr + chunk).slice(-STDERR_TAIL);
    });
    child.on('message', (reply: ParseReply) => {
      if ('ready' in reply) slot.ready = true;
      else if (slot.current?.task.id === reply.id) this.finish(slot, reply.result);
      else return;
      // Idle now: it must not keep the server alive; dispatch refs it again with the next message.
      child.unref();
      child.channel?.unref();
      this.dispatch();
    });
    child.on('error', (error) => {
      void this.retire(slot, `the parser failed: ${error.message}`);
    });
    // 'close' rather than 'exit': stderr is read to its end by then.
    child.on('close', (code, signal) => {
      const reason = /heap out of memory|Allocation failed/.test(slot.stderr)
        ? `the parser ran out of memory (limit ${this.memoryLimitMb} MB)`
        : `the parser stopped (${signal ? `signal ${signal}` : `exit code ${code}`})`;
      void this.retire(slot, reason);
    });
    this.slots.push(slot);
    return slot;
  }

  private finish(slot: Slot, result: ParseResult): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const pending = slot.current;
    slot.current = null;
    pending?.resolve(result);
  }

  /** Fails the slot's message (if any) with `reason`, kills its parser and lets a fresh one take the queue. */
  private async retire(slot: Slot, reason: string): Promise<void> {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    this.finish(slot, { ok: false, failure: { reason } });
    // A parser that dies while starting fails the next message, or it would be started forever.
    if (!slot.ready && !this.closed) this.queue.shift()?.resolve({ ok: false, failure: { reason } });
    if (slot.child.exitCode === null && slot.child.signalCode === null) {
      // 'exit', not 'close': 'close' also waits for the end of stderr, whose pipe is unref'd, so
      // a process with nothing else to do could end its event loop while still waiting for it.
      const exited = new Promise((resolve) => slot.child.once('exit', resolve));
      slot.child.ref(); // an idle parser is unref'd: keep the process alive until it is gone
      slot.child.kill('SIGKILL');
      await exited;
    }
    if (!this.closed) this.dispatch();
  }
}

let shared: EmailParserPool | null = null;

/** Replaces the shared pool's settings (call at boot, before the first parse). */
export async function configureEmailParser(options: EmailParserOptions): Promise<void> {
  const previous = shared;
  shared = new EmailParserPool(options);
  await previous?.close();
}

export function parseEmail(message: MessageSource, options?: ParseEmailOptions): Promise<ParseResult> {
  shared ??= new EmailParserPool();
  return shared.parse(message, options);
}

/** Stops the shared pool's parser processes (shutdown, end of tests). */
export async function closeEmailParser(): Promise<void> {
  const previous = shared;
  shared = null;
  await previous?.close();
}
