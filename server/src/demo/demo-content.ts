// Realistic demo conversations in the four languages: what customers of an online store,
// a distributor and a logistics company actually write, and how a good agent answers.
import type { Language } from '../platform/templates.ts';

export interface DemoConversation {
  subject: string;
  body: string;
  reply?: string;
  category: 'quality' | 'service' | 'delivery' | 'billing' | 'other';
}

/** The first three of each language are regulars with several cases; the rest write once or twice. */
export const DEMO_CUSTOMERS: Record<Language, { name: string; email: string }[]> = {
  en: [
    { name: 'Emily Carter', email: 'emily.carter@example.com' },
    { name: 'James Miller', email: 'j.miller@example.org' },
    { name: 'Olivia Brown', email: 'olivia.brown@example.net' },
    { name: 'Noah Wilson', email: 'noah@wilson-trading.example' },
    { name: 'Sophie Turner', email: 'sophie.turner@example.com' },
    { name: 'Daniel Hughes', email: 'dan.hughes@example.org' },
    { name: 'Grace Walker', email: 'grace.walker@example.net' },
    { name: 'Harry Patel', email: 'harry.patel@example.com' },
    { name: 'Chloe Evans', email: 'chloe.evans@example.co.uk' },
    { name: 'Jack Robinson', email: 'jack@robinson-retail.example' },
    { name: 'Amelia Wright', email: 'amelia.wright@example.com' },
    { name: 'Oscar Green', email: 'oscar.green@example.org' },
    { name: 'Isla Thompson', email: 'isla.t@example.net' },
    { name: 'Leo Clarke', email: 'leo.clarke@example.com' },
  ],
  ru: [
    { name: 'Ирина Смирнова', email: 'irina.smirnova@example.ru' },
    { name: 'Алексей Кузнецов', email: 'a.kuznetsov@example.ru' },
    { name: 'Мария Попова', email: 'm.popova@example.com' },
    { name: 'Дмитрий Соколов', email: 'd.sokolov@example.ru' },
    { name: 'Елена Морозова', email: 'e.morozova@example.ru' },
    { name: 'Сергей Волков', email: 'sergey.volkov@example.com' },
    { name: 'Анна Лебедева', email: 'anna.lebedeva@example.ru' },
    { name: 'Павел Новиков', email: 'p.novikov@example.ru' },
    { name: 'Ольга Фёдорова', email: 'olga.fedorova@example.com' },
    { name: 'Никита Козлов', email: 'nikita.kozlov@example.ru' },
    { name: 'Татьяна Егорова', email: 't.egorova@example.ru' },
    { name: 'Андрей Павлов', email: 'andrey.pavlov@example.com' },
    { name: 'Юлия Семёнова', email: 'yulia.semenova@example.ru' },
  ],
  pl: [
    { name: 'Katarzyna Wiśniewska', email: 'k.wisniewska@example.pl' },
    { name: 'Tomasz Kowalczyk', email: 'tomasz.kowalczyk@example.pl' },
    { name: 'Agnieszka Zielińska', email: 'a.zielinska@example.com' },
    { name: 'Piotr Wójcik', email: 'piotr.wojcik@example.pl' },
    { name: 'Anna Kamińska', email: 'anna.kaminska@example.pl' },
    { name: 'Michał Lewandowski', email: 'm.lewandowski@example.com' },
    { name: 'Magdalena Dąbrowska', email: 'magda.dabrowska@example.pl' },
    { name: 'Krzysztof Szymański', email: 'k.szymanski@example.pl' },
    { name: 'Joanna Woźniak', email: 'joanna.wozniak@example.com' },
    { name: 'Paweł Kozłowski', email: 'pawel.kozlowski@example.pl' },
    { name: 'Ewa Jankowska', email: 'ewa.jankowska@example.pl' },
    { name: 'Marcin Mazur', email: 'marcin.mazur@example.com' },
    { name: 'Natalia Krawczyk', email: 'n.krawczyk@example.pl' },
  ],
  ro: [
    { name: 'Andreea Popescu', email: 'andreea.popescu@example.ro' },
    { name: 'Mihai Ionescu', email: 'mihai.ionescu@example.ro' },
    { name: 'Elena Dumitru', email: 'elena.dumitru@example.com' },
    { name: 'Alexandru Stan', email: 'alex.stan@example.ro' },
    { name: 'Ioana Gheorghe', email: 'ioana.gheorghe@example.ro' },
    { name: 'Andrei Munteanu', email: 'andrei.munteanu@example.com' },
    { name: 'Cristina Rusu', email: 'cristina.rusu@example.ro' },
    { name: 'Bogdan Matei', email: 'bogdan.matei@example.ro' },
    { name: 'Maria Constantin', email: 'maria.constantin@example.com' },
    { name: 'Vlad Dinu', email: 'vlad.dinu@example.ro' },
    { name: 'Raluca Marin', email: 'raluca.marin@example.ro' },
    { name: 'George Tudor', email: 'george.tudor@example.com' },
    { name: 'Simona Florea', email: 'simona.florea@example.ro' },
  ],
};

