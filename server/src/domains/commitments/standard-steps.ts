// Words for the standard steps, in the case language; other steps carry their own text.
export const STANDARD_STEPS: Record<string, Record<string, string>> = {
  'first-reply': {
    en: 'We reply to your request',
    ru: 'Мы ответим на ваше обращение',
    pl: 'Odpowiemy na Państwa zgłoszenie',
    ro: 'Vă răspundem la solicitare',
  },
  escalation: {
    en: 'A senior colleague reviews your request and replies',
    ru: 'Старший специалист рассмотрит ваше обращение и ответит',
    pl: 'Starszy specjalista rozpatrzy Państwa zgłoszenie i odpowie',
    ro: 'Un coleg cu mai multă experiență analizează solicitarea și vă răspunde',
  },
};

/** The step as the customer reads it: the agent's words, else the standard words for its kind. */
export const stepText = (kind: string, nextStep: string | null, language: string): string =>
  nextStep ?? STANDARD_STEPS[kind]?.[language] ?? STANDARD_STEPS[kind]?.en ?? STANDARD_STEPS['first-reply']!.en!;
