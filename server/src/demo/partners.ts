// Demo partners, so the demo can refuse a misdirected request in two clicks: a business asking
// a home-goods store to book pallet deliveries ("Pallet delivery slot for our warehouse") is
// matched to a freight partner. One such request was refused earlier and its customer
// answered the follow-up, so the partner page shows outcomes from the start.
import type { AppContext } from '../context.ts';
import { refuseCase } from '../domains/partners/partners.refusals.ts';
import { createPartner } from '../domains/partners/partners.service.ts';
import type { Principal } from '../platform/principal.ts';

const DEMO_PARTNERS = [
  {
    name: 'Pennine Freight',
    specializations: ['pallet-delivery', 'freight', 'warehousing'],
    regions: ['GB', 'IE'],
    terms: 'the first pallet booking free of charge for Northwind customers',
    contact: { email: 'bookings@pennine-freight.example', phone: '+44 161 496 0000' },
    notes: 'Answer within a day; customers we sent were happy.',
  },
  {
    name: 'Vistula Kitchen Fitters',
    specializations: ['kitchen-installation', 'furniture-assembly'],
    regions: ['PL'],
    terms: '10% rabatu na montaż dla klientów Northwind',
    contact: { email: 'biuro@vistula-fitters.example', phone: '+48 22 555 01 23' },
  },
  {
    name: 'Carpathian Home Services',
    specializations: ['furniture-assembly', 'plumbing', 'kitchen-installation'],
    regions: ['RO', 'MD'],
    terms: 'vizită gratuită în București pentru clienții Northwind',
    contact: { email: 'contact@carpathian-home.example' },
  },
  {
    name: 'Neva Assembly',
    specializations: ['furniture-assembly'],
    regions: ['RU'],
    terms: 'скидка 5% на сборку мебели для клиентов Northwind',
    contact: { email: 'zakaz@neva-assembly.example', phone: '+7 812 555 00 11' },
  },
  {
    name: 'EuroCourier Express',
    specializations: ['express-delivery'],
    regions: [],
    terms: 'same-day delivery at the standard price',
    contact: { email: 'partners@eurocourier.example' },
    status: 'paused' as const,
    notes: 'Paused after two late deliveries in October.',
  },
];

export async function loadDemoPartners(ctx: AppContext, agent: Principal): Promise<void> {
  for (const partner of DEMO_PARTNERS) await createPartner(ctx, partner);
  // The oldest misdirected pallet request was referred ten days ago, and the customer answered.
  const { rows } = await ctx.database.executeSql(
    `SELECT id FROM cases WHERE subject = 'Pallet delivery slot for our warehouse' ORDER BY created_at LIMIT 1`,
    [],
  );
  if (!rows[0]) return;
  const refused = await refuseCase(ctx, agent, rows[0].id as string, {
    reason: 'other-specialization',
    cause: 'misdirected',
  });
  await ctx.database.executeSql(
    `UPDATE referrals SET created_at = now() - interval '10 days', follow_up_sent_at = now() - interval '3 days',
       served = true, satisfied = true, answered_at = now() - interval '2 days'
     WHERE id = $1`,
    [refused.refusal.referralId],
  );
}
