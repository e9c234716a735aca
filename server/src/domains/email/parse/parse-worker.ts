// Entry of a parser worker thread (started by parse-email.ts): parses one message at a time.
import { parentPort } from 'node:worker_threads';
import { type ParseSettings, parseMessage } from './parse-core.ts';
import type { ParseResult } from './parsed.ts';

export interface ParseTask {
  id: number;
  raw: Uint8Array;
  settings: ParseSettings;
}

export interface ParseReply {
  id: number;
  result: ParseResult;
}

const port = parentPort!;
port.on('message', async (task: ParseTask) => {
  const raw = Buffer.from(task.raw.buffer, task.raw.byteOffset, task.raw.byteLength);
  const result = await parseMessage(raw, task.settings).catch(
    (error: Error): ParseResult => ({ ok: false, failure: { reason: `parser error: ${error.message}` } }),
  );
  const transfer = result.ok
    ? result.email.attachments.map((attachment) => attachment.content.buffer as ArrayBuffer)
    : [];
  port.postMessage({ id: task.id, result } satisfies ParseReply, transfer);
});
