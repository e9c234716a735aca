// Honest dates: the due date Heard proposes for a next step comes from how long similar
// steps really took — a high percentile of their business-time durations plus a margin —
// and never from hope. With too little history it falls back to the policy default. The
// basis is stated in words in the case language ("85% of similar cases were answered
// within 2 working days; we promise 3").
import { addBusinessMinutes, type BusinessCalendar } from './business-time.ts';

export type Language = 'en' | 'ru' | 'pl' | 'ro';

export interface HonestDatePolicy {
  /** Share of similar steps that finished within the typical duration (0.85 = 85th percentile). */
  percentile: number;
  /** Added on top of the typical duration, as a fraction (0.2 = 20 %). */
  margin: number;
  /** Below this many samples the history says too little: the policy default applies. */
  minimumSamples: number;
  /** Business minutes promised when the history is too thin. */
  defaultMinutes: number;
}

export const DEFAULT_HONEST_DATE_POLICY: HonestDatePolicy = {
  percentile: 0.85,
  margin: 0.2,
  minimumSamples: 20,
  defaultMinutes: 2 * 8 * 60,
};

export interface ProposalBasis {
  kind: 'history' | 'policy';
  samples: number;
  percentile: number;
  /** Business minutes within which `percentile` of similar steps finished (history only). */
  typicalMinutes: number | null;
  /** Business minutes promised, rounded up to whole working hours or days. */
  promisedMinutes: number;
}

export interface Proposal {
  dueAt: Date;
  basis: ProposalBasis;
}

/** Nearest-rank percentile of durations (business minutes). */
export function percentileOf(durations: readonly number[], percentile: number): number {
  if (durations.length === 0) throw new RangeError('no durations');
  const sorted = [...durations].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(percentile * sorted.length));
  return sorted[rank - 1]!;
}

/** Average open minutes of the calendar's working days: the length of "a working day". */
export function workingDayMinutes(calendar: BusinessCalendar): number {
  const days = Object.values(calendar.weekly).filter((intervals) => intervals.length > 0);
  if (days.length === 0) return 8 * 60;
  const total = days.flat().reduce((sum, interval) => sum + (minutesOf(interval.end) - minutesOf(interval.start)), 0);
  return Math.round(total / days.length);
}

const minutesOf = (time: string): number => {
  const [hours, minutes] = time.split(':').map(Number);
  return hours! * 60 + minutes!;
};

/** Rounds a promise up to whole working hours, or whole working days past one day: people promise in round units. */
function roundUp(minutes: number, dayMinutes: number): number {
  if (minutes <= dayMinutes) return Math.max(60, Math.ceil(minutes / 60) * 60);
  return Math.ceil(minutes / dayMinutes) * dayMinutes;
}

export function proposeDueDate(
  calendar: BusinessCalendar,
  from: Date,
  history: readonly number[],
  policy: HonestDatePolicy = DEFAULT_HONEST_DATE_POLICY,
): Proposal {
  const dayMinutes = workingDayMinutes(calendar);
  const samples = history.filter((minutes) => Number.isFinite(minutes) && minutes >= 0);
  if (samples.length < policy.minimumSamples) {
    const promisedMinutes = roundUp(policy.defaultMinutes, dayMinutes);
    return {
      dueAt: addBusinessMinutes(calendar, from, promisedMinutes),
      basis: {
        kind: 'policy',
        samples: samples.length,
        percentile: policy.percentile,
        typicalMinutes: null,
        promisedMinutes,
      },
    };
  }
  const typicalMinutes = percentileOf(samples, policy.percentile);
  const promisedMinutes = roundUp(typicalMinutes * (1 + policy.margin), dayMinutes);
  return {
    dueAt: addBusinessMinutes(calendar, from, promisedMinutes),
    basis: { kind: 'history', samples: samples.length, percentile: policy.percentile, typicalMinutes, promisedMinutes },
  };
}

type Unit = 'hour' | 'day';
type Forms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** Unit names after "within" in each language (the grammatical case that construction takes). */
const UNITS: Record<Language, Record<Unit, Forms>> = {
  en: { hour: { one: 'working hour', other: 'working hours' }, day: { one: 'working day', other: 'working days' } },
  // «за N …» takes the same forms as a bare numeral: 1 рабочий день, 2 рабочих дня, 5 рабочих дней.
  ru: {
    hour: { one: 'рабочий час', few: 'рабочих часа', many: 'рабочих часов', other: 'рабочих часа' },
    day: { one: 'рабочий день', few: 'рабочих дня', many: 'рабочих дней', other: 'рабочих дня' },
  },
  // «w ciągu» takes the genitive: 1 dnia roboczego, 2 dni roboczych, 5 dni roboczych.
  pl: {
    hour: { one: 'godziny roboczej', few: 'godzin roboczych', many: 'godzin roboczych', other: 'godziny roboczej' },
    day: { one: 'dnia roboczego', few: 'dni roboczych', many: 'dni roboczych', other: 'dnia roboczego' },
  },
  // 1 zi lucrătoare, 2 zile lucrătoare, 20 de zile lucrătoare.
  ro: {
    hour: { one: 'oră lucrătoare', few: 'ore lucrătoare', other: 'de ore lucrătoare' },
    day: { one: 'zi lucrătoare', few: 'zile lucrătoare', other: 'de zile lucrătoare' },
  },
};

const SENTENCES: Record<Language, { history: string; policy: string }> = {
  en: {
    history: '{percent}% of similar cases were answered within {typical}; we promise {promised}.',
    policy: 'We promise an answer within {promised}, our standard time for this step.',
  },
  ru: {
    history: '{percent}% похожих обращений получили ответ за {typical}; мы обещаем ответить за {promised}.',
    policy: 'Мы обещаем ответить за {promised} — это наш стандартный срок для этого шага.',
  },
  pl: {
    history:
      '{percent}% podobnych spraw otrzymało odpowiedź w ciągu {typical}; obiecujemy odpowiedź w ciągu {promised}.',
    policy: 'Obiecujemy odpowiedź w ciągu {promised} — to nasz standardowy czas dla tego kroku.',
  },
  ro: {
    history: '{percent}% dintre cazurile similare au primit răspuns în {typical}; promitem răspuns în {promised}.',
    policy: 'Promitem răspuns în {promised}, termenul nostru obișnuit pentru acest pas.',
  },
};

/** "2 working days", "3 рабочих часа", … in whole working hours (under a day) or working days. */
export function formatBusinessDuration(minutes: number, dayMinutes: number, language: Language): string {
  const [count, unit]: [number, Unit] =
    minutes < dayMinutes ? [Math.max(1, Math.ceil(minutes / 60)), 'hour'] : [Math.ceil(minutes / dayMinutes), 'day'];
  const forms = UNITS[language][unit];
  const form = forms[new Intl.PluralRules(language).select(count)] ?? forms.other;
  return `${count} ${form}`;
}

/** The basis of a proposal in words, in the case language. */
export function describeBasis(basis: ProposalBasis, calendar: BusinessCalendar, language: Language): string {
  const dayMinutes = workingDayMinutes(calendar);
  const promised = formatBusinessDuration(basis.promisedMinutes, dayMinutes, language);
  const sentences = SENTENCES[language];
  if (basis.kind === 'policy' || basis.typicalMinutes === null) return sentences.policy.replace('{promised}', promised);
  return sentences.history
    .replace('{percent}', String(Math.round(basis.percentile * 100)))
    .replace('{typical}', formatBusinessDuration(basis.typicalMinutes, dayMinutes, language))
    .replace('{promised}', promised);
}
