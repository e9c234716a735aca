import type { Language, RulePack } from '../types.ts';
import { en } from './en.ts';
import { pl } from './pl.ts';
import { ro } from './ro.ts';
import { ru } from './ru.ts';

/** The rule packs that ship with the package, one per language. */
export const DEFAULT_PACKS: Readonly<Record<Language, RulePack>> = { en, ru, pl, ro };
