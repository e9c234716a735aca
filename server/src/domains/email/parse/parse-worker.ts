// Entry of a parser process (forked by parse-email.ts): parses one message at a time (given
// as bytes, or as a file it reads itself) and exits with its parent.
import { readFileSync } from 'node:fs';
import { type ParseSettings, parseMessage } from './parse-core.ts';
import type { ParseResult } from './parsed.ts';

/** A message to parse: its bytes, or the path of the file that holds them (read here, not by the server). */
export type ParseTask = { id: number; settings: ParseSettings } & ({ raw: Uint8Array } | { path: string });

export type ParseReply = { id: number; result: ParseResult } | { ready: true };

async function parseTask(task: ParseTask): Promise<ParseResult> {
  let raw: Buffer;
  if ('path' in task) {
    try {
      raw = readFileSync(task.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return { ok: false, failure: { reason: 'the message file is missing' } };
    }
  } else raw = Buffer.from(task.raw.buffer, task.raw.byteOffset, task.raw.byteLength);
  return parseMessage(raw, task.settings);
}

process.on('disconnect', () => process.exit(0));
// The pool sends work (and starts a message's timeout) only once the parser has loaded.
process.send?.({ ready: true } satisfies ParseReply);
process.on('message', async (task: ParseTask) => {
  const result = await parseTask(task).catch(
    (error: Error): ParseResult => ({ ok: false, failure: { reason: `parser error: ${error.message}` } }),
  );
  process.send?.({ id: task.id, result } satisfies ParseReply);
});
