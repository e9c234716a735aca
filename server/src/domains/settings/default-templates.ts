// The templates a desk needs on its first day, in the four languages. Admins edit them in
// the app; `variables` is what each key may use (checked when a template is saved).
import type { Language } from '../../platform/templates.ts';
import { COMMITMENT_TEMPLATES } from '../commitments/commitment-templates.ts';

export interface TemplateDefinition {
  key: string;
  variables: readonly string[];
  text: Record<Language, { subject: string; body: string }>;
}

const USER_LINK_VARIABLES = ['user.name', 'user.email', 'inviter.name', 'link', 'expiresAt', 'company.name'] as const;
const CASE_VARIABLES = ['case.number', 'case.subject', 'customer.name', 'company.name'] as const;

export const TEMPLATE_DEFINITIONS: readonly TemplateDefinition[] = [
  {
    key: 'user.invite',
    variables: USER_LINK_VARIABLES,
    text: {
      en: {
        subject: 'You are invited to {{company.name}} on Heard',
        body: 'Hello {{user.name}},\n\n{{inviter.name}} has invited you to the {{company.name}} service desk.\nChoose your password here: {{link}}\n\nThe link works once, until {{date expiresAt}}.',
      },
      ru: {
        subject: 'Приглашение в службу поддержки {{company.name}}',
        body: 'Здравствуйте, {{user.name}}!\n\n{{inviter.name}} пригласил(а) вас в службу поддержки {{company.name}}.\nЗадайте пароль по ссылке: {{link}}\n\nСсылка одноразовая и действует до {{date expiresAt}}.',
      },
      pl: {
        subject: 'Zaproszenie do obsługi klienta {{company.name}}',
        body: 'Dzień dobry {{user.name}},\n\n{{inviter.name}} zaprasza Cię do zespołu obsługi klienta {{company.name}}.\nUstaw hasło tutaj: {{link}}\n\nLink jest jednorazowy i ważny do {{date expiresAt}}.',
      },
      ro: {
        subject: 'Invitație la serviciul clienți {{company.name}}',
        body: 'Bună ziua, {{user.name}},\n\n{{inviter.name}} v-a invitat în echipa de relații cu clienții {{company.name}}.\nAlegeți parola aici: {{link}}\n\nLinkul se poate folosi o singură dată, până la {{date expiresAt}}.',
      },
    },
  },
  {
    key: 'user.password-reset',
    variables: USER_LINK_VARIABLES,
    text: {
      en: {
        subject: 'Reset your {{company.name}} password',
        body: 'Hello {{user.name}},\n\nSomeone asked to reset your password. If it was you, choose a new one here: {{link}}\nThe link works once, until {{date expiresAt}}. If it was not you, ignore this message.',
      },
      ru: {
        subject: 'Сброс пароля {{company.name}}',
        body: 'Здравствуйте, {{user.name}}!\n\nПоступил запрос на сброс пароля. Если это были вы, задайте новый пароль: {{link}}\nСсылка одноразовая и действует до {{date expiresAt}}. Если это были не вы, просто проигнорируйте письмо.',
      },
      pl: {
        subject: 'Reset hasła {{company.name}}',
        body: 'Dzień dobry {{user.name}},\n\notrzymaliśmy prośbę o reset hasła. Jeśli to Ty, ustaw nowe hasło: {{link}}\nLink jest jednorazowy i ważny do {{date expiresAt}}. Jeśli to nie Ty, zignoruj tę wiadomość.',
      },
      ro: {
        subject: 'Resetarea parolei {{company.name}}',
        body: 'Bună ziua, {{user.name}},\n\nCineva a cerut resetarea parolei. Dacă ați fost dumneavoastră, alegeți o parolă nouă aici: {{link}}\nLinkul se poate folosi o singură dată, până la {{date expiresAt}}. Dacă nu ați fost dumneavoastră, ignorați mesajul.',
      },
    },
  },
  {
    key: 'case.handover',
    variables: [...CASE_VARIABLES, 'agent.name', 'previousAgent.name'],
    text: {
      en: {
        subject: 'Re: {{case.subject}} [#{{case.number}}]',
        body: 'Dear {{customer.name}},\n\nWe have a person who can help you with this: {{agent.name}} is now handling your request #{{case.number}} and has all the details from {{previousAgent.name}}. You do not need to explain anything again.',
      },
      ru: {
        subject: 'Re: {{case.subject}} [#{{case.number}}]',
        body: 'Уважаемый(ая) {{customer.name}}!\n\nУ нас есть специалист, который поможет вам: вашим обращением №{{case.number}} теперь занимается {{agent.name}}. Коллега {{previousAgent.name}} передал(а) все подробности, повторять ничего не нужно.',
      },
      pl: {
        subject: 'Re: {{case.subject}} [#{{case.number}}]',
        body: 'Szanowna Pani / Szanowny Panie {{customer.name}},\n\nmamy osobę, która pomoże w tej sprawie: zgłoszeniem nr {{case.number}} zajmuje się teraz {{agent.name}}, który otrzymał wszystkie szczegóły od {{previousAgent.name}}. Nie trzeba niczego powtarzać.',
      },
      ro: {
        subject: 'Re: {{case.subject}} [#{{case.number}}]',
        body: 'Stimate/Stimată {{customer.name}},\n\nAvem o persoană care vă poate ajuta: de solicitarea dumneavoastră nr. {{case.number}} se ocupă acum {{agent.name}}, care a primit toate detaliile de la {{previousAgent.name}}. Nu este nevoie să repetați nimic.',
      },
    },
  },
  {
    key: 'agent.notification',
    variables: [...CASE_VARIABLES, 'agent.name', 'text', 'link'],
    text: {
      en: {
        subject: '[#{{case.number}}] {{text}}',
        body: 'Hello {{agent.name}},\n\n{{text}}\n\n{{case.subject}}\n{{link}}',
      },
      ru: {
        subject: '[#{{case.number}}] {{text}}',
        body: 'Здравствуйте, {{agent.name}}!\n\n{{text}}\n\n{{case.subject}}\n{{link}}',
      },
      pl: {
        subject: '[#{{case.number}}] {{text}}',
        body: 'Cześć {{agent.name}},\n\n{{text}}\n\n{{case.subject}}\n{{link}}',
      },
      ro: {
        subject: '[#{{case.number}}] {{text}}',
        body: 'Bună, {{agent.name}},\n\n{{text}}\n\n{{case.subject}}\n{{link}}',
      },
    },
  },
  ...COMMITMENT_TEMPLATES,
  {
    // Sent by the commitments sweep when a promised date passed: the reason and a new honest date.
    key: 'commitment.missed',
    variables: [...CASE_VARIABLES, 'nextStep', 'reason', 'dueAt', 'basis'],
    text: {
      en: {
        subject: 'Re: {{case.subject}} [#{{case.number}}]',
        body: 'Dear {{customer.name}},\n\nWe have not kept the date we gave you for your request #{{case.number}}, and we are sorry. {{reason}}\n\nNext step: {{nextStep}}. Our new date is {{date dueAt}}. {{basis}}',
      },
      ru: {
        subject: 'Re: {{case.subject}} [#{{case.number}}]',
        body: 'Уважаемый(ая) {{customer.name}}!\n\nМы не уложились в срок, который назвали по вашему обращению №{{case.number}}, и приносим извинения. {{reason}}\n\nСледующий шаг: {{nextStep}}. Новый срок: {{date dueAt}}. {{basis}}',
      },
      pl: {
        subject: 'Re: {{case.subject}} [#{{case.number}}]',
        body: 'Szanowna Pani / Szanowny Panie {{customer.name}},\n\nnie dotrzymaliśmy terminu podanego dla zgłoszenia nr {{case.number}} i przepraszamy. {{reason}}\n\nNastępny krok: {{nextStep}}. Nowy termin: {{date dueAt}}. {{basis}}',
      },
      ro: {
        subject: 'Re: {{case.subject}} [#{{case.number}}]',
        body: 'Stimate/Stimată {{customer.name}},\n\nNu am respectat termenul comunicat pentru solicitarea dumneavoastră nr. {{case.number}} și ne cerem scuze. {{reason}}\n\nUrmătorul pas: {{nextStep}}. Noul termen: {{date dueAt}}. {{basis}}',
      },
    },
  },
];

export const templateDefinition = (key: string): TemplateDefinition | undefined =>
  TEMPLATE_DEFINITIONS.find((definition) => definition.key === key);
