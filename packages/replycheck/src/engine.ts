import { DEFAULT_SEVERITIES, isPhraseCategory } from './categories.ts';
import { type DateMention, findDates, toDay } from './checks/dates.ts';
import { mentionsName } from './checks/names.ts';
import type { Hit, PatternIndex } from './pattern/matcher.ts';
import { type Token, tokenize } from './text/tokenize.ts';
import type {
  CategoryId,
  CheckContext,
  ContextRule,
  Finding,
  PhraseRule,
  PresenceRule,
  RulePack,
  Severity,
  SeverityOverride,
} from './types.ts';

/** What a pattern in the compiled index is for. */
export type PatternTag =
  | { role: 'rule' | 'exception' | 'unless'; rule: number }
  | { role: 'presence'; rule: number }
  | { role: 'global-exception' };

export interface CompiledPack {
  readonly pack: RulePack;
  readonly index: PatternIndex<PatternTag>;
  readonly negators: ReadonlySet<string>;
}

export interface RunOptions extends CheckContext {
  severities?: Partial<Record<CategoryId, SeverityOverride>>;
}

interface Span {
  start: number;
  end: number;
}

const overlaps = (a: Hit<PatternTag>, b: Hit<PatternTag>): boolean => a.first <= b.last && b.first <= a.last;

function sentenceSpan(tokens: Token[], sentence: number, text: string): Span {
  let first: Token | undefined;
  let last: Token | undefined;
  for (const token of tokens) {
    if (token.sentence < sentence) continue;
    if (token.sentence > sentence) break;
    first ??= token;
    last = token;
  }
  if (!first || !last) return { start: 0, end: Math.min(text.length, 1) };
  return { start: first.start, end: last.end };
}

