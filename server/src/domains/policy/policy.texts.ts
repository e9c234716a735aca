// The fixed wording of the service policy and the complaint procedure in EN/RU/PL/RO.
// Everything that varies per desk (ladder, banned phrases, targets, company) comes from the
// configuration in policy.service.ts; only the sentences around it live here.
import type { Language } from '../../platform/templates.ts';

export const REFUSAL_REASONS = ['other-specialization', 'temporarily-unable', 'unrelated'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export interface PolicyTexts {
  policyTitle: string;
  complaintsTitle: string;
  intro: (company: string) => string;
  principlesTitle: string;
  principles: string[];
  refusalsTitle: string;
  refusalsIntro: string;
  refusals: Record<RefusalReason, { title: string; customerGets: string }>;
  languageTitle: string;
  languageIntro: string;
  bannedLabel: string;
  insteadLabel: string;
  ladderTitle: string;
  ladderIntro: string;
  slaTitle: string;
  slaIntro: string;
  firstReply: string;
  resolution: string;
  /** "priority urgent, tier vip" — what a target applies to; empty for every request. */
  slaScope: (scope: { priority: string | null; category: string | null; tier: string | null }) => string;
  openingHours: (schedule: string, zone: string) => string;
  honestDates: (percentile: number, margin: number) => string;
  contactsTitle: string;
  complaintSteps: string[];
  complaintHowTitle: string;
  complaintChannels: string;
  complaintAfterTitle: string;
  goingHigherTitle: string;
  goingHigher: string;
  printLabel: string;
  pdfLabel: string;
  otherDocument: string;
  generated: (date: string) => string;
}

export const POLICY_TEXTS: Record<Language, PolicyTexts> = {
  en: {
    policyTitle: 'Customer service policy',
    complaintsTitle: 'Complaint procedure',
    intro: (company) =>
      `This document describes how ${company} serves its customers. It is generated from the configuration of our service desk, so it describes exactly what our team's software enforces.`,
    principlesTitle: 'Our principles',
    principles: [
      'Whoever takes your request first stays responsible for it until it is resolved or handed over to a named colleague — you never have to start again.',
      'Every open request has a commitment: what happens next, by when, and who is responsible.',
      'The dates we give you are honest: they come from how long similar requests really took.',
      'You can always ask to take your request higher, and we tell you how.',
    ],
    refusalsTitle: 'When we cannot help',
    refusalsIntro:
      'If we cannot do what you ask, we say so plainly, tell you why, and never leave you without a way forward:',
    refusals: {
      'other-specialization': {
        title: 'The request is in a related field we do not specialise in',
        customerGets: 'a short description of what we do and a recommendation of a vetted partner who can help you.',
      },
      'temporarily-unable': {
        title: 'We do this, but cannot do it now (out of stock, fully booked)',
        customerGets:
          'an honest date when we can do it, or an alternative product or service; if neither suits you, a partner who can do it now.',
      },
      unrelated: {
        title: 'The request is unrelated to what we do',
        customerGets:
          'a polite answer with a short description of our company and an invitation to contact us when you need what we offer; after a phone call or visit, a written follow-up with our contact details.',
      },
    },
    languageTitle: 'How we speak to you',
    languageIntro:
      'Our replies are checked before they are sent. We do not use the phrases below; we say what we can do instead.',
    bannedLabel: 'We never say',
    insteadLabel: 'Instead',
    ladderTitle: 'Escalation ladder',
    ladderIntro: 'If you are not satisfied, you can ask to take your request to the next level at any time:',
    slaTitle: 'Response times',
    slaIntro: 'These are the targets our desk works to:',
    firstReply: 'First reply to a new request',
    resolution: 'Resolution of a request',
    slaScope: (scope) => describeScope(scope, { priority: 'priority', category: 'category', tier: 'customer tier' }),
    openingHours: (schedule, zone) => `Working hours: ${schedule} (${zone}).`,
    honestDates: (percentile, margin) =>
      `Dates for further steps are based on how long ${percentile}% of similar requests took, plus a ${margin}% margin.`,
    contactsTitle: 'Contact',
    complaintHowTitle: 'How to file a complaint',
    complaintChannels: 'Write to us by email, through the customer portal or the contact form, or call us:',
    complaintAfterTitle: 'What happens next',
    complaintSteps: [
      'We confirm receipt and tell you who is handling your complaint.',
      'The person handling it tells you what happens next and by when; you get a reply within the target below.',
      'If we need something from you, we say exactly what and why.',
      'We keep you informed at every step, and before a promised date passes we tell you if anything changes, with a new honest date.',
      'When the complaint is resolved, we ask you to confirm it; you can reopen it by replying.',
    ],
    goingHigherTitle: 'Going higher',
    goingHigher:
      'If you disagree with the answer, reply and ask to escalate, or use the button in the customer portal. Your complaint moves to the next level of the ladder and the new owner contacts you.',
    printLabel: 'Print',
    pdfLabel: 'Download PDF',
    otherDocument: 'See also',
    generated: (date) => `Generated from the service desk configuration on ${date}.`,
  },
  ru: {
    policyTitle: 'Политика обслуживания клиентов',
    complaintsTitle: 'Порядок рассмотрения жалоб',
    intro: (company) =>
      `Этот документ описывает, как ${company} обслуживает клиентов. Он создаётся из настроек нашей службы поддержки, поэтому в точности соответствует тому, что соблюдает программа нашей команды.`,
    principlesTitle: 'Наши принципы',
    principles: [
      'Тот, кто первым принял ваше обращение, отвечает за него до решения или до передачи названному коллеге — вам не придётся начинать сначала.',
      'У каждого открытого обращения есть обязательство: что будет дальше, к какому сроку и кто отвечает.',
      'Сроки, которые мы называем, честные: они основаны на том, сколько на самом деле занимали похожие обращения.',
      'Вы всегда можете попросить передать обращение выше, и мы объясним, как это сделать.',
    ],
    refusalsTitle: 'Когда мы не можем помочь',
    refusalsIntro:
      'Если мы не можем выполнить просьбу, мы прямо говорим об этом, объясняем причину и никогда не оставляем вас без решения:',
    refusals: {
      'other-specialization': {
        title: 'Запрос из смежной области, на которой мы не специализируемся',
        customerGets:
          'краткое описание того, чем мы занимаемся, и рекомендацию проверенного партнёра, который сможет помочь.',
      },
      'temporarily-unable': {
        title: 'Мы этим занимаемся, но сейчас не можем (нет в наличии, нет свободных специалистов)',
        customerGets:
          'честную дату, когда мы сможем это сделать, или альтернативный товар или услугу; если ничего не подходит — партнёра, который сделает это сейчас.',
      },
      unrelated: {
        title: 'Запрос не относится к нашей деятельности',
        customerGets:
          'вежливый ответ с кратким рассказом о компании и приглашением обращаться, когда понадобятся наши услуги; после звонка или визита — письмо с нашими контактами.',
      },
    },
    languageTitle: 'Как мы с вами разговариваем',
    languageIntro:
      'Наши ответы проверяются перед отправкой. Мы не используем фразы, приведённые ниже, а вместо них говорим, что можем сделать.',
    bannedLabel: 'Мы никогда не говорим',
    insteadLabel: 'Вместо этого',
    ladderTitle: 'Уровни эскалации',
    ladderIntro:
      'Если вас не устраивает решение, вы в любой момент можете попросить передать обращение на следующий уровень:',
    slaTitle: 'Сроки ответа',
    slaIntro: 'Целевые сроки, которые соблюдает наша служба поддержки:',
    firstReply: 'Первый ответ на новое обращение',
    resolution: 'Решение обращения',
    slaScope: (scope) =>
      describeScope(scope, { priority: 'приоритет', category: 'категория', tier: 'уровень клиента' }),
    openingHours: (schedule, zone) => `Рабочее время: ${schedule} (${zone}).`,
    honestDates: (percentile, margin) =>
      `Сроки следующих шагов основаны на том, за сколько были решены ${percentile}% похожих обращений, плюс запас ${margin}%.`,
    contactsTitle: 'Контакты',
    complaintHowTitle: 'Как подать жалобу',
    complaintChannels:
      'Напишите нам по электронной почте, через личный кабинет или форму обратной связи либо позвоните:',
    complaintAfterTitle: 'Что происходит дальше',
    complaintSteps: [
      'Мы подтверждаем получение и сообщаем, кто занимается вашей жалобой.',
      'Ответственный сотрудник сообщает, что будет дальше и к какому сроку; первый ответ вы получите в пределах срока, указанного ниже.',
      'Если нам что-то нужно от вас, мы точно говорим, что и зачем.',
      'Мы сообщаем о каждом шаге, а если что-то меняется, предупреждаем до наступления обещанного срока и называем новую честную дату.',
      'Когда жалоба решена, мы просим вас подтвердить это; ответив на письмо, вы можете открыть её снова.',
    ],
    goingHigherTitle: 'Как передать жалобу выше',
    goingHigher:
      'Если вы не согласны с ответом, ответьте на письмо с просьбой о передаче выше или нажмите кнопку в личном кабинете. Жалоба переходит на следующий уровень, и новый ответственный свяжется с вами.',
    printLabel: 'Печать',
    pdfLabel: 'Скачать PDF',
    otherDocument: 'См. также',
    generated: (date) => `Создано из настроек службы поддержки ${date}.`,
  },
  pl: {
    policyTitle: 'Polityka obsługi klienta',
    complaintsTitle: 'Procedura reklamacyjna',
    intro: (company) =>
      `Ten dokument opisuje, jak ${company} obsługuje klientów. Powstaje z konfiguracji naszego systemu obsługi klienta, więc opisuje dokładnie to, czego pilnuje oprogramowanie naszego zespołu.`,
    principlesTitle: 'Nasze zasady',
    principles: [
      'Osoba, która pierwsza przyjęła zgłoszenie, odpowiada za nie do rozwiązania albo do przekazania wskazanemu z imienia koledze — nigdy nie trzeba zaczynać od nowa.',
      'Każde otwarte zgłoszenie ma zobowiązanie: co dalej, do kiedy i kto za to odpowiada.',
      'Podawane przez nas terminy są uczciwe: wynikają z tego, ile naprawdę trwały podobne sprawy.',
      'Zawsze można poprosić o przekazanie sprawy wyżej — mówimy, jak to zrobić.',
    ],
    refusalsTitle: 'Gdy nie możemy pomóc',
    refusalsIntro:
      'Jeśli nie możemy spełnić prośby, mówimy to wprost, wyjaśniamy dlaczego i zawsze wskazujemy dalszą drogę:',
    refusals: {
      'other-specialization': {
        title: 'Prośba dotyczy pokrewnej dziedziny, w której się nie specjalizujemy',
        customerGets: 'krótki opis tego, czym się zajmujemy, oraz polecenie sprawdzonego partnera, który może pomóc.',
      },
      'temporarily-unable': {
        title: 'Zajmujemy się tym, ale w tej chwili nie możemy (brak towaru, brak wolnych terminów)',
        customerGets:
          'uczciwy termin, w którym możemy to zrobić, albo alternatywny produkt lub usługę; jeśli nic nie odpowiada — partnera, który zrobi to od razu.',
      },
      unrelated: {
        title: 'Prośba nie dotyczy naszej działalności',
        customerGets:
          'uprzejmą odpowiedź z krótkim opisem firmy i zaproszeniem do kontaktu, gdy będą potrzebne nasze usługi; po rozmowie telefonicznej lub wizycie — wiadomość z danymi kontaktowymi.',
      },
    },
    languageTitle: 'Jak z Państwem rozmawiamy',
    languageIntro:
      'Nasze odpowiedzi są sprawdzane przed wysłaniem. Nie używamy poniższych zwrotów — zamiast nich mówimy, co możemy zrobić.',
    bannedLabel: 'Nigdy nie mówimy',
    insteadLabel: 'Zamiast tego',
    ladderTitle: 'Ścieżka eskalacji',
    ladderIntro:
      'Jeśli rozwiązanie nie jest satysfakcjonujące, w każdej chwili można poprosić o przekazanie sprawy wyżej:',
    slaTitle: 'Czas odpowiedzi',
    slaIntro: 'Oto cele, których dotrzymuje nasz zespół:',
    firstReply: 'Pierwsza odpowiedź na nowe zgłoszenie',
    resolution: 'Rozwiązanie zgłoszenia',
    slaScope: (scope) => describeScope(scope, { priority: 'priorytet', category: 'kategoria', tier: 'poziom klienta' }),
    openingHours: (schedule, zone) => `Godziny pracy: ${schedule} (${zone}).`,
    honestDates: (percentile, margin) =>
      `Terminy kolejnych kroków wynikają z tego, ile trwało ${percentile}% podobnych spraw, z zapasem ${margin}%.`,
    contactsTitle: 'Kontakt',
    complaintHowTitle: 'Jak złożyć reklamację',
    complaintChannels:
      'Prosimy napisać e-mail, skorzystać z portalu klienta lub formularza kontaktowego albo zadzwonić:',
    complaintAfterTitle: 'Co dzieje się dalej',
    complaintSteps: [
      'Potwierdzamy otrzymanie reklamacji i informujemy, kto się nią zajmuje.',
      'Osoba odpowiedzialna informuje, co będzie dalej i do kiedy; pierwszą odpowiedź otrzymają Państwo w terminie podanym niżej.',
      'Jeśli potrzebujemy czegoś od Państwa, mówimy dokładnie czego i po co.',
      'Informujemy o każdym kroku, a jeśli coś się zmienia, uprzedzamy przed upływem obiecanego terminu i podajemy nowy, uczciwy termin.',
      'Po rozpatrzeniu reklamacji prosimy o potwierdzenie; odpowiadając na wiadomość, można ją otworzyć ponownie.',
    ],
    goingHigherTitle: 'Przekazanie sprawy wyżej',
    goingHigher:
      'Jeśli nie zgadzają się Państwo z odpowiedzią, wystarczy odpisać z prośbą o eskalację albo użyć przycisku w portalu klienta. Reklamacja trafia na kolejny poziom, a nowa osoba odpowiedzialna kontaktuje się z Państwem.',
    printLabel: 'Drukuj',
    pdfLabel: 'Pobierz PDF',
    otherDocument: 'Zobacz też',
    generated: (date) => `Wygenerowano z konfiguracji systemu obsługi klienta ${date}.`,
  },
  ro: {
    policyTitle: 'Politica de servire a clienților',
    complaintsTitle: 'Procedura de reclamații',
    intro: (company) =>
      `Acest document descrie cum servește ${company} clienții. Este generat din configurația serviciului nostru de relații cu clienții, așa că descrie exact ce aplică programul echipei noastre.`,
    principlesTitle: 'Principiile noastre',
    principles: [
      'Cine preia primul solicitarea dumneavoastră rămâne responsabil de ea până la rezolvare sau până la predarea către un coleg numit — nu trebuie să o luați niciodată de la capăt.',
      'Fiecare solicitare deschisă are un angajament: ce urmează, până când și cine răspunde.',
      'Termenele pe care vi le dăm sunt oneste: se bazează pe cât au durat cu adevărat solicitări asemănătoare.',
      'Puteți cere oricând ca solicitarea să fie dusă la un nivel superior, iar noi vă spunem cum.',
    ],
    refusalsTitle: 'Când nu vă putem ajuta',
    refusalsIntro:
      'Dacă nu putem face ce ne cereți, vă spunem deschis, vă explicăm de ce și nu vă lăsăm niciodată fără o cale de urmat:',
    refusals: {
      'other-specialization': {
        title: 'Cererea ține de un domeniu apropiat, în care nu suntem specializați',
        customerGets: 'o scurtă descriere a ceea ce facem și recomandarea unui partener verificat care vă poate ajuta.',
      },
      'temporarily-unable': {
        title: 'Ne ocupăm de asta, dar acum nu putem (stoc epuizat, program complet)',
        customerGets:
          'o dată onestă la care o putem face sau un produs ori serviciu alternativ; dacă nu vă convine niciuna, un partener care o poate face acum.',
      },
      unrelated: {
        title: 'Cererea nu are legătură cu activitatea noastră',
        customerGets:
          'un răspuns politicos cu o scurtă prezentare a companiei și invitația de a ne contacta când aveți nevoie de serviciile noastre; după un apel sau o vizită, un mesaj scris cu datele noastre de contact.',
      },
    },
    languageTitle: 'Cum vă vorbim',
    languageIntro:
      'Răspunsurile noastre sunt verificate înainte de trimitere. Nu folosim expresiile de mai jos; în schimb spunem ce putem face.',
    bannedLabel: 'Nu spunem niciodată',
    insteadLabel: 'În schimb',
    ladderTitle: 'Niveluri de escaladare',
    ladderIntro: 'Dacă nu sunteți mulțumit, puteți cere oricând ca solicitarea să fie transmisă la nivelul următor:',
    slaTitle: 'Termene de răspuns',
    slaIntro: 'Acestea sunt țintele pe care le respectă echipa noastră:',
    firstReply: 'Primul răspuns la o solicitare nouă',
    resolution: 'Rezolvarea solicitării',
    slaScope: (scope) =>
      describeScope(scope, { priority: 'prioritate', category: 'categorie', tier: 'nivelul clientului' }),
    openingHours: (schedule, zone) => `Program: ${schedule} (${zone}).`,
    honestDates: (percentile, margin) =>
      `Termenele pașilor următori se bazează pe cât au durat ${percentile}% dintre solicitările asemănătoare, plus o marjă de ${margin}%.`,
    contactsTitle: 'Contact',
    complaintHowTitle: 'Cum depuneți o reclamație',
    complaintChannels: 'Scrieți-ne prin e-mail, prin portalul clienților sau formularul de contact, ori sunați-ne:',
    complaintAfterTitle: 'Ce urmează',
    complaintSteps: [
      'Confirmăm primirea și vă spunem cine se ocupă de reclamația dumneavoastră.',
      'Persoana responsabilă vă spune ce urmează și până când; primul răspuns îl primiți în termenul de mai jos.',
      'Dacă avem nevoie de ceva de la dumneavoastră, vă spunem exact ce și de ce.',
      'Vă ținem la curent la fiecare pas, iar dacă ceva se schimbă, vă anunțăm înainte de termenul promis și vă dăm o nouă dată onestă.',
      'Când reclamația este rezolvată, vă rugăm să confirmați; o puteți redeschide răspunzând la mesaj.',
    ],
    goingHigherTitle: 'Escaladarea',
    goingHigher:
      'Dacă nu sunteți de acord cu răspunsul, răspundeți cerând escaladarea sau folosiți butonul din portalul clienților. Reclamația trece la nivelul următor, iar noul responsabil vă contactează.',
    printLabel: 'Tipărire',
    pdfLabel: 'Descarcă PDF',
    otherDocument: 'Vezi și',
    generated: (date) => `Generat din configurația serviciului de relații cu clienții la ${date}.`,
  },
};

/** The selectors a target applies to, in words ("priority urgent, customer tier vip"). */
function describeScope(
  scope: { priority: string | null; category: string | null; tier: string | null },
  words: { priority: string; category: string; tier: string },
): string {
  return (['priority', 'category', 'tier'] as const)
    .filter((key) => scope[key] !== null)
    .map((key) => `${words[key]} ${scope[key]}`)
    .join(', ');
}
