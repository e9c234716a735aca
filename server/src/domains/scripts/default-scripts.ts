// The scripts a desk needs on its first day, for the standard situations of the product
// brief, in the four languages. Seeded by the baseline (only where a key/language is
// missing, so an admin's edits are never overwritten); admins edit them as new versions.
// Every text greets the customer by name, says who writes, states the next step and offers
// what we CAN do — the reply checker's rules, which the tests run over each of them.
import type { Language } from '../../platform/templates.ts';

/** Variables a script may use. Case ones are filled from the case; the rest by the caller. */
export const SCRIPT_VARIABLES = [
  'customer.name',
  'customer.email',
  'agent.name',
  'case.number',
  'case.subject',
  'company.name',
  'company.description',
  'company.email',
  'company.phone',
  'company.website',
  'commitment.dueAt',
  'commitment.nextStep',
  'order.number',
  // Refusals (filled by the guided refusal): the recommended partner, an honest wait date, an alternative.
  'partner.name',
  'partner.terms',
  'partner.contact',
  'waitUntil',
  'alternative',
] as const;

export const SCRIPT_CATEGORIES = [
  'order',
  'payment',
  'delivery',
  'apology',
  'compensation',
  'discount',
  'return',
  'handover',
  'refusal',
  'other',
] as const;
export type ScriptCategory = (typeof SCRIPT_CATEGORIES)[number];

export interface ScriptDefinition {
  key: string;
  category: ScriptCategory;
  /** Case categories the script is suggested for. */
  caseCategories: string[];
  tags: string[];
  text: Record<Language, { title: string; body: string }>;
}

const SIGN = {
  en: '\n\nBest regards,\n{{agent.name}}\n{{company.name}}',
  ru: '\n\nС уважением,\n{{agent.name}}\n{{company.name}}',
  pl: '\n\nZ poważaniem,\n{{agent.name}}\n{{company.name}}',
  ro: '\n\nCu stimă,\n{{agent.name}}\n{{company.name}}',
} as const;

const HELLO = {
  en: 'Hello {{customer.name}},\n\n',
  ru: 'Здравствуйте, {{customer.name}}!\n\n',
  pl: 'Dzień dobry, {{customer.name}},\n\n',
  ro: 'Bună ziua, {{customer.name}},\n\n',
} as const;

const letter = (language: Language, title: string, body: string) => ({
  title,
  body: `${HELLO[language]}${body}${SIGN[language]}`,
});