function fill(template: string, values: Record<string, string | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

class FindingCollector {
  readonly findings: Finding[] = [];

  constructor(
    private readonly text: string,
    private readonly severities: Partial<Record<CategoryId, SeverityOverride>>,
    private readonly values: Record<string, string | undefined>,
  ) {}

  add(rule: PhraseRule | PresenceRule | ContextRule, span: Span, extra: Record<string, string> = {}): void {
    const override = this.severities[rule.category];
    if (override === 'off') return;
    const severity: Severity = override ?? rule.severity ?? DEFAULT_SEVERITIES[rule.category];
    const values = { ...this.values, ...extra };
    this.findings.push({
      category: rule.category,
      rule: rule.id,
      severity,
      start: span.start,
      end: span.end,
      text: this.text.slice(span.start, span.end),
      message: fill(rule.message, values),
      suggestion: fill(rule.suggestion, values),
    });
  }
}

function groupHits(hits: Hit<PatternTag>[]) {
  const byRule = new Map<number, Hit<PatternTag>[]>();
  const exceptions = new Map<number, Hit<PatternTag>[]>();
  const unless = new Map<number, Hit<PatternTag>[]>();
  const presence = new Map<number, Hit<PatternTag>[]>();
  const globalExceptions: Hit<PatternTag>[] = [];
  for (const hit of hits) {
    const tag = hit.tag;
    if (tag.role === 'global-exception') {
      globalExceptions.push(hit);
      continue;
    }
    const target = { rule: byRule, exception: exceptions, unless, presence }[tag.role];
    const list = target.get(tag.rule);
    if (list) list.push(hit);
    else target.set(tag.rule, [hit]);
  }
  return { byRule, exceptions, unless, presence, globalExceptions };
}

/** An offer right after a negation ("we cannot offer", "не можем предложить") is no offer. */
function isNegated(hit: Hit<PatternTag>, tokens: Token[], negators: ReadonlySet<string>): boolean {
  for (const back of [1, 2]) {
    const token = tokens[hit.first - back];
    if (!token || token.sentence !== tokens[hit.first]?.sentence) return false;
    if (negators.has(token.norm)) return true;
  }
  return false;
}

function unlessApplies(
  rule: PhraseRule,
  hit: Hit<PatternTag>,
  unlessHits: Hit<PatternTag>[],
  tokens: Token[],
  negators: ReadonlySet<string>,
): boolean {
  const sentence = tokens[hit.first]?.sentence ?? 0;
  return unlessHits.some((other) => {
    if (overlaps(other, hit) || isNegated(other, tokens, negators)) return false;
    const otherSentence = tokens[other.first]?.sentence ?? 0;
    switch (rule.unlessScope ?? 'sentence') {
      case 'sentence':
        return otherSentence === sentence;
      case 'following':
        return otherSentence === sentence || otherSentence === sentence + 1;
      default:
        // 'reply': anywhere in the reply.
        return true;
    }
  });
}

function conditionHolds(rule: PhraseRule, context: CheckContext): boolean {
  switch (rule.when) {
    case undefined:
      return true;
    case 'complaint':
      return context.isComplaint === true;
    case 'no-approval-reference':
      return !context.approvalReference?.trim();
  }
}

function presenceApplies(rule: PresenceRule, context: CheckContext): boolean {
  switch (rule.category) {
    case 'no-greeting':
      return true;
    case 'no-self-introduction':
      return context.isFirstReply === true;
    case 'missing-next-step':
      return context.hasCommitment !== true && (context.isOpenCase === true || context.isComplaint === true);
  }
}

/** Mistakes found from phrases; one inside a banned phrase ("No, we can't") adds nothing to it. */
const PHRASE_MISTAKES: ReadonlySet<CategoryId> = new Set([
  'refusal-without-alternative',
  'unapproved-discount',
  'humour',
]);

/** Removes a finding that repeats another of its category, or a phrase mistake inside a banned phrase. */
function dedupe(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Finding[] = [];
  for (const finding of sorted) {
    const clash = kept.some(
      (other) =>
        other.start < finding.end &&
        finding.start < other.end &&
        other.end > other.start &&
        (other.category === finding.category ||
          (isPhraseCategory(other.category) && PHRASE_MISTAKES.has(finding.category))),
    );
    if (!clash) kept.push(finding);
  }
  return kept;
}

/** Checks a text against a compiled pack. */
export function runPack(compiled: CompiledPack, text: string, options: RunOptions): Finding[] {
  const { pack, index } = compiled;
  const tokens = tokenize(text, pack.language);
  const collector = new FindingCollector(text, options.severities ?? {}, {
    name: options.customerName,
    customerName: options.customerName,
    agentName: options.agentName,
  });
  if (tokens.length === 0) return [];
  const groups = groupHits(index.findAll(tokens));

  pack.rules.forEach((rule, ruleIndex) => {
    const hits = groups.byRule.get(ruleIndex);
    if (!hits || !conditionHolds(rule, options)) return;
    const exceptions = [...(groups.exceptions.get(ruleIndex) ?? []), ...groups.globalExceptions];
    const unlessHits = groups.unless.get(ruleIndex) ?? [];
    for (const hit of hits) {
      if (exceptions.some((exception) => overlaps(exception, hit))) continue;
      if (rule.cancelIfNegated && isNegated(hit, tokens, compiled.negators)) continue;
      if (unlessApplies(rule, hit, unlessHits, tokens, compiled.negators)) continue;
      const first = tokens[hit.first] as Token;
      const last = tokens[hit.last] as Token;
      collector.add(rule, { start: first.start, end: last.end });
    }
  });

  let mentions: DateMention[] | undefined;
  const dates = (): DateMention[] => {
    mentions ??= findDates(text, tokens, pack.dates, toDay(options.now ?? new Date()) as string);
    return mentions;
  };
  const lastSentence = tokens.at(-1)?.sentence ?? 0;
  const opening = sentenceSpan(tokens, 0, text);
  pack.presence.forEach((rule, ruleIndex) => {
    if (!presenceApplies(rule, options)) return;
    const hits = groups.presence.get(ruleIndex) ?? [];
    const present =
      rule.scope === 'opening' ? hits.some((hit) => (tokens[hit.first]?.sentence ?? 0) === 0) : hits.length > 0;
    if (present) return;
    if (rule.category === 'no-self-introduction' && options.agentName?.trim()) {
      if (mentionsName(options.agentName, tokens, pack.language)) return;
    }
    if (rule.category === 'missing-next-step') {
      if (dates().length > 0) return;
      collector.add(rule, sentenceSpan(tokens, lastSentence, text));
      return;
    }
    collector.add(rule, opening);
  });

  for (const rule of pack.context) {
    if (rule.category === 'no-customer-name') {
      const name = options.customerName?.trim();
      if (name && !mentionsName(name, tokens, pack.language)) collector.add(rule, opening, { name });
      continue;
    }
    const honest = toDay(options.honestDueAt);
    if (!honest) continue;
    const early = dates().filter((mention) => mention.day < honest);
    for (const mention of early) collector.add(rule, mention, { date: mention.day, honestDate: honest });
    const promised = toDay(options.promisedDueAt);
    if (early.length === 0 && promised && promised < honest) {
      collector.add(rule, opening, { date: promised, honestDate: honest });
    }
  }

  return dedupe(collector.findings);
}
