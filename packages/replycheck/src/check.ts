import { compiledFor } from './compile.ts';
import { runPack } from './engine.ts';
import { DEFAULT_PACKS } from './packs/index.ts';
import type { CheckOptions, Finding } from './types.ts';

/**
 * Checks a reply (or a script or template) in its language and returns the findings in
 * text order. Pure and synchronous: the composer runs it on every keystroke, the server
 * at send, the CLI on files.
 */
export function check(text: string, options: CheckOptions): Finding[] {
  const pack = options.pack ?? DEFAULT_PACKS[options.language];
  if (pack.language !== options.language) {
    throw new Error(`pack is for ${pack.language}, the reply is checked as ${options.language}`);
  }
  return runPack(compiledFor(pack), text, options);
}
