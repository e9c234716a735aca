// `heard check-reply`: checks replies from files or stdin with the packs that ship with
// the package (or one exported from a running server); never opens the database.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { check } from './check.ts';
import { compilePack } from './compile.ts';
import { detectLanguage } from './language.ts';
import type { CheckOptions, Finding, Language, RulePack } from './types.ts';

const USAGE = `Usage: heard check-reply [--lang en|ru|pl|ro|auto] [--customer-name N] [--agent-name N]
                         [--rules FILE] [--json] [FILE|-]
       heard check-reply --jsonl [--rules FILE] < replies.jsonl

Checks an agent reply for banned phrases and agent mistakes.
  --lang L            language of the reply (default: auto-detect)
  --customer-name N   the customer's name (flags a reply that does not use it)
  --agent-name N      the agent's name (with --first-reply, flags a missing introduction)
  --first-reply       the reply is the agent's first in the conversation
  --rules FILE        a rule pack (JSON, as GET /api/v1/replycheck/packs/{lang} returns)
  --json              print findings as a JSON array
  --jsonl             read lines {"id","lang","text","customerName"?,"agentName"?} from stdin,
                      write one line {"id","findings"} per input, in order
  -h, --help          show this help

Exit status: 0 no findings, 1 findings, 2 usage error.`;

class UsageError extends Error {}

const LANGUAGES = ['en', 'ru', 'pl', 'ro'] as const;
const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

function readInput(file: string | undefined): string {
  if (file === undefined || file === '-') return readFileSync(0, 'utf8');
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function loadPack(file: string): RulePack {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read rule pack ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  // A server export may wrap the pack: { pack: {...} }.
  const candidate =
    typeof data === 'object' && data !== null && 'pack' in data ? (data as { pack: unknown }).pack : data;
  const result = compilePack(candidate);
  if (!result.ok) {
    const reasons = result.errors.map(
      (e) => `  ${[e.rule, e.pattern ?? e.example, e.message].filter(Boolean).join(': ')}`,
    );
    throw new UsageError(`rule pack ${file} is invalid:\n${reasons.join('\n')}`);
  }
  return result.compiled.pack;
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
}

function formatHuman(source: string, text: string, findings: Finding[]): string {
  return findings
    .map(
      (f) =>
        `${source}:${lineAndColumn(text, f.start)} ${f.severity} ${f.category} (${f.rule}): "${f.text}"\n  ${f.message}\n  suggestion: ${f.suggestion}`,
    )
    .join('\n');
}

function runJsonl(input: string, pack: RulePack | undefined, write: (line: string) => void): number {
  let status = 0;
  for (const line of input.split('\n')) {
    if (line.trim() === '') continue;
    let item: { id?: unknown; lang?: unknown; text?: unknown; customerName?: unknown; agentName?: unknown };
    try {
      item = JSON.parse(line);
    } catch {
      write(JSON.stringify({ id: null, error: 'line is not JSON' }));
      status = 2;
      continue;
    }
    const language =
      item.lang === undefined || item.lang === 'auto'
        ? (pack?.language ?? detectLanguage(String(item.text ?? '')) ?? 'en')
        : item.lang;
    if (typeof item.text !== 'string' || !isLanguage(language) || (pack && pack.language !== language)) {
      write(
        JSON.stringify({
          id: item.id ?? null,
          error: 'each line needs "text" and a "lang" of en, ru, pl or ro matching the rules',
        }),
      );
      status = 2;
      continue;
    }
    const findings = check(item.text, {
      language,
      ...(typeof item.customerName === 'string' ? { customerName: item.customerName } : {}),
      ...(typeof item.agentName === 'string' ? { agentName: item.agentName } : {}),
      ...(pack ? { pack } : {}),
    });
    write(JSON.stringify({ id: item.id ?? null, findings }));
    if (findings.length > 0 && status === 0) status = 1;
  }
  return status;
}

/** Runs the CLI with the given arguments; returns the exit status. */
export function main(argv: string[], out: (text: string) => void, err: (text: string) => void): number {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        lang: { type: 'string' },
        'customer-name': { type: 'string' },
        'agent-name': { type: 'string' },
        'first-reply': { type: 'boolean' },
        rules: { type: 'string' },
        json: { type: 'boolean' },
        jsonl: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      out(USAGE);
      return 0;
    }
    if (positionals.length > 1) throw new UsageError('give at most one FILE (or - for stdin)');
    const lang = values.lang ?? 'auto';
    if (lang !== 'auto' && !isLanguage(lang))
      throw new UsageError(`--lang must be en, ru, pl, ro or auto, not "${lang}"`);
    const pack = values.rules === undefined ? undefined : loadPack(values.rules);
    if (pack && lang !== 'auto' && pack.language !== lang) {
      throw new UsageError(`--rules is a ${pack.language} pack but --lang is ${lang}`);
    }
    if (values.jsonl) {
      if (positionals.length > 0 || values.json)
        throw new UsageError('--jsonl reads stdin only and always writes JSON lines');
      return runJsonl(readInput('-'), pack, out);
    }
    const text = readInput(positionals[0]);
    const language: Language = isLanguage(lang) ? lang : (pack?.language ?? detectLanguage(text) ?? 'en');
    const options: CheckOptions = {
      language,
      ...(values['customer-name'] ? { customerName: values['customer-name'] } : {}),
      ...(values['agent-name'] ? { agentName: values['agent-name'] } : {}),
      ...(values['first-reply'] ? { isFirstReply: true } : {}),
      ...(pack ? { pack } : {}),
    };
    const findings = check(text, options);
    if (values.json) out(JSON.stringify(findings, null, 2));
    else if (findings.length > 0) out(formatHuman(positionals[0] ?? '<stdin>', text, findings));
    return findings.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
      err(`heard check-reply: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}
