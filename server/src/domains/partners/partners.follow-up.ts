// The outcome follow-up of a referral: N days after we sent a customer to a partner, they get
// a short message in the case language asking whether the partner served them and whether
// they were satisfied. The answer links carry a signed token that names one referral: the
// token opens the public page `/r/{token}` (GET only shows the question, POST records the
// answer), so a link can never change another referral's answer, and link scanners that
// prefetch GETs change nothing.
import { signValue, verifySignedValue } from '../../platform/ids.ts';
import type { Language } from '../../platform/templates.ts';

export const ANSWERS = ['satisfied', 'not-satisfied', 'not-served'] as const;
export type Answer = (typeof ANSWERS)[number];

export const isAnswer = (value: unknown): value is Answer => (ANSWERS as readonly unknown[]).includes(value);

export const answerValues = (answer: Answer): { served: boolean; satisfied: boolean | null } =>
  answer === 'not-served' ? { served: false, satisfied: null } : { served: true, satisfied: answer === 'satisfied' };

export const answerOf = (served: boolean | null, satisfied: boolean | null): Answer | null =>
  served === null ? null : !served ? 'not-served' : satisfied ? 'satisfied' : 'not-satisfied';

/** How long the answer links work. */
const LINK_DAYS = 60;
const PREFIX = 'referral.';

export const signReferralLink = (secret: string, referralId: string, now = new Date()): string =>
  signValue(secret, `${PREFIX}${referralId}`, new Date(now.getTime() + LINK_DAYS * 24 * 3600_000));

/** The referral id a token was signed for, or null when forged, expired or made for something else. */
export function referralOfLink(secret: string, token: string): string | null {
  const payload = verifySignedValue(secret, token);
  if (!payload?.startsWith(PREFIX)) return null;
  const id = payload.slice(PREFIX.length);
  return /^[0-9a-f-]{36}$/.test(id) ? id : null;
}

interface FollowUpText {
  subject: string;
  /** Handlebars: customer.name, partner.name, company.name, case.number, links.{satisfied,notSatisfied,notServed} */
  body: string;
  question: string;
  answers: Record<Answer, string>;
  thanks: string;
  answered: string;
  invalid: string;
  footer: string;
}

export const FOLLOW_UP_TEXT: Record<Language, FollowUpText> = {
  en: {
    subject: 'Did {{partner.name}} help you? [#{{case.number}}]',
    body: '{{#if customer.name}}Dear {{customer.name}},{{else}}Hello,{{/if}}\n\nA few days ago we recommended {{partner.name}} to you. Did they help you? One click is enough:\n\nThey helped and I am satisfied: {{links.satisfied}}\nThey helped, but I am not satisfied: {{links.notSatisfied}}\nThey did not help me: {{links.notServed}}\n\nYour answer tells us which partners look after our customers well.\n\n{{company.name}}',
    question: 'Did {{partner}} help you?',
    answers: {
      satisfied: 'Yes, and I am satisfied',
      'not-satisfied': 'Yes, but I am not satisfied',
      'not-served': 'No, they did not help me',
    },
    thanks: 'Thank you! Your answer has been recorded.',
    answered: 'Your answer',
    invalid: 'This link is not valid or has expired.',
    footer: 'Your answer helps {{company}} recommend only partners who look after customers well.',
  },
  ru: {
    subject: 'Помогла ли вам компания {{partner.name}}? [#{{case.number}}]',
    body: '{{#if customer.name}}Здравствуйте, {{customer.name}}!{{else}}Здравствуйте!{{/if}}\n\nНесколько дней назад мы порекомендовали вам компанию {{partner.name}}. Помогли ли вам там? Достаточно одного клика:\n\nПомогли, я доволен(льна): {{links.satisfied}}\nПомогли, но я недоволен(льна): {{links.notSatisfied}}\nНе помогли: {{links.notServed}}\n\nВаш ответ покажет нам, какие партнёры хорошо заботятся о наших клиентах.\n\n{{company.name}}',
    question: 'Помогла ли вам компания {{partner}}?',
    answers: {
      satisfied: 'Да, и я доволен(льна)',
      'not-satisfied': 'Да, но я недоволен(льна)',
      'not-served': 'Нет, мне не помогли',
    },
    thanks: 'Спасибо! Ваш ответ записан.',
    answered: 'Ваш ответ',
    invalid: 'Ссылка недействительна или срок её действия истёк.',
    footer: 'Ваш ответ помогает {{company}} рекомендовать только тех партнёров, которые хорошо заботятся о клиентах.',
  },
  pl: {
    subject: 'Czy firma {{partner.name}} Panu/Pani pomogła? [#{{case.number}}]',
    body: '{{#if customer.name}}Dzień dobry {{customer.name}},{{else}}Dzień dobry,{{/if}}\n\nkilka dni temu poleciliśmy Panu/Pani firmę {{partner.name}}. Czy udało się tam uzyskać pomoc? Wystarczy jedno kliknięcie:\n\nPomogli i jestem zadowolony(-a): {{links.satisfied}}\nPomogli, ale nie jestem zadowolony(-a): {{links.notSatisfied}}\nNie pomogli: {{links.notServed}}\n\nPana/Pani odpowiedź pokaże nam, którzy partnerzy dobrze dbają o naszych klientów.\n\n{{company.name}}',
    question: 'Czy firma {{partner}} Panu/Pani pomogła?',
    answers: {
      satisfied: 'Tak i jestem zadowolony(-a)',
      'not-satisfied': 'Tak, ale nie jestem zadowolony(-a)',
      'not-served': 'Nie, nie pomogli mi',
    },
    thanks: 'Dziękujemy! Odpowiedź została zapisana.',
    answered: 'Pana/Pani odpowiedź',
    invalid: 'Ten link jest nieprawidłowy lub wygasł.',
    footer: 'Dzięki Pana/Pani odpowiedzi {{company}} poleca tylko partnerów, którzy dobrze dbają o klientów.',
  },
  ro: {
    subject: 'V-a ajutat {{partner.name}}? [#{{case.number}}]',
    body: '{{#if customer.name}}Bună ziua, {{customer.name}},{{else}}Bună ziua,{{/if}}\n\nAcum câteva zile v-am recomandat {{partner.name}}. V-au ajutat? Este suficient un clic:\n\nM-au ajutat și sunt mulțumit(ă): {{links.satisfied}}\nM-au ajutat, dar nu sunt mulțumit(ă): {{links.notSatisfied}}\nNu m-au ajutat: {{links.notServed}}\n\nRăspunsul dumneavoastră ne arată care parteneri au grijă de clienții noștri.\n\n{{company.name}}',
    question: 'V-a ajutat {{partner}}?',
    answers: {
      satisfied: 'Da, și sunt mulțumit(ă)',
      'not-satisfied': 'Da, dar nu sunt mulțumit(ă)',
      'not-served': 'Nu, nu m-au ajutat',
    },
    thanks: 'Vă mulțumim! Răspunsul a fost înregistrat.',
    answered: 'Răspunsul dumneavoastră',
    invalid: 'Acest link nu este valid sau a expirat.',
    footer: 'Răspunsul dumneavoastră ajută {{company}} să recomande doar parteneri care au grijă de clienți.',
  },
};