export const DEFAULT_SCRIPTS: readonly ScriptDefinition[] = [
  {
    key: 'order.confirmation',
    category: 'order',
    caseCategories: ['other', 'service'],
    tags: ['order', 'confirmation'],
    text: {
      en: letter(
        'en',
        'Order taking and confirmation',
        'My name is {{agent.name}} and I am looking after your order {{order.number}}. Thank you for choosing {{company.name}}.\n\nI confirm that we have received your order and are preparing it now. Please check the items, the delivery address and the payment method in the order summary; if anything needs changing, simply reply to this message and I will correct it.\n\n{{#if commitment.dueAt}}Next step: {{commitment.nextStep}} — by {{date commitment.dueAt}}.{{else}}I will write to you again as soon as your order is on its way.{{/if}}',
      ),
      ru: letter(
        'ru',
        'Приём и подтверждение заказа',
        'Меня зовут {{agent.name}}, я веду ваш заказ {{order.number}}. Спасибо, что выбрали {{company.name}}.\n\nПодтверждаю: заказ получен, мы уже начали его собирать. Пожалуйста, проверьте в сводке заказа состав, адрес доставки и способ оплаты; если что-то нужно изменить, просто ответьте на это письмо — я всё поправлю.\n\n{{#if commitment.dueAt}}Следующий шаг: {{commitment.nextStep}} — до {{date commitment.dueAt}}.{{else}}Я напишу вам, как только заказ будет отправлен.{{/if}}',
      ),
      pl: letter(
        'pl',
        'Przyjęcie i potwierdzenie zamówienia',
        'Nazywam się {{agent.name}} i opiekuję się Pana/Pani zamówieniem {{order.number}}. Dziękujemy za wybór {{company.name}}.\n\nPotwierdzam, że zamówienie do nas dotarło i właśnie je kompletujemy. Prosimy sprawdzić w podsumowaniu zamówienia produkty, adres dostawy i formę płatności; jeśli coś trzeba zmienić, wystarczy odpowiedzieć na tę wiadomość, a ja to poprawię.\n\n{{#if commitment.dueAt}}Kolejny krok: {{commitment.nextStep}} — do {{date commitment.dueAt}}.{{else}}Napiszę ponownie, gdy tylko zamówienie zostanie wysłane.{{/if}}',
      ),
      ro: letter(
        'ro',
        'Preluarea și confirmarea comenzii',
        'Numele meu este {{agent.name}} și mă ocup de comanda dumneavoastră {{order.number}}. Vă mulțumim că ați ales {{company.name}}.\n\nVă confirm că am primit comanda și o pregătim chiar acum. Vă rugăm să verificați în rezumatul comenzii produsele, adresa de livrare și modalitatea de plată; dacă trebuie schimbat ceva, răspundeți la acest mesaj și voi face corectura.\n\n{{#if commitment.dueAt}}Pasul următor: {{commitment.nextStep}} — până la {{date commitment.dueAt}}.{{else}}Vă voi scrie din nou imediat ce comanda este expediată.{{/if}}',
      ),
    },
  },
  {
    key: 'payment.question',
    category: 'payment',
    caseCategories: ['billing'],
    tags: ['payment', 'invoice'],
    text: {
      en: letter(
        'en',
        'Payment question',
        'My name is {{agent.name}}, thank you for your question about the payment for order {{order.number}}.\n\nI am checking the payment with our finance team now. Please do not pay a second time: if the money has left your account, it will be matched to your order, and if it has not arrived I will tell you exactly what to do.\n\n{{#if commitment.dueAt}}I will write to you with the result by {{date commitment.dueAt}}.{{else}}I will write to you with the result within one working day.{{/if}} If you have a payment confirmation, you can attach it to your reply — it will speed things up.',
      ),
      ru: letter(
        'ru',
        'Вопрос об оплате',
        'Меня зовут {{agent.name}}, спасибо за вопрос об оплате заказа {{order.number}}.\n\nЯ уже проверяю платёж вместе с финансовым отделом. Пожалуйста, не оплачивайте повторно: если деньги списаны с вашего счёта, мы привяжем их к заказу, а если платёж не дошёл — я подробно подскажу, что сделать.\n\n{{#if commitment.dueAt}}Результат сообщу до {{date commitment.dueAt}}.{{else}}Результат сообщу в течение одного рабочего дня.{{/if}} Если у вас есть подтверждение оплаты, приложите его к ответу — так будет быстрее.',
      ),
      pl: letter(
        'pl',
        'Pytanie o płatność',
        'Nazywam się {{agent.name}}, dziękuję za pytanie o płatność za zamówienie {{order.number}}.\n\nWłaśnie sprawdzam płatność razem z działem finansowym. Prosimy nie płacić drugi raz: jeśli pieniądze zostały pobrane z konta, przypiszemy je do zamówienia, a jeśli płatność nie dotarła, dokładnie wyjaśnię, co zrobić.\n\n{{#if commitment.dueAt}}Wynik przekażę do {{date commitment.dueAt}}.{{else}}Wynik przekażę w ciągu jednego dnia roboczego.{{/if}} Jeśli ma Pan/Pani potwierdzenie przelewu, można dołączyć je do odpowiedzi — to przyspieszy sprawę.',
      ),
      ro: letter(
        'ro',
        'Întrebare despre plată',
        'Numele meu este {{agent.name}}, vă mulțumesc pentru întrebarea despre plata comenzii {{order.number}}.\n\nVerific chiar acum plata împreună cu departamentul financiar. Vă rugăm să nu plătiți a doua oară: dacă banii au fost retrași din cont, îi vom asocia comenzii, iar dacă plata nu a ajuns, vă voi explica exact ce este de făcut.\n\n{{#if commitment.dueAt}}Vă comunic rezultatul până la {{date commitment.dueAt}}.{{else}}Vă comunic rezultatul în cel mult o zi lucrătoare.{{/if}} Dacă aveți o confirmare a plății, o puteți atașa la răspuns — astfel lucrurile merg mai repede.',
      ),
    },
  },
  {
    key: 'delivery.question',
    category: 'delivery',
    caseCategories: ['delivery'],
    tags: ['delivery', 'tracking'],
    text: {
      en: letter(
        'en',
        'Delivery question',
        'My name is {{agent.name}}, thank you for asking about the delivery of order {{order.number}}.\n\nI have checked the order and asked the carrier for its current position. {{#if commitment.dueAt}}I will send you the confirmed delivery date and the tracking link by {{date commitment.dueAt}}.{{else}}I will send you the confirmed delivery date and the tracking link as soon as the carrier answers.{{/if}}\n\nIf you need the parcel delivered to another address or at another time, reply to this message and I will arrange it with the carrier.',
      ),
      ru: letter(
        'ru',
        'Вопрос о доставке',
        'Меня зовут {{agent.name}}, спасибо за вопрос о доставке заказа {{order.number}}.\n\nЯ проверил(а) заказ и запросил(а) у перевозчика, где сейчас посылка. {{#if commitment.dueAt}}Подтверждённую дату доставки и ссылку для отслеживания пришлю до {{date commitment.dueAt}}.{{else}}Подтверждённую дату доставки и ссылку для отслеживания пришлю, как только перевозчик ответит.{{/if}}\n\nЕсли посылку удобнее получить по другому адресу или в другое время, ответьте на это письмо — я договорюсь с перевозчиком.',
      ),
      pl: letter(
        'pl',
        'Pytanie o dostawę',
        'Nazywam się {{agent.name}}, dziękuję za pytanie o dostawę zamówienia {{order.number}}.\n\nSprawdziłem/Sprawdziłam zamówienie i zapytałem/zapytałam przewoźnika, gdzie jest teraz przesyłka. {{#if commitment.dueAt}}Potwierdzoną datę dostawy i link do śledzenia prześlę do {{date commitment.dueAt}}.{{else}}Potwierdzoną datę dostawy i link do śledzenia prześlę, gdy tylko przewoźnik odpowie.{{/if}}\n\nJeśli wygodniej będzie odebrać przesyłkę pod innym adresem lub w innym terminie, wystarczy odpowiedzieć na tę wiadomość — uzgodnię to z przewoźnikiem.',
      ),
      ro: letter(
        'ro',
        'Întrebare despre livrare',
        'Numele meu este {{agent.name}}, vă mulțumesc pentru întrebarea despre livrarea comenzii {{order.number}}.\n\nAm verificat comanda și am întrebat curierul unde se află coletul acum. {{#if commitment.dueAt}}Vă trimit data confirmată a livrării și linkul de urmărire până la {{date commitment.dueAt}}.{{else}}Vă trimit data confirmată a livrării și linkul de urmărire imediat ce curierul răspunde.{{/if}}\n\nDacă doriți livrarea la altă adresă sau în alt interval, răspundeți la acest mesaj și o stabilesc cu curierul.',
      ),
    },
  },
  {
    key: 'apology',
    category: 'apology',
    caseCategories: ['quality', 'service'],
    tags: ['apology', 'complaint'],
    text: {
      en: letter(
        'en',
        'Apology',
        'My name is {{agent.name}}, and I am handling your request #{{case.number}}. I am sorry for the trouble this has caused you — you were right to tell us, and thank you for taking the time to do so.\n\nI have already started putting it right. {{#if commitment.dueAt}}Next step: {{commitment.nextStep}} — by {{date commitment.dueAt}}.{{else}}I will write to you with the next step within one working day.{{/if}}\n\nIf you are not satisfied with how this is handled, reply to this message and I will pass your request to my manager.',
      ),
      ru: letter(
        'ru',
        'Извинение',
        'Меня зовут {{agent.name}}, я занимаюсь вашим обращением №{{case.number}}. Приношу извинения за доставленные неудобства — вы правильно сделали, что написали нам, спасибо, что нашли на это время.\n\nЯ уже начал(а) исправлять ситуацию. {{#if commitment.dueAt}}Следующий шаг: {{commitment.nextStep}} — до {{date commitment.dueAt}}.{{else}}О следующем шаге напишу в течение одного рабочего дня.{{/if}}\n\nЕсли вас не устроит, как решается вопрос, ответьте на это письмо — я передам обращение руководителю.',
      ),
      pl: letter(
        'pl',
        'Przeprosiny',
        'Nazywam się {{agent.name}} i zajmuję się Pana/Pani zgłoszeniem nr {{case.number}}. Przepraszam za kłopot — dobrze, że Pan/Pani nam o tym napisał(a), dziękuję za poświęcony czas.\n\nJuż zacząłem/zaczęłam naprawiać sytuację. {{#if commitment.dueAt}}Kolejny krok: {{commitment.nextStep}} — do {{date commitment.dueAt}}.{{else}}O kolejnym kroku napiszę w ciągu jednego dnia roboczego.{{/if}}\n\nJeśli sposób załatwienia sprawy nie będzie satysfakcjonujący, wystarczy odpowiedzieć na tę wiadomość — przekażę zgłoszenie mojemu przełożonemu.',
      ),
      ro: letter(
        'ro',
        'Scuze',
        'Numele meu este {{agent.name}} și mă ocup de solicitarea dumneavoastră nr. {{case.number}}. Îmi pare rău pentru neplăcerile create — ați procedat corect scriindu-ne și vă mulțumim pentru timpul acordat.\n\nAm început deja să remediez situația. {{#if commitment.dueAt}}Pasul următor: {{commitment.nextStep}} — până la {{date commitment.dueAt}}.{{else}}Vă scriu despre pasul următor în cel mult o zi lucrătoare.{{/if}}\n\nDacă nu sunteți mulțumit de modul în care se rezolvă problema, răspundeți la acest mesaj și voi transmite solicitarea managerului meu.',
      ),
    },
  },
  {
    key: 'delivery.late',
    category: 'delivery',
    caseCategories: ['delivery'],
    tags: ['delivery', 'delay', 'apology'],
    text: {
      en: letter(
        'en',
        'Late delivery',
        'My name is {{agent.name}} from {{company.name}}. Your order {{order.number}} will not arrive on the date we promised, and I am sorry: we should have told you before you had to ask.\n\n{{#if commitment.dueAt}}The new date is {{date commitment.dueAt}} — a date we have checked and can keep.{{else}}I am confirming a new date with the warehouse and will send it to you within one working day.{{/if}} If the new date does not suit you, you can choose: wait for the full order, receive the items that are ready now, or cancel the order free of charge.\n\nReply with your choice and I will arrange it.',
      ),
      ru: letter(
        'ru',
        'Задержка доставки',
        'Меня зовут {{agent.name}}, {{company.name}}. Ваш заказ {{order.number}} не будет доставлен в обещанный срок, и я приношу извинения: мы должны были сообщить об этом раньше, чем вам пришлось спрашивать.\n\n{{#if commitment.dueAt}}Новая дата — {{date commitment.dueAt}}; мы её проверили и выдержим.{{else}}Я согласую новую дату со складом и сообщу её в течение одного рабочего дня.{{/if}} Если новая дата вам не подходит, можно выбрать: дождаться всего заказа, получить уже готовые товары сейчас или бесплатно отменить заказ.\n\nОтветьте, какой вариант вам удобнее, — я всё организую.',
      ),
      pl: letter(
        'pl',
        'Opóźniona dostawa',
        'Nazywam się {{agent.name}}, {{company.name}}. Zamówienie {{order.number}} nie dotrze w obiecanym terminie — przepraszam: powinniśmy byli poinformować o tym, zanim musiał(a) Pan/Pani pytać.\n\n{{#if commitment.dueAt}}Nowy termin to {{date commitment.dueAt}} — sprawdziliśmy go i dotrzymamy.{{else}}Uzgadniam nowy termin z magazynem i przekażę go w ciągu jednego dnia roboczego.{{/if}} Jeśli nowy termin nie odpowiada, można wybrać: poczekać na całe zamówienie, otrzymać od razu gotowe produkty albo bezpłatnie anulować zamówienie.\n\nProszę odpisać, która opcja jest najwygodniejsza — wszystko zorganizuję.',
      ),
      ro: letter(
        'ro',
        'Livrare întârziată',
        'Numele meu este {{agent.name}}, de la {{company.name}}. Comanda dumneavoastră {{order.number}} nu va ajunge la data promisă și îmi cer scuze: trebuia să vă anunțăm înainte să fie nevoie să întrebați.\n\n{{#if commitment.dueAt}}Noua dată este {{date commitment.dueAt}} — am verificat-o și o vom respecta.{{else}}Stabilesc o nouă dată cu depozitul și v-o comunic în cel mult o zi lucrătoare.{{/if}} Dacă noua dată nu vă convine, puteți alege: să așteptați comanda completă, să primiți acum produsele gata de livrare sau să anulați comanda gratuit.\n\nRăspundeți cu varianta preferată și mă ocup de tot.',
      ),
    },
  },
  {
    key: 'compensation',
    category: 'compensation',
    caseCategories: ['quality', 'delivery', 'service'],
    tags: ['compensation', 'goodwill', 'apology'],
    text: {
      en: letter(
        'en',
        'Compensating a slip',
        'My name is {{agent.name}}. We made a mistake with your request #{{case.number}}, and I am sorry for the time it cost you.\n\nI have corrected it, and to make up for the trouble we will deliver your next order free of charge — nothing to do on your side, it is already noted on your account.\n\n{{#if commitment.dueAt}}Next step: {{commitment.nextStep}} — by {{date commitment.dueAt}}.{{else}}I will confirm by message once everything is in place.{{/if}} Thank you for your patience.',
      ),
      ru: letter(
        'ru',
        'Компенсация за ошибку',
        'Меня зовут {{agent.name}}. Мы допустили ошибку по вашему обращению №{{case.number}}, и я прошу прощения за потраченное вами время.\n\nОшибку я уже исправил(а), а чтобы загладить неудобства, мы бесплатно доставим ваш следующий заказ — делать ничего не нужно, это уже отмечено в вашем профиле.\n\n{{#if commitment.dueAt}}Следующий шаг: {{commitment.nextStep}} — до {{date commitment.dueAt}}.{{else}}Когда всё будет готово, я подтвержу это сообщением.{{/if}} Спасибо за терпение.',
      ),
      pl: letter(
        'pl',
        'Rekompensata za błąd',
        'Nazywam się {{agent.name}}. Popełniliśmy błąd w zgłoszeniu nr {{case.number}} i przepraszam za stracony przez to czas.\n\nBłąd jest już poprawiony, a w ramach przeprosin następne zamówienie dostarczymy bezpłatnie — nie trzeba nic robić, informacja jest już zapisana na Pana/Pani koncie.\n\n{{#if commitment.dueAt}}Kolejny krok: {{commitment.nextStep}} — do {{date commitment.dueAt}}.{{else}}Potwierdzę wiadomością, gdy wszystko będzie gotowe.{{/if}} Dziękuję za cierpliwość.',
      ),
      ro: letter(
        'ro',
        'Compensarea unei greșeli',
        'Numele meu este {{agent.name}}. Am greșit în privința solicitării dumneavoastră nr. {{case.number}} și îmi pare rău pentru timpul pierdut.\n\nAm corectat deja greșeala, iar pentru neplăcerile create vă livrăm gratuit următoarea comandă — nu trebuie să faceți nimic, este deja notat în contul dumneavoastră.\n\n{{#if commitment.dueAt}}Pasul următor: {{commitment.nextStep}} — până la {{date commitment.dueAt}}.{{else}}Vă confirm printr-un mesaj când totul este gata.{{/if}} Vă mulțumim pentru răbdare.',
      ),
    },
  },
  {
    key: 'discount.request',
    category: 'discount',
    caseCategories: ['billing', 'other'],
    tags: ['discount', 'price'],
    text: {
      en: letter(
        'en',
        'Discount request',
        'My name is {{agent.name}}, thank you for your interest in {{company.name}}.\n\nOur prices are the same for every customer, so I cannot lower the price of this order by itself — but here is what I can offer: free delivery for orders above the threshold shown in the basket, and our newsletter, which announces the seasonal sales first. If you are buying in larger quantities, I will ask our sales team for a volume offer.\n\nReply with the quantities you need and I will come back to you with a concrete proposal.',
      ),
      ru: letter(
        'ru',
        'Просьба о скидке',
        'Меня зовут {{agent.name}}, спасибо за интерес к {{company.name}}.\n\nЦены у нас одинаковые для всех клиентов, поэтому снизить цену одного заказа я не могу, но вот что я могу предложить: бесплатную доставку для заказов выше порога, указанного в корзине, и рассылку, в которой первыми объявляются сезонные распродажи. Если вы покупаете крупной партией, я запрошу у отдела продаж оптовое предложение.\n\nНапишите, какое количество вам нужно, — я вернусь с конкретным предложением.',
      ),
      pl: letter(
        'pl',
        'Prośba o rabat',
        'Nazywam się {{agent.name}}, dziękuję za zainteresowanie {{company.name}}.\n\nNasze ceny są takie same dla wszystkich klientów, więc nie mogę obniżyć ceny pojedynczego zamówienia, ale mogę zaproponować: bezpłatną dostawę przy zamówieniach powyżej progu widocznego w koszyku oraz newsletter, w którym jako pierwsi ogłaszamy wyprzedaże sezonowe. Przy większych ilościach poproszę dział sprzedaży o ofertę hurtową.\n\nProszę napisać, jakiej ilości Pan/Pani potrzebuje — wrócę z konkretną propozycją.',
      ),
      ro: letter(
        'ro',
        'Cerere de reducere',
        'Numele meu este {{agent.name}}, vă mulțumesc pentru interesul față de {{company.name}}.\n\nPrețurile noastre sunt aceleași pentru toți clienții, așa că nu pot reduce prețul unei singure comenzi, dar iată ce vă pot propune: livrare gratuită pentru comenzile peste pragul afișat în coș și newsletterul nostru, în care anunțăm primii reducerile de sezon. Dacă doriți cantități mai mari, voi cere echipei de vânzări o ofertă de volum.\n\nScrieți-mi ce cantitate vă trebuie și revin cu o propunere concretă.',
      ),
    },
  },
  {
    key: 'exchange.return',
    category: 'return',
    caseCategories: ['quality'],
    tags: ['return', 'exchange', 'refund'],
    text: {
      en: letter(
        'en',
        'Exchange or return',
        'My name is {{agent.name}}, and I will help you with the exchange or return for order {{order.number}}.\n\nHere is how it works:\n1. Reply with the items you are returning and whether you prefer an exchange or a refund.\n2. I will send you a prepaid return label.\n3. As soon as the parcel reaches us, we send the replacement or refund the money to your original payment method.\n\n{{#if commitment.dueAt}}Next step: {{commitment.nextStep}} — by {{date commitment.dueAt}}.{{else}}I will send the return label within one working day of your reply.{{/if}}',
      ),
      ru: letter(
        'ru',
        'Обмен или возврат',
        'Меня зовут {{agent.name}}, я помогу вам с обменом или возвратом по заказу {{order.number}}.\n\nКак это происходит:\n1. Ответьте, какие товары вы возвращаете и что предпочитаете — обмен или возврат денег.\n2. Я пришлю вам оплаченную транспортную накладную для возврата.\n3. Как только посылка придёт к нам, мы отправим замену или вернём деньги тем же способом, которым вы платили.\n\n{{#if commitment.dueAt}}Следующий шаг: {{commitment.nextStep}} — до {{date commitment.dueAt}}.{{else}}Накладную пришлю в течение одного рабочего дня после вашего ответа.{{/if}}',
      ),
      pl: letter(
        'pl',
        'Wymiana lub zwrot',
        'Nazywam się {{agent.name}} i pomogę w wymianie lub zwrocie zamówienia {{order.number}}.\n\nJak to wygląda:\n1. Proszę odpisać, które produkty Pan/Pani zwraca i czy woli wymianę, czy zwrot pieniędzy.\n2. Prześlę opłaconą etykietę zwrotną.\n3. Gdy paczka do nas dotrze, wyślemy produkt na wymianę albo zwrócimy pieniądze tą samą metodą płatności.\n\n{{#if commitment.dueAt}}Kolejny krok: {{commitment.nextStep}} — do {{date commitment.dueAt}}.{{else}}Etykietę prześlę w ciągu jednego dnia roboczego od odpowiedzi.{{/if}}',
      ),
      ro: letter(
        'ro',
        'Schimb sau retur',
        'Numele meu este {{agent.name}} și vă ajut cu schimbul sau returul pentru comanda {{order.number}}.\n\nIată cum procedăm:\n1. Răspundeți cu produsele pe care le returnați și dacă preferați un schimb sau rambursarea banilor.\n2. Vă trimit o etichetă de retur plătită.\n3. Imediat ce coletul ajunge la noi, trimitem produsul de schimb sau rambursăm banii prin aceeași metodă de plată.\n\n{{#if commitment.dueAt}}Pasul următor: {{commitment.nextStep}} — până la {{date commitment.dueAt}}.{{else}}Vă trimit eticheta în cel mult o zi lucrătoare de la răspunsul dumneavoastră.{{/if}}',
      ),
    },
  },
  {
    key: 'handover',
    category: 'handover',
    caseCategories: ['quality', 'service', 'delivery', 'billing', 'other'],
    tags: ['handover', 'colleague'],
    text: {
      en: letter(
        'en',
        'Hand-over to a colleague',
        'My name is {{agent.name}}. We have a person who can help you with this better than I can: I am passing your request #{{case.number}} to my colleague together with everything you have told us, so you will not need to explain anything again.\n\n{{#if commitment.dueAt}}My colleague will write to you by {{date commitment.dueAt}}.{{else}}My colleague will write to you within one working day.{{/if}} Until then you can reply to this message at any time — it will reach them.',
      ),
      ru: letter(
        'ru',
        'Передача коллеге',
        'Меня зовут {{agent.name}}. У нас есть специалист, который поможет вам с этим лучше меня: я передаю ваше обращение №{{case.number}} коллеге вместе со всем, что вы нам рассказали, так что повторять ничего не придётся.\n\n{{#if commitment.dueAt}}Коллега напишет вам до {{date commitment.dueAt}}.{{else}}Коллега напишет вам в течение одного рабочего дня.{{/if}} До этого вы можете в любой момент ответить на это письмо — оно дойдёт до него.',
      ),
      pl: letter(
        'pl',
        'Przekazanie sprawy koledze',
        'Nazywam się {{agent.name}}. Mamy osobę, która pomoże w tej sprawie lepiej niż ja: przekazuję zgłoszenie nr {{case.number}} koledze razem ze wszystkim, co już Pan/Pani nam przekazał(a), więc nie trzeba niczego powtarzać.\n\n{{#if commitment.dueAt}}Kolega odezwie się do {{date commitment.dueAt}}.{{else}}Kolega odezwie się w ciągu jednego dnia roboczego.{{/if}} Do tego czasu można w każdej chwili odpowiedzieć na tę wiadomość — trafi bezpośrednio do niego.',
      ),
      ro: letter(
        'ro',
        'Predarea către un coleg',
        'Numele meu este {{agent.name}}. Avem o persoană care vă poate ajuta mai bine decât mine: transmit solicitarea dumneavoastră nr. {{case.number}} unui coleg, împreună cu tot ce ne-ați spus, așa că nu va fi nevoie să repetați nimic.\n\n{{#if commitment.dueAt}}Colegul meu vă va scrie până la {{date commitment.dueAt}}.{{else}}Colegul meu vă va scrie în cel mult o zi lucrătoare.{{/if}} Până atunci puteți răspunde oricând la acest mesaj — va ajunge la el.',
      ),
    },
  },
  {
    key: 'refusal.other-specialization',
    category: 'refusal',
    caseCategories: ['other'],
    tags: ['refusal', 'referral', 'partner'],
    text: {
      en: letter(
        'en',
        'Refusal: a related field (referral to a partner)',
        'My name is {{agent.name}}, thank you for contacting {{company.name}}. {{company.description}}\n\nWhat you are looking for is close to our field but is a specialisation of its own, so the best help I can give you is a trusted recommendation. {{#if partner.name}}I recommend {{partner.name}}, a company we work with: {{partner.terms}} You can reach them at {{partner.contact}}; mention that we sent you.{{else}}I will find a partner company that does exactly this and send you their contact within one working day.{{/if}}\n\nIf you need anything from our own range, I will be glad to help.',
      ),
      ru: letter(
        'ru',
        'Отказ: смежная область (рекомендация партнёра)',
        'Меня зовут {{agent.name}}, спасибо, что обратились в {{company.name}}. {{company.description}}\n\nТо, что вы ищете, близко к нашей области, но это отдельная специализация, поэтому лучшее, что я могу для вас сделать, — порекомендовать проверенного партнёра. {{#if partner.name}}Рекомендую компанию {{partner.name}}, с которой мы работаем: {{partner.terms}} Связаться с ними можно так: {{partner.contact}}; скажите, что вы от нас.{{else}}Я подберу партнёрскую компанию, которая занимается именно этим, и пришлю её контакты в течение одного рабочего дня.{{/if}}\n\nЕсли вам понадобится что-то из нашего ассортимента, буду рад(а) помочь.',
      ),
      pl: letter(
        'pl',
        'Odmowa: pokrewna dziedzina (polecenie partnera)',
        'Nazywam się {{agent.name}}, dziękuję za kontakt z {{company.name}}. {{company.description}}\n\nTo, czego Pan/Pani szuka, jest bliskie naszej branży, ale to osobna specjalizacja, dlatego najlepsze, co mogę zrobić, to polecić sprawdzonego partnera. {{#if partner.name}}Polecam firmę {{partner.name}}, z którą współpracujemy: {{partner.terms}} Kontakt: {{partner.contact}}; proszę powołać się na nas.{{else}}Znajdę firmę partnerską, która zajmuje się dokładnie tym, i prześlę jej kontakt w ciągu jednego dnia roboczego.{{/if}}\n\nJeśli będzie Pan/Pani potrzebować czegoś z naszej oferty, chętnie pomogę.',
      ),
      ro: letter(
        'ro',
        'Refuz: un domeniu apropiat (recomandarea unui partener)',
        'Numele meu este {{agent.name}}, vă mulțumesc că ați contactat {{company.name}}. {{company.description}}\n\nCeea ce căutați este apropiat de domeniul nostru, dar este o specializare separată, așa că cel mai bun ajutor pe care vi-l pot oferi este o recomandare de încredere. {{#if partner.name}}Vă recomand {{partner.name}}, o companie cu care colaborăm: {{partner.terms}} Îi puteți contacta la {{partner.contact}}; spuneți-le că veniți din partea noastră.{{else}}Voi găsi o companie parteneră care face exact acest lucru și vă trimit datele de contact în cel mult o zi lucrătoare.{{/if}}\n\nDacă aveți nevoie de ceva din oferta noastră, vă ajut cu plăcere.',
      ),
    },
  },
  {
    key: 'refusal.temporarily-unable',
    category: 'refusal',
    caseCategories: ['other', 'delivery'],
    tags: ['refusal', 'out-of-stock', 'wait', 'alternative'],
    text: {
      en: letter(
        'en',
        'Refusal: temporarily unable (wait date or alternative)',
        'My name is {{agent.name}}, thank you for your request to {{company.name}}. This is something we do, but right now we cannot do it as quickly as you need, and I would rather tell you honestly.\n\nHere is what I can offer:\n{{#if waitUntil}}- we can do it by {{date waitUntil}} — a date we are sure to keep;\n{{/if}}{{#if alternative}}- instead, {{alternative}};\n{{/if}}{{#if partner.name}}- if waiting does not suit you, {{partner.name}} can do it now: {{partner.terms}} Contact: {{partner.contact}}.{{else}}- if waiting does not suit you, I will recommend a partner who can do it sooner.{{/if}}\n\nReply with the option you prefer and I will arrange it.',
      ),
      ru: letter(
        'ru',
        'Отказ: временно не можем (срок ожидания или альтернатива)',
        'Меня зовут {{agent.name}}, спасибо за обращение в {{company.name}}. Мы этим занимаемся, но сейчас не можем сделать это так быстро, как вам нужно, и я предпочитаю сказать об этом честно.\n\nВот что я могу предложить:\n{{#if waitUntil}}- мы сможем сделать это до {{date waitUntil}} — этот срок мы точно выдержим;\n{{/if}}{{#if alternative}}- вместо этого: {{alternative}};\n{{/if}}{{#if partner.name}}- если ждать неудобно, компания {{partner.name}} сделает это сейчас: {{partner.terms}} Контакт: {{partner.contact}}.{{else}}- если ждать неудобно, я порекомендую партнёра, который сделает это быстрее.{{/if}}\n\nОтветьте, какой вариант вам подходит, — я всё организую.',
      ),
      pl: letter(
        'pl',
        'Odmowa: chwilowo nie możemy (termin lub alternatywa)',
        'Nazywam się {{agent.name}}, dziękuję za zapytanie do {{company.name}}. Zajmujemy się tym, ale w tej chwili nie zdążymy tak szybko, jak Pan/Pani potrzebuje, i wolę powiedzieć to uczciwie.\n\nOto, co mogę zaproponować:\n{{#if waitUntil}}- możemy to zrobić do {{date waitUntil}} — ten termin na pewno dotrzymamy;\n{{/if}}{{#if alternative}}- zamiast tego: {{alternative}};\n{{/if}}{{#if partner.name}}- jeśli czekanie nie odpowiada, firma {{partner.name}} zrobi to od razu: {{partner.terms}} Kontakt: {{partner.contact}}.{{else}}- jeśli czekanie nie odpowiada, polecę partnera, który zrobi to szybciej.{{/if}}\n\nProszę odpisać, która opcja jest najlepsza — wszystko zorganizuję.',
      ),
      ro: letter(
        'ro',
        'Refuz: temporar indisponibil (termen sau alternativă)',
        'Numele meu este {{agent.name}}, vă mulțumesc pentru solicitarea adresată {{company.name}}. Ne ocupăm de acest lucru, dar acum nu îl putem face atât de repede cât aveți nevoie și prefer să vă spun sincer.\n\nIată ce vă pot propune:\n{{#if waitUntil}}- îl putem face până la {{date waitUntil}} — un termen pe care îl vom respecta sigur;\n{{/if}}{{#if alternative}}- în schimb: {{alternative}};\n{{/if}}{{#if partner.name}}- dacă nu doriți să așteptați, {{partner.name}} o poate face acum: {{partner.terms}} Contact: {{partner.contact}}.{{else}}- dacă nu doriți să așteptați, vă recomand un partener care o poate face mai repede.{{/if}}\n\nRăspundeți cu varianta preferată și mă ocup de tot.',
      ),
    },
  },
  {
    key: 'refusal.unrelated',
    category: 'refusal',
    caseCategories: ['other'],
    tags: ['refusal', 'invitation', 'company card'],
    text: {
      en: letter(
        'en',
        'Refusal: an unrelated request (polite refusal and invitation)',
        'My name is {{agent.name}}, thank you for thinking of {{company.name}}. This request is outside what we do, so we would not be the right people to serve it well.\n\nLet me tell you briefly about us: {{company.description}}\n\nIf you ever need any of this, we will be glad to help — you can reach us at {{company.email}}{{#if company.phone}} or {{company.phone}}{{/if}}{{#if company.website}}, and see everything we offer at {{company.website}}{{/if}}.',
      ),
      ru: letter(
        'ru',
        'Отказ: запрос не по нашему профилю (вежливый отказ и приглашение)',
        'Меня зовут {{agent.name}}, спасибо, что вспомнили о {{company.name}}. Этот запрос не относится к нашему профилю, и мы не сможем выполнить его достаточно хорошо.\n\nКоротко о нас: {{company.description}}\n\nЕсли вам понадобятся наши услуги, будем рады помочь: пишите на {{company.email}}{{#if company.phone}} или звоните по телефону {{company.phone}}{{/if}}{{#if company.website}}, а всё, что мы предлагаем, есть на сайте {{company.website}}{{/if}}.',
      ),
      pl: letter(
        'pl',
        'Odmowa: zapytanie spoza naszej oferty (uprzejma odmowa i zaproszenie)',
        'Nazywam się {{agent.name}}, dziękuję, że pomyślał(a) Pan/Pani o {{company.name}}. To zapytanie wykracza poza zakres naszej działalności, więc nie bylibyśmy w stanie obsłużyć go tak dobrze, jak na to zasługuje.\n\nKilka słów o nas: {{company.description}}\n\nJeśli kiedyś będzie Pan/Pani potrzebować naszych usług, chętnie pomożemy — zapraszamy pod adres {{company.email}}{{#if company.phone}} lub pod numer {{company.phone}}{{/if}}{{#if company.website}}, a całą ofertę można zobaczyć na {{company.website}}{{/if}}.',
      ),
      ro: letter(
        'ro',
        'Refuz: o cerere din afara domeniului (refuz politicos și invitație)',
        'Numele meu este {{agent.name}}, vă mulțumesc că v-ați gândit la {{company.name}}. Această cerere nu ține de domeniul nostru, așa că nu am putea să o onorăm cum se cuvine.\n\nPe scurt despre noi: {{company.description}}\n\nDacă veți avea nevoie de serviciile noastre, vă ajutăm cu plăcere — ne găsiți la {{company.email}}{{#if company.phone}} sau la {{company.phone}}{{/if}}{{#if company.website}}, iar întreaga ofertă este pe {{company.website}}{{/if}}.',
      ),
    },
  },
];
