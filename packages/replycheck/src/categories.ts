import type { CategoryId, Severity } from './types.ts';

/** Banned phrases named in the source articles; blocked by default. */
export const PHRASE_CATEGORIES = [
  'not-our-policy',
  'not-my-job',
  'dont-know',
  'bare-no',
  'blame-shifting',
] as const satisfies readonly CategoryId[];

/** Agent mistakes named in the source articles; warned about by default. */
export const MISTAKE_CATEGORIES = [
  'no-greeting',
  'no-customer-name',
  'no-self-introduction',
  'humour',
  'unapproved-discount',
  'refusal-without-alternative',
  'missing-next-step',
  'early-promise',
] as const satisfies readonly CategoryId[];

export const CATEGORY_IDS: readonly CategoryId[] = [...PHRASE_CATEGORIES, ...MISTAKE_CATEGORIES];

export const DEFAULT_SEVERITIES: Readonly<Record<CategoryId, Severity>> = Object.fromEntries(
  CATEGORY_IDS.map((category) => [
    category,
    (PHRASE_CATEGORIES as readonly CategoryId[]).includes(category) ? 'block' : 'warn',
  ]),
) as Record<CategoryId, Severity>;

export function isCategoryId(value: string): value is CategoryId {
  return (CATEGORY_IDS as readonly string[]).includes(value);
}

export function isPhraseCategory(category: CategoryId): boolean {
  return (PHRASE_CATEGORIES as readonly CategoryId[]).includes(category);
}
