// The words every customer message ends with — the commitment footer — and the messages
// that tell the customer about a commitment: the acknowledgement of a new case, an
// escalation, a changed plan. Shipped in the four languages; admins edit them like any
// other template (the variables are checked at save).
import type { TemplateDefinition } from '../settings/default-templates.ts';

const CASE_VARIABLES = ['case.number', 'case.subject', 'customer.name', 'company.name'] as const;

export const FOOTER_VARIABLES = [
  ...CASE_VARIABLES,
  'commitment',
  'commitment.nextStep',
  'commitment.dueAt',
  'waitingOnCustomer',
  'owner.name',
  'contact.email',
  'contact.phone',
  'nextRung.title',
  'nextRung.name',
  'nextRung.contact',
  'escalateLink',
] as const;

const REPLY_SUBJECT = 'Re: {{case.subject}} [#{{case.number}}]';

export const COMMITMENT_TEMPLATES: readonly TemplateDefinition[] = [
  {
    key: 'customer.footer',
    variables: FOOTER_VARIABLES,
    text: {
      en: {
        subject: '',
        body: '—\n{{#if commitment}}What happens next: {{commitment.nextStep}}\n{{#if waitingOnCustomer}}We are waiting for your reply. {{/if}}By: {{date commitment.dueAt}}\nHandling your request: {{owner.name}}. To reach them, reply to this message{{#if contact.phone}} or call {{contact.phone}}{{/if}}.\n{{#if nextRung.title}}Not satisfied? You can ask for {{nextRung.title}} — {{nextRung.name}}{{#if nextRung.contact}} ({{nextRung.contact}}){{/if}}: {{escalateLink}}\n{{/if}}{{else}}Your request is resolved. If anything is still missing, reply to this message and we will pick it up again.\n{{/if}}Request #{{case.number}}',
      },
      ru: {
        subject: '',
        body: '—\n{{#if commitment}}Что дальше: {{commitment.nextStep}}\n{{#if waitingOnCustomer}}Мы ждём вашего ответа. {{/if}}Срок: до {{date commitment.dueAt}}\nВашим обращением занимается {{owner.name}}. Чтобы связаться, ответьте на это письмо{{#if contact.phone}} или позвоните по номеру {{contact.phone}}{{/if}}.\n{{#if nextRung.title}}Если вас что-то не устраивает, вы можете обратиться выше — {{nextRung.title}}: {{nextRung.name}}{{#if nextRung.contact}} ({{nextRung.contact}}){{/if}}: {{escalateLink}}\n{{/if}}{{else}}Ваше обращение решено. Если что-то осталось нерешённым, просто ответьте на это письмо — мы продолжим.\n{{/if}}Обращение №{{case.number}}',
      },
      pl: {
        subject: '',
        body: '—\n{{#if commitment}}Co dalej: {{commitment.nextStep}}\n{{#if waitingOnCustomer}}Czekamy na Państwa odpowiedź. {{/if}}Termin: do {{date commitment.dueAt}}\nZgłoszeniem zajmuje się {{owner.name}}. Aby się skontaktować, wystarczy odpowiedzieć na tę wiadomość{{#if contact.phone}} lub zadzwonić pod numer {{contact.phone}}{{/if}}.\n{{#if nextRung.title}}Jeśli coś Państwa nie zadowala, można zwrócić się wyżej — {{nextRung.title}}: {{nextRung.name}}{{#if nextRung.contact}} ({{nextRung.contact}}){{/if}}: {{escalateLink}}\n{{/if}}{{else}}Zgłoszenie zostało rozwiązane. Jeśli czegoś jeszcze brakuje, wystarczy odpowiedzieć na tę wiadomość — wrócimy do sprawy.\n{{/if}}Zgłoszenie nr {{case.number}}',
      },
      ro: {
        subject: '',
        body: '—\n{{#if commitment}}Ce urmează: {{commitment.nextStep}}\n{{#if waitingOnCustomer}}Așteptăm răspunsul dumneavoastră. {{/if}}Termen: până la {{date commitment.dueAt}}\nDe solicitarea dumneavoastră se ocupă {{owner.name}}. Ne puteți contacta răspunzând la acest mesaj{{#if contact.phone}} sau sunând la {{contact.phone}}{{/if}}.\n{{#if nextRung.title}}Dacă nu sunteți mulțumit(ă), puteți cere ajutorul unui nivel superior — {{nextRung.title}}: {{nextRung.name}}{{#if nextRung.contact}} ({{nextRung.contact}}){{/if}}: {{escalateLink}}\n{{/if}}{{else}}Solicitarea dumneavoastră este rezolvată. Dacă mai lipsește ceva, răspundeți la acest mesaj și o reluăm.\n{{/if}}Solicitarea nr. {{case.number}}',
      },
    },
  },
  {
    key: 'case.acknowledgement',
    variables: CASE_VARIABLES,
    text: {
      en: {
        subject: REPLY_SUBJECT,
        body: 'Dear {{customer.name}},\n\nThank you for writing to us. Your request is registered under number {{case.number}} and a person on our team will take it up; what happens next, and when, is below.',
      },
      ru: {
        subject: REPLY_SUBJECT,
        body: 'Уважаемый(ая) {{customer.name}}!\n\nСпасибо, что написали нам. Ваше обращение зарегистрировано под номером {{case.number}}, им займётся сотрудник нашей службы; что будет дальше и когда — ниже.',
      },
      pl: {
        subject: REPLY_SUBJECT,
        body: 'Szanowni Państwo,\n\ndziękujemy za wiadomość. Zgłoszenie zostało zarejestrowane pod numerem {{case.number}} i zajmie się nim osoba z naszego zespołu; co dalej i kiedy — poniżej.',
      },
      ro: {
        subject: REPLY_SUBJECT,
        body: 'Stimate/Stimată {{customer.name}},\n\nVă mulțumim că ne-ați scris. Solicitarea dumneavoastră a fost înregistrată cu numărul {{case.number}} și se va ocupa de ea o persoană din echipa noastră; ce urmează și când găsiți mai jos.',
      },
    },
  },
  {
    key: 'case.escalated',
    variables: [...CASE_VARIABLES, 'agent.name', 'rung.title'],
    text: {
      en: {
        subject: REPLY_SUBJECT,
        body: 'Dear {{customer.name}},\n\nYour request #{{case.number}} has been taken up by {{rung.title}}: {{agent.name}} now handles it personally and has the whole history.',
      },
      ru: {
        subject: REPLY_SUBJECT,
        body: 'Уважаемый(ая) {{customer.name}}!\n\nВашим обращением №{{case.number}} теперь занимается {{rung.title}}: {{agent.name}} лично ведёт его и знает всю историю.',
      },
      pl: {
        subject: REPLY_SUBJECT,
        body: 'Szanowni Państwo,\n\nzgłoszenie nr {{case.number}} przejął(a) {{rung.title}}: {{agent.name}} zajmuje się nim osobiście i zna całą historię sprawy.',
      },
      ro: {
        subject: REPLY_SUBJECT,
        body: 'Stimate/Stimată {{customer.name}},\n\nSolicitarea dumneavoastră nr. {{case.number}} a fost preluată de {{rung.title}}: {{agent.name}} se ocupă personal de ea și cunoaște tot istoricul.',
      },
    },
  },
  {
    key: 'commitment.changed',
    variables: [...CASE_VARIABLES, 'reason'],
    text: {
      en: {
        subject: REPLY_SUBJECT,
        body: 'Dear {{customer.name}},\n\nWe have an update on your request #{{case.number}}.{{#if reason}} {{reason}}{{/if}} Here is the plan now:',
      },
      ru: {
        subject: REPLY_SUBJECT,
        body: 'Уважаемый(ая) {{customer.name}}!\n\nУ нас есть новости по вашему обращению №{{case.number}}.{{#if reason}} {{reason}}{{/if}} Вот что будет дальше:',
      },
      pl: {
        subject: REPLY_SUBJECT,
        body: 'Szanowni Państwo,\n\nmamy nowe informacje w sprawie zgłoszenia nr {{case.number}}.{{#if reason}} {{reason}}{{/if}} Oto aktualny plan:',
      },
      ro: {
        subject: REPLY_SUBJECT,
        body: 'Stimate/Stimată {{customer.name}},\n\nAvem noutăți despre solicitarea dumneavoastră nr. {{case.number}}.{{#if reason}} {{reason}}{{/if}} Iată planul acum:',
      },
    },
  },
];
