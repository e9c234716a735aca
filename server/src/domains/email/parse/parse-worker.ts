// Entry of a parser process (forked by parse-email.ts): parses one message at a time and
// exits with its parent.
import { type ParseSettings, parseMessage } from './parse-core.ts';
import type { ParseResult } from './parsed.ts';

export interface ParseTask {
  id: number;
  raw: Uint8Array;
  settings: ParseSettings;
}

export type ParseReply = { id: number; result: ParseResult } | { ready: true };

process.on('disconnect', () => process.exit(0));
// The pool sends work (and starts a message's timeout) only once the parser has loaded.
process.send?.({ ready: true } satisfies ParseReply);
process.on('message', async (task: ParseTask) => {
  const raw = Buffer.from(task.raw.buffer, task.raw.byteOffset, task.raw.byteLength);
  const result = await parseMessage(raw, task.settings).catch(
    (error: Error): ParseResult => ({ ok: false, failure: { reason: `parser error: ${error.message}` } }),
  );
  process.send?.({ id: task.id, result } satisfies ParseReply);
});