export const DEMO_CONVERSATIONS: Record<Language, DemoConversation[]> = {
  en: [
    {
      subject: 'Order {{order}} has not arrived',
      body: 'Hello, I ordered a desk lamp on Monday (order {{order}}) and the tracking has not moved for four days. When will it be delivered?',
      reply:
        'Hello {{name}}, thank you for letting us know. I have asked the courier for the current location of your parcel and will write to you by tomorrow noon with the delivery date.',
      category: 'delivery',
    },
    {
      subject: 'Broken glass shelf in order {{order}}',
      body: 'The glass shelf arrived cracked in two places. I attached photos. I would like a replacement, not a refund.',
      reply:
        'Dear {{name}}, I am sorry the shelf arrived damaged. We will send a replacement today; the courier will also collect the broken one, so you do not need to pack it.',
      category: 'quality',
    },
    {
      subject: 'Charged twice for {{order}}',
      body: 'My card statement shows two payments of 89.90 EUR for the same order {{order}}. Please refund one of them.',
      category: 'billing',
    },
    {
      subject: 'Wrong colour delivered',
      body: 'I ordered the office chair in grey and received a black one. Can you exchange it? Order {{order}}.',
      reply:
        'Hello {{name}}, thank you for the photos. We will exchange the chair: the grey one leaves our warehouse on Thursday and the courier takes the black one back at the same visit.',
      category: 'delivery',
    },
    {
      subject: 'Invoice with our VAT number',
      body: 'Could you please issue the invoice for order {{order}} to our company with VAT number GB123456789?',
      category: 'billing',
    },
    {
      subject: 'Nobody called back',
      body: 'I called your hotline yesterday about my return and was promised a call back within an hour. Nobody called. This is the second time.',
      reply:
        'Dear {{name}}, I apologise that we did not call back as promised. I am handling your return personally now: the refund was approved this morning and you will see it on your account within 3 working days.',
      category: 'service',
    },
    {
      subject: 'Missing screws in the wardrobe kit',
      body: 'The assembly kit for the wardrobe (order {{order}}) is missing the bag of screws marked C. I cannot finish assembling it.',
      category: 'quality',
    },
    {
      subject: 'Can I change the delivery address?',
      body: 'I will be away next week. Can you deliver order {{order}} to my office instead? Address: 12 King Street, Leeds.',
      category: 'delivery',
    },
    {
      subject: 'Pallet delivery slot for our warehouse',
      body: 'We need to book a delivery slot for 6 pallets next Tuesday at our Manchester warehouse. Dock 3 is free between 8 and 11.',
      category: 'other',
    },
    {
      subject: 'Refund still not received',
      body: 'I returned the headphones three weeks ago and still have not received my refund for order {{order}}.',
      category: 'billing',
    },
  ],
  ru: [
    {
      subject: 'Заказ {{order}} не доставлен',
      body: 'Здравствуйте! Заказ {{order}} должны были доставить ещё в пятницу, но курьер так и не приехал. Когда ждать доставку?',
      reply:
        'Здравствуйте, {{name}}! Спасибо, что сообщили. Я уточнил у службы доставки: заказ передан курьеру, он привезёт его завтра с 10 до 14. Если что-то изменится, я напишу вам до 9 утра.',
      category: 'delivery',
    },
    {
      subject: 'Брак: не работает кофемашина',
      body: 'Купили кофемашину месяц назад, сегодня она перестала включаться. Хочу вернуть деньги. Заказ {{order}}.',
      category: 'quality',
    },
    {
      subject: 'Двойное списание по заказу {{order}}',
      body: 'С карты списали оплату дважды. Прошу вернуть лишнюю сумму как можно скорее.',
      reply:
        'Здравствуйте, {{name}}! Я проверил платежи: второе списание действительно ошибочное. Возврат оформлен сегодня, деньги поступят на карту в течение 5 рабочих дней.',
      category: 'billing',
    },
    {
      subject: 'Не перезвонили',
      body: 'Вчера мне обещали перезвонить по поводу возврата, но никто так и не позвонил. Очень неприятно.',
      category: 'service',
    },
    {
      subject: 'Пришёл не тот товар',
      body: 'Заказывала синий чайник, пришёл красный. Заказ {{order}}. Как обменять?',
      reply:
        'Здравствуйте, {{name}}! Приносим извинения за ошибку. Курьер привезёт синий чайник в четверг и заберёт красный, упаковывать его не нужно.',
      category: 'delivery',
    },
    {
      subject: 'Нужны закрывающие документы',
      body: 'Пришлите, пожалуйста, счёт-фактуру и акт по заказу {{order}} для нашей бухгалтерии.',
      category: 'billing',
    },
    {
      subject: 'Повреждена упаковка при доставке',
      body: 'Коробка пришла мятая, внутри треснул корпус монитора. Фото прикладываю. Заказ {{order}}.',
      category: 'quality',
    },
    {
      subject: 'Можно ли изменить время доставки?',
      body: 'Подскажите, можно ли перенести доставку заказа {{order}} на субботу? В будни меня не будет дома.',
      category: 'delivery',
    },
    {
      subject: 'Жалоба на грубость курьера',
      body: 'Курьер разговаривал грубо и отказался поднять коробку на этаж, хотя подъём был оплачен.',
      category: 'service',
    },
  ],
  pl: [
    {
      subject: 'Zamówienie {{order}} nie dotarło',
      body: 'Dzień dobry, zamówienie {{order}} miało być dostarczone w poniedziałek, a nadal go nie ma. Proszę o informację, kiedy dotrze.',
      reply:
        'Dzień dobry, {{name}}, dziękuję za wiadomość. Sprawdziłem u przewoźnika: paczka jest w sortowni w Poznaniu i zostanie doręczona jutro do 16:00. Jeśli coś się zmieni, napiszę do Pani do 10:00.',
      category: 'delivery',
    },
    {
      subject: 'Reklamacja: uszkodzony ekspres',
      body: 'Ekspres do kawy przestał działać po dwóch tygodniach. Składam reklamację i proszę o naprawę lub wymianę. Zamówienie {{order}}.',
      category: 'quality',
    },
    {
      subject: 'Podwójna płatność',
      body: 'Za zamówienie {{order}} pobrano z konta dwa razy tę samą kwotę. Proszę o zwrot nadpłaty.',
      category: 'billing',
    },
    {
      subject: 'Brak kontaktu ze strony obsługi',
      body: 'Od tygodnia czekam na odpowiedź w sprawie zwrotu. Nikt się nie odezwał, mimo obietnic.',
      reply:
        'Dzień dobry, {{name}}, przepraszam za brak odpowiedzi. Od teraz osobiście zajmuję się tą sprawą osobiście: zwrot został zatwierdzony dziś rano, pieniądze wpłyną w ciągu 3 dni roboczych.',
      category: 'service',
    },
    {
      subject: 'Otrzymałam niewłaściwy produkt',
      body: 'Zamówiłam lampę w kolorze białym, a przyszła czarna. Jak mogę ją wymienić? Zamówienie {{order}}.',
      category: 'delivery',
    },
    {
      subject: 'Faktura na firmę',
      body: 'Proszę o wystawienie faktury VAT na firmę do zamówienia {{order}}, NIP 5250001009.',
      category: 'billing',
    },
    {
      subject: 'Brakujące elementy w zestawie',
      body: 'W zestawie do montażu szafy brakuje woreczka ze śrubami. Nie mogę dokończyć montażu. Zamówienie {{order}}.',
      category: 'quality',
    },
    {
      subject: 'Zmiana adresu dostawy',
      body: 'Czy mogę zmienić adres dostawy zamówienia {{order}}? Nowy adres: ul. Długa 5, Kraków.',
      category: 'delivery',
    },
  ],
  ro: [
    {
      subject: 'Comanda {{order}} nu a ajuns',
      body: 'Bună ziua, comanda {{order}} trebuia livrată vineri, dar curierul nu a venit. Când va fi livrată?',
      reply:
        'Bună ziua, {{name}}, vă mulțumesc că ne-ați anunțat. Am verificat cu firma de curierat: coletul va fi livrat mâine între 10 și 14. Dacă se schimbă ceva, vă scriu până la ora 9.',
      category: 'delivery',
    },
    {
      subject: 'Produs defect: aspiratorul nu pornește',
      body: 'Aspiratorul cumpărat acum două săptămâni nu mai pornește. Doresc înlocuirea lui. Comanda {{order}}.',
      category: 'quality',
    },
    {
      subject: 'Plată dublă pentru comanda {{order}}',
      body: 'Mi s-a retras de două ori suma de pe card. Vă rog să returnați plata în plus.',
      reply:
        'Bună ziua, {{name}}, am verificat plățile: a doua tranzacție este într-adevăr o eroare. Rambursarea a fost inițiată azi, banii vor intra în cont în 5 zile lucrătoare.',
      category: 'billing',
    },
    {
      subject: 'Nu m-a sunat nimeni înapoi',
      body: 'Ieri mi s-a promis că voi fi sunat în legătură cu returul, dar nu a sunat nimeni.',
      category: 'service',
    },
    {
      subject: 'Am primit alt produs',
      body: 'Am comandat un fierbător alb și am primit unul negru. Cum îl pot schimba? Comanda {{order}}.',
      category: 'delivery',
    },
    {
      subject: 'Factură pe firmă',
      body: 'Vă rog să emiteți factura pentru comanda {{order}} pe firmă, CUI RO12345678.',
      category: 'billing',
    },
    {
      subject: 'Ambalaj deteriorat la livrare',
      body: 'Cutia a sosit strivită, iar carcasa monitorului este crăpată. Atașez poze. Comanda {{order}}.',
      category: 'quality',
    },
    {
      subject: 'Pot schimba data livrării?',
      body: 'Se poate muta livrarea comenzii {{order}} pe sâmbătă? În timpul săptămânii nu sunt acasă.',
      category: 'delivery',
    },
  ],
};

/** Next steps the demo agents promise, in the case language. */
export const DEMO_NEXT_STEPS: Record<'customer' | 'carrier', Record<Language, string>> = {
  customer: {
    en: 'Once you send us the details we asked for, we check them and reply with a decision',
    ru: 'Как только вы пришлёте запрошенные данные, мы их проверим и сообщим решение',
    pl: 'Gdy tylko otrzymamy brakujące dane, sprawdzimy je i przekażemy decyzję',
    ro: 'Imediat ce ne trimiteți detaliile cerute, le verificăm și vă comunicăm decizia',
  },
  carrier: {
    en: 'We are waiting for the carrier’s answer and tell you what they say',
    ru: 'Мы ждём ответа перевозчика и сообщим вам, что он ответит',
    pl: 'Czekamy na odpowiedź przewoźnika i przekażemy ją Państwu',
    ro: 'Așteptăm răspunsul curierului și vă comunicăm ce ne spune',
  },
};
