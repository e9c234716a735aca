// Node-only: reads the labelled evaluation set shipped in eval/*.jsonl (used by tests,
// the benchmark and the CLI, never by the browser).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EvalCase } from './evaluate.ts';

export const EVAL_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'eval');

export function loadEvalCases(dir: string = EVAL_DIR): EvalCase[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.jsonl'))
    .sort()
    .flatMap((file) =>
      readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as EvalCase),
    );
}
