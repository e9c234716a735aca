// The scripts a refusal draft is written from, per reason and language (Handlebars, rendered
// by the platform's template engine). They are drafts: the agent edits them and the reply
// checker reviews them at send like any reply. Each one says what we CAN do: a partner, a
// date, an alternative, or what we do and an invitation to come back.
import type { Language } from '../../platform/templates.ts';

export const REFUSAL_REASONS = ['other-specialization', 'temporarily-unable', 'unrelated'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** Variables a refusal script may read; the refusal service provides all of them. */
export const REFUSAL_VARIABLES = [
  'customer.name',
  'agent.name',
  'case.number',
  'company.name',
  'company.description',
  'company.website',
  'company.email',
  'company.phone',
  'partner.name',
  'partner.terms',
  'partner.email',
  'partner.phone',
  'partner.contact',
  'waitUntil',
  'alternative',
  'followUp',
] as const;

type Scripts = Record<RefusalReason, string>;

/** Shared pieces, so the three scripts of a language greet, open and sign off the same way. */
const piece = {
  en: {
    greeting: '{{#if customer.name}}Dear {{customer.name}},{{else}}Hello,{{/if}}',
    opening:
      'My name is {{agent.name}} and I am looking after your request #{{case.number}} at {{company.name}}. {{#if followUp}}Thank you for your call today.{{else}}Thank you for writing to us.{{/if}}',
    partner:
      '{{partner.name}} can help you{{#if partner.terms}} ({{partner.terms}}){{/if}}: you can reach them at {{partner.email}}{{#if partner.phone}} or {{partner.phone}}{{/if}}; mention that {{company.name}} sent you.',
    closing: '\n\nKind regards,\n{{agent.name}}',
  },
  ru: {
    greeting: '{{#if customer.name}}Здравствуйте, {{customer.name}}!{{else}}Здравствуйте!{{/if}}',
    opening:
      'Меня зовут {{agent.name}}, я занимаюсь вашим обращением №{{case.number}} в компании {{company.name}}. {{#if followUp}}Спасибо за ваш звонок.{{else}}Спасибо, что написали нам.{{/if}}',
    partner:
      'Вам поможет {{partner.name}}{{#if partner.terms}} ({{partner.terms}}){{/if}}: их адрес {{partner.email}}{{#if partner.phone}}, телефон {{partner.phone}}{{/if}}. Скажите, что вы от {{company.name}}.',
    closing: '\n\nС уважением,\n{{agent.name}}',
  },
  pl: {
    greeting: '{{#if customer.name}}Dzień dobry {{customer.name}},{{else}}Dzień dobry,{{/if}}',
    opening:
      'nazywam się {{agent.name}} i zajmuję się Pana/Pani zgłoszeniem nr {{case.number}} w {{company.name}}. {{#if followUp}}Dziękujemy za dzisiejszą rozmowę.{{else}}Dziękujemy za wiadomość.{{/if}}',
    partner:
      'Pomoże Panu/Pani firma {{partner.name}}{{#if partner.terms}} ({{partner.terms}}){{/if}}: kontakt {{partner.email}}{{#if partner.phone}} lub {{partner.phone}}{{/if}}. Proszę powołać się na {{company.name}}.',
    closing: '\n\nZ poważaniem\n{{agent.name}}',
  },
  ro: {
    greeting: '{{#if customer.name}}Bună ziua, {{customer.name}},{{else}}Bună ziua,{{/if}}',
    opening:
      'Mă numesc {{agent.name}} și mă ocup de solicitarea dumneavoastră nr. {{case.number}} la {{company.name}}. {{#if followUp}}Vă mulțumim pentru apelul de astăzi.{{else}}Vă mulțumim că ne-ați scris.{{/if}}',
    partner:
      'Vă poate ajuta {{partner.name}}{{#if partner.terms}} ({{partner.terms}}){{/if}}: îi puteți contacta la {{partner.email}}{{#if partner.phone}} sau {{partner.phone}}{{/if}}; spuneți-le că vă trimite {{company.name}}.',
    closing: '\n\nCu stimă,\n{{agent.name}}',
  },
} satisfies Record<Language, Record<string, string>>;

const scripts = (language: Language, body: Scripts): Scripts => {
  const p = piece[language];
  const wrap = (middle: string) => `${p.greeting}\n\n${p.opening} ${middle}${p.closing}`;
  return {
    'other-specialization': wrap(body['other-specialization'].replace('{{> partner}}', p.partner)),
    'temporarily-unable': wrap(body['temporarily-unable'].replace('{{> partner}}', p.partner)),
    unrelated: wrap(body.unrelated),
  };
};

/** The shipped refusal scripts: `REFUSAL_SCRIPTS[language][reason]`. */
export const REFUSAL_SCRIPTS: Record<Language, Scripts> = {
  en: scripts('en', {
    'other-specialization':
      '{{company.description}} What you need belongs to a neighbouring field, and we would rather send you to specialists than do it half-well.\n\n{{#if partner.name}}We recommend a partner we trust with exactly this kind of request. {{> partner}}{{else}}We will send you the name of a specialist we trust in our next message.{{/if}}\n\nWhenever you need something within our field, simply reply to this message.',
    'temporarily-unable':
      'We cannot do this for you right away. {{#if waitUntil}}We can do it by {{date waitUntil}}: if that suits you, reply to this message and we will reserve it for you.{{/if}}{{#if alternative}} What we can offer you straight away instead: {{alternative}}.{{/if}}{{#if partner.name}}\n\nIf you would rather not wait, a partner of ours can do it now. {{> partner}}{{/if}}\n\nTell us which option you prefer and we will take care of the rest.',
    unrelated:
      'Your request is outside what we do, and we would not want to keep you waiting for an answer we cannot give.\n\nA few words about us: {{company.description}}{{#if company.website}} Everything we offer is at {{company.website}}.{{/if}}\n\nWhenever you need something in our field, write to us or call us: we will be glad to help.',
  }),
  ru: scripts('ru', {
    'other-specialization':
      '{{company.description}} То, что вам нужно, относится к соседней области, и мы предпочитаем направить вас к специалистам, а не делать работу вполсилы.\n\n{{#if partner.name}}Мы рекомендуем партнёра, которому доверяем именно такие задачи. {{> partner}}{{else}}В следующем письме мы пришлём вам контакты специалиста, которому доверяем.{{/if}}\n\nЕсли вам понадобится что-то в нашей области, просто ответьте на это письмо.',
    'temporarily-unable':
      'Прямо сейчас мы не можем это выполнить. {{#if waitUntil}}Мы можем сделать это к {{date waitUntil}}: если вам подходит, ответьте на это письмо, и мы закрепим это за вами.{{/if}}{{#if alternative}} А сразу мы можем предложить вам другой вариант: {{alternative}}.{{/if}}{{#if partner.name}}\n\nЕсли вы не хотите ждать, наш партнёр может сделать это уже сейчас. {{> partner}}{{/if}}\n\nНапишите, какой вариант вам удобнее, и мы позаботимся об остальном.',
    unrelated:
      'Ваш запрос не относится к тому, чем мы занимаемся, и мы не хотим, чтобы вы ждали ответа, который мы не сможем дать.\n\nНесколько слов о нас: {{company.description}}{{#if company.website}} Всё, что мы предлагаем, есть на сайте {{company.website}}.{{/if}}\n\nКогда вам понадобится что-то из нашей области, напишите или позвоните нам: мы будем рады помочь.',
  }),
  pl: scripts('pl', {
    'other-specialization':
      '{{company.description}} To, czego Pan/Pani potrzebuje, należy do pokrewnej dziedziny i wolimy polecić specjalistów, niż zrobić to byle jak.\n\n{{#if partner.name}}Polecamy partnera, któremu ufamy właśnie w takich sprawach. {{> partner}}{{else}}W następnej wiadomości prześlemy kontakt do sprawdzonego specjalisty.{{/if}}\n\nGdy będzie Pan/Pani potrzebować czegoś z naszej dziedziny, wystarczy odpowiedzieć na tę wiadomość.',
    'temporarily-unable':
      'Nie możemy tego zrobić od ręki. {{#if waitUntil}}Możemy to zrobić do {{date waitUntil}}: jeśli ten termin odpowiada, prosimy odpowiedzieć na tę wiadomość, a zarezerwujemy to dla Pana/Pani.{{/if}}{{#if alternative}} Od razu możemy zaproponować coś innego: {{alternative}}.{{/if}}{{#if partner.name}}\n\nJeśli woli Pan/Pani nie czekać, nasz partner może to zrobić już teraz. {{> partner}}{{/if}}\n\nProsimy napisać, która opcja jest wygodniejsza, a resztą zajmiemy się my.',
    unrelated:
      'Pana/Pani prośba wykracza poza to, czym się zajmujemy, i nie chcemy, by czekał(a) Pan/Pani na odpowiedź, której nie możemy udzielić.\n\nKilka słów o nas: {{company.description}}{{#if company.website}} Całą naszą ofertę można znaleźć na {{company.website}}.{{/if}}\n\nGdy będzie Pan/Pani potrzebować czegoś z naszej dziedziny, zapraszamy do kontaktu mailowego lub telefonicznego: chętnie pomożemy.',
  }),
  ro: scripts('ro', {
    'other-specialization':
      '{{company.description}} Ceea ce vă trebuie ține de un domeniu învecinat și preferăm să vă îndrumăm spre specialiști decât să facem lucrul pe jumătate.\n\n{{#if partner.name}}Vă recomandăm un partener în care avem încredere exact pentru astfel de solicitări. {{> partner}}{{else}}În următorul mesaj vă trimitem datele unui specialist în care avem încredere.{{/if}}\n\nOri de câte ori aveți nevoie de ceva din domeniul nostru, răspundeți pur și simplu la acest mesaj.',
    'temporarily-unable':
      'Nu putem face acest lucru imediat. {{#if waitUntil}}Îl putem face până la {{date waitUntil}}: dacă vă convine, răspundeți la acest mesaj și îl rezervăm pentru dumneavoastră.{{/if}}{{#if alternative}} Ce vă putem oferi chiar acum în schimb: {{alternative}}.{{/if}}{{#if partner.name}}\n\nDacă preferați să nu așteptați, un partener de-al nostru o poate face chiar acum. {{> partner}}{{/if}}\n\nSpuneți-ne ce variantă preferați și ne ocupăm noi de rest.',
    unrelated:
      'Solicitarea dumneavoastră nu ține de ceea ce facem și nu am vrea să așteptați un răspuns pe care nu vi-l putem da.\n\nCâteva cuvinte despre noi: {{company.description}}{{#if company.website}} Tot ce oferim găsiți pe {{company.website}}.{{/if}}\n\nOri de câte ori aveți nevoie de ceva din domeniul nostru, scrieți-ne sau sunați-ne: vă ajutăm cu plăcere.',
  }),
};
