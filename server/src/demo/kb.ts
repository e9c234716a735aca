// Demo knowledge-base articles in EN/RU/PL/RO: two public ones for the help pages and one
// internal one for agents.
import type { AppContext } from '../context.ts';
import { createArticle } from '../domains/kb/kb.service.ts';
import type { Principal } from '../platform/principal.ts';
import type { Language } from '../platform/templates.ts';

interface DemoArticle {
  slug: string;
  category: Record<Language, string>;
  visibility: 'internal' | 'public';
  text: Record<Language, { title: string; body: string }>;
}

const DEMO_ARTICLES: DemoArticle[] = [
  {
    slug: 'returns',
    category: { en: 'Returns', ru: 'Возврат', pl: 'Zwroty', ro: 'Retururi' },
    visibility: 'public',
    text: {
      en: {
        title: 'How to return or exchange an item',
        body: 'You can return any item within **30 days** of delivery, or exchange it for another size or colour.\n\n1. Reply to your order confirmation or write to us and say which items you are returning.\n2. We send you a prepaid return label within one working day.\n3. Once the parcel reaches us, we send the replacement or refund the money to the original payment method within 5 working days.\n\nItems must be complete and undamaged. If an item arrived faulty, tell us — in that case you do not pay for anything.',
      },
      ru: {
        title: 'Как вернуть или обменять товар',
        body: 'Любой товар можно вернуть в течение **30 дней** после доставки или обменять на другой размер или цвет.\n\n1. Ответьте на письмо с подтверждением заказа или напишите нам, какие товары вы возвращаете.\n2. В течение одного рабочего дня мы пришлём оплаченную накладную для возврата.\n3. Как только посылка придёт к нам, мы отправим замену или вернём деньги тем же способом оплаты в течение 5 рабочих дней.\n\nТовар должен быть комплектным и неповреждённым. Если товар пришёл с дефектом, сообщите нам — в этом случае вы ни за что не платите.',
      },
      pl: {
        title: 'Jak zwrócić lub wymienić produkt',
        body: 'Każdy produkt można zwrócić w ciągu **30 dni** od dostawy albo wymienić na inny rozmiar lub kolor.\n\n1. Odpowiedz na potwierdzenie zamówienia lub napisz do nas, które produkty zwracasz.\n2. W ciągu jednego dnia roboczego prześlemy opłaconą etykietę zwrotną.\n3. Gdy paczka do nas dotrze, wyślemy produkt na wymianę albo zwrócimy pieniądze tą samą metodą płatności w ciągu 5 dni roboczych.\n\nProdukt musi być kompletny i nieuszkodzony. Jeśli dotarł wadliwy, daj nam znać — wtedy za nic nie płacisz.',
      },
      ro: {
        title: 'Cum returnați sau schimbați un produs',
        body: 'Puteți returna orice produs în **30 de zile** de la livrare sau îl puteți schimba cu altă mărime ori culoare.\n\n1. Răspundeți la confirmarea comenzii sau scrieți-ne ce produse returnați.\n2. În cel mult o zi lucrătoare vă trimitem o etichetă de retur plătită.\n3. Când coletul ajunge la noi, trimitem produsul de schimb sau rambursăm banii prin aceeași metodă de plată în 5 zile lucrătoare.\n\nProdusul trebuie să fie complet și nedeteriorat. Dacă a sosit defect, spuneți-ne — în acest caz nu plătiți nimic.',
      },
    },
  },
  {
    slug: 'delivery',
    category: { en: 'Delivery', ru: 'Доставка', pl: 'Dostawa', ro: 'Livrare' },
    visibility: 'public',
    text: {
      en: {
        title: 'Delivery times and tracking',
        body: 'Orders placed on a working day before 14:00 leave our warehouse the same day. Delivery usually takes **2–4 working days**.\n\nAs soon as your parcel is on its way you receive an email with the tracking link. If the parcel has not arrived by the date in that email, write to us: we contact the carrier and tell you the new date, and you can always choose to cancel free of charge.',
      },
      ru: {
        title: 'Сроки доставки и отслеживание',
        body: 'Заказы, оформленные в рабочий день до 14:00, покидают склад в тот же день. Доставка обычно занимает **2–4 рабочих дня**.\n\nКак только посылка отправлена, вы получите письмо со ссылкой для отслеживания. Если посылка не пришла к дате, указанной в письме, напишите нам: мы свяжемся с перевозчиком и сообщим новую дату, а отменить заказ можно бесплатно в любой момент.',
      },
      pl: {
        title: 'Czas dostawy i śledzenie przesyłki',
        body: 'Zamówienia złożone w dzień roboczy do 14:00 opuszczają magazyn tego samego dnia. Dostawa trwa zwykle **2–4 dni robocze**.\n\nGdy tylko paczka zostanie nadana, otrzymasz e-mail z linkiem do śledzenia. Jeśli przesyłka nie dotrze do daty podanej w wiadomości, napisz do nas: skontaktujemy się z przewoźnikiem i podamy nowy termin, a zamówienie zawsze można bezpłatnie anulować.',
      },
      ro: {
        title: 'Termene de livrare și urmărirea coletului',
        body: 'Comenzile plasate într-o zi lucrătoare până la ora 14:00 pleacă din depozit în aceeași zi. Livrarea durează de obicei **2–4 zile lucrătoare**.\n\nImediat ce coletul este expediat, primiți un e-mail cu linkul de urmărire. Dacă coletul nu a sosit până la data din e-mail, scrieți-ne: contactăm curierul și vă comunicăm noua dată, iar comanda poate fi anulată oricând gratuit.',
      },
    },
  },
  {
    slug: 'payment-not-arrived',
    category: { en: 'Payments', ru: 'Оплата', pl: 'Płatności', ro: 'Plăți' },
    visibility: 'internal',
    text: {
      en: {
        title: 'Agents: a payment the customer made has not arrived',
        body: 'Never ask the customer to pay again.\n\n1. Ask for the payment confirmation (bank statement or card receipt) — the **payment.question** script asks for it.\n2. Forward it to finance with the order number; finance matches it within one working day.\n3. Set the commitment to that date and tell the customer.\n\nIf the money was taken twice, finance refunds the second payment; tell the customer the refund date.',
      },
      ru: {
        title: 'Для операторов: оплата клиента не поступила',
        body: 'Никогда не просите клиента оплатить повторно.\n\n1. Попросите подтверждение оплаты (выписку или чек) — скрипт **payment.question** уже содержит эту просьбу.\n2. Передайте его в финансовый отдел с номером заказа; там сверят платёж в течение одного рабочего дня.\n3. Установите обязательство на эту дату и сообщите её клиенту.\n\nЕсли деньги списаны дважды, финансовый отдел вернёт второй платёж; сообщите клиенту дату возврата.',
      },
      pl: {
        title: 'Dla konsultantów: płatność klienta nie dotarła',
        body: 'Nigdy nie proś klienta o ponowną płatność.\n\n1. Poproś o potwierdzenie płatności (wyciąg lub potwierdzenie z karty) — skrypt **payment.question** już o to prosi.\n2. Przekaż je do działu finansów z numerem zamówienia; dział przypisze płatność w ciągu jednego dnia roboczego.\n3. Ustaw zobowiązanie na ten termin i przekaż go klientowi.\n\nJeśli pieniądze pobrano dwa razy, dział finansów zwróci drugą płatność; podaj klientowi datę zwrotu.',
      },
      ro: {
        title: 'Pentru operatori: plata clientului nu a ajuns',
        body: 'Nu cereți niciodată clientului să plătească din nou.\n\n1. Cereți confirmarea plății (extras sau chitanța cardului) — scriptul **payment.question** o cere deja.\n2. Trimiteți-o departamentului financiar cu numărul comenzii; plata este identificată în cel mult o zi lucrătoare.\n3. Setați angajamentul la acea dată și comunicați-o clientului.\n\nDacă banii au fost retrași de două ori, departamentul financiar rambursează a doua plată; spuneți clientului data rambursării.',
      },
    },
  },
];

export async function loadDemoArticles(ctx: AppContext, author: Principal): Promise<void> {
  for (const article of DEMO_ARTICLES) {
    for (const [language, text] of Object.entries(article.text) as [Language, { title: string; body: string }][]) {
      await createArticle(ctx, author, language, {
        slug: article.slug,
        category: article.category[language],
        visibility: article.visibility,
        ...text,
      });
    }
  }
}
