/** Languages a reply can be checked in. */
export type Language = 'en' | 'ru' | 'pl' | 'ro';

export type Severity = 'info' | 'warn' | 'block';

/** The category ids are the contract with the server, the composer and auto-QA. */
export type CategoryId =
  | 'not-our-policy'
  | 'not-my-job'
  | 'dont-know'
  | 'bare-no'
  | 'blame-shifting'
  | 'no-greeting'
  | 'no-customer-name'
  | 'no-self-introduction'
  | 'humour'
  | 'unapproved-discount'
  | 'refusal-without-alternative'
  | 'missing-next-step'
  | 'early-promise';

export interface Finding {
  category: CategoryId;
  /** Id of the rule (or check) in the pack that produced the finding. */
  rule: string;
  severity: Severity;
  /** UTF-16 offsets into the checked text, end exclusive. */
  start: number;
  end: number;
  text: string;
  /** Why this is a problem, in the checked language. */
  message: string;
  /** An approved rewrite, in the checked language. */
  suggestion: string;
}

/** Context the checker cannot see in the text itself. */
export interface CheckContext {
  customerName?: string;
  agentName?: string;
  /** The agent's first reply in the conversation: the agent should introduce themself. */
  isFirstReply?: boolean;
  /** The reply carries a commitment (the footer already states the next step). */
  hasCommitment?: boolean;
  /** The case is still open: the reply should state a next step. */
  isOpenCase?: boolean;
  /** The customer is complaining: emoticons are out of place, a next step is required. */
  isComplaint?: boolean;
  /** The honest due date of the case (ISO date or Date). */
  honestDueAt?: string | Date;
  /** The date the reply or its commitment promises (ISO date or Date). */
  promisedDueAt?: string | Date;
  /** Reference of the approval that allows a discount. */
  approvalReference?: string;
  /** Reference time for relative dates ("tomorrow"); defaults to now. */
  now?: string | Date;
}

export type SeverityOverride = Severity | 'off';

export interface CheckOptions extends CheckContext {
  language: Language;
  /** Per-category severity chosen by supervisors; `off` silences the category. */
  severities?: Partial<Record<CategoryId, SeverityOverride>>;
  /** A custom pack (e.g. edited by a supervisor) instead of the default one for the language. */
  pack?: RulePack;
}

/** An example is a reply text, optionally with the context it must be checked in. */
export type RuleExample = string | { text: string; context?: CheckContext };

export interface RuleExamples {
  /** Texts on which the rule must fire. */
  positive: RuleExample[];
  /** Texts on which the rule must stay silent. */
  negative: RuleExample[];
}

/**
 * A rule that fires when one of its patterns occurs in the text.
 * Pattern syntax (tokens separated by spaces; see README):
 *   word      same stem          =word   exact word (no stemming)
 *   pre*      word starting so   a|b     alternatives
 *   x?        optional           !x      next word must not be x (looks ahead, consumes nothing)
 *   ~N        up to N words      ^ $     sentence start / end
 *   <emoticon> <num> <laugh>      token classes
 */
export interface PhraseRule {
  id: string;
  category: CategoryId;
  patterns: string[];
  /** A match overlapping one of these cancels the finding ("No problem"). */
  exceptions?: string[];
  /** Any match of these within `unlessScope` cancels the finding ("…but I'll find out"). */
  unless?: string[];
  unlessScope?: 'sentence' | 'following' | 'reply';
  /** A match right after a negation does not count ("we can't offer a discount"). */
  cancelIfNegated?: boolean;
  /** Extra condition on the context. */
  when?: 'complaint' | 'no-approval-reference';
  severity?: Severity;
  message: string;
  suggestion: string;
  examples: RuleExamples;
}

/** A rule that fires when something required is absent (greeting, introduction, next step). */
export interface PresenceRule {
  id: string;
  category: 'no-greeting' | 'no-self-introduction' | 'missing-next-step';
  /** What must be present; any match satisfies the rule. */
  patterns: string[];
  /** Where it must be: in the opening (first two sentences) or anywhere in the reply. */
  scope: 'opening' | 'reply';
  severity?: Severity;
  message: string;
  suggestion: string;
  examples: RuleExamples;
}

/** Checks computed from the context (names, dates), with their texts and examples. */
export interface ContextRule {
  id: string;
  category: 'no-customer-name' | 'early-promise';
  severity?: Severity;
  /** `{name}`, `{date}` and `{honestDate}` are filled in. */
  message: string;
  suggestion: string;
  examples: RuleExamples;
}

/** Words the date reader needs to find promised dates in the text. */
export interface DateWords {
  /** Twelve lists of month names, January first: a prefix (up to 3 more letters may follow) or =exact. */
  months: string[][];
  /** Words meaning today / tomorrow / the day after, with their day offsets. */
  relativeDays: Record<string, number>;
  /** Words for "day(s)" after a number ("within 3 days"); prefixes. */
  days: string[];
}

export interface RulePack {
  language: Language;
  /** Bumped on every edit; findings and QA scores record it. */
  version: string;
  rules: PhraseRule[];
  presence: PresenceRule[];
  context: ContextRule[];
  /** Exceptions that cancel any phrase finding they overlap. */
  exceptions: string[];
  /** Words that negate what follows: an "unless" match right after one ("we can't offer") does not count. */
  negators: string[];
  dates: DateWords;
}
