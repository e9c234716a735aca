// SQL for the partner directory, refusals and referrals.
import type { Tx } from '../../platform/db.ts';

export interface PartnerRow {
  id: string;
  name: string;
  specializations: string[];
  regions: string[];
  terms: string;
  contact_email: string;
  contact_phone: string | null;
  status: string;
  notes: string;
  created_at: Date;
  updated_at: Date;
  referred: number;
  answered: number;
  served: number;
  satisfied: number;
  incoming: number;
}

export interface PartnerRecord {
  name: string;
  specializations: string[];
  regions: string[];
  terms: string;
  contactEmail: string;
  contactPhone: string | null;
  status: string;
  notes: string;
}

export interface ReferralRow {
  id: string;
  partner_id: string;
  partner_name: string;
  case_id: string | null;
  case_number: number | null;
  customer_id: string | null;
  customer_email: string | null;
  customer_name: string | null;
  refusal_id: string | null;
  direction: string;
  language: string;
  note: string | null;
  created_at: Date;
  /** The exact creation time (microseconds), for list cursors. */
  created_key: string;
  follow_up_sent_at: Date | null;
  served: boolean | null;
  satisfied: boolean | null;
  answered_at: Date | null;
}

/** Outcome counts per partner: referred (outgoing), answered, served, satisfied; incoming from them. */
const PARTNER_SELECT = `SELECT p.id, p.name, p.specializations, p.regions, p.terms, p.contact_email, p.contact_phone,
    p.status, p.notes, p.created_at, p.updated_at,
    COALESCE(o.referred, 0)::int AS referred, COALESCE(o.answered, 0)::int AS answered,
    COALESCE(o.served, 0)::int AS served, COALESCE(o.satisfied, 0)::int AS satisfied,
    COALESCE(o.incoming, 0)::int AS incoming
  FROM partners p
  LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE r.direction = 'outgoing') AS referred,
           count(*) FILTER (WHERE r.direction = 'outgoing' AND r.answered_at IS NOT NULL) AS answered,
           count(*) FILTER (WHERE r.direction = 'outgoing' AND r.served) AS served,
           count(*) FILTER (WHERE r.direction = 'outgoing' AND r.satisfied) AS satisfied,
           count(*) FILTER (WHERE r.direction = 'incoming') AS incoming
    FROM referrals r WHERE r.partner_id = p.id) o ON true`;

const REFERRAL_SELECT = `SELECT r.id, r.partner_id, p.name AS partner_name, r.case_id, c.number::int AS case_number,
    r.customer_id, cu.email AS customer_email, cu.name AS customer_name, r.refusal_id, r.direction, r.language, r.note,
    r.created_at, r.created_at::text AS created_key, r.follow_up_sent_at, r.served, r.satisfied, r.answered_at
  FROM referrals r JOIN partners p ON p.id = r.partner_id
  LEFT JOIN cases c ON c.id = r.case_id LEFT JOIN customers cu ON cu.id = r.customer_id`;

export const partnersRepository = {
  async insert(tx: Tx, record: PartnerRecord): Promise<string> {
    const { rows } = await tx.executeSql(
      `INSERT INTO partners (name, specializations, regions, terms, contact_email, contact_phone, status, notes)
       VALUES ($1, $2::text[], $3::text[], $4, $5, $6, $7, $8) RETURNING id`,
      [
        record.name,
        record.specializations,
        record.regions,
        record.terms,
        record.contactEmail,
        record.contactPhone,
        record.status,
        record.notes,
      ],
    );
    return rows[0]!.id as string;
  },

  /** Applies the given fields; false for an unknown partner. */
  async update(tx: Tx, id: string, patch: Partial<PartnerRecord>): Promise<boolean> {
    const columns: Record<keyof PartnerRecord, [string, string]> = {
      name: ['name', ''],
      specializations: ['specializations', '::text[]'],
      regions: ['regions', '::text[]'],
      terms: ['terms', ''],
      contactEmail: ['contact_email', ''],
      contactPhone: ['contact_phone', ''],
      status: ['status', ''],
      notes: ['notes', ''],
    };
    const sets = ['updated_at = now()'];
    const values: unknown[] = [id];
    for (const [key, [column, cast]] of Object.entries(columns)) {
      if (key in patch) {
        values.push(patch[key as keyof PartnerRecord]);
        sets.push(`${column} = $${values.length}${cast}`);
      }
    }
    const { rows } = await tx.executeSql(`UPDATE partners SET ${sets.join(', ')} WHERE id = $1 RETURNING id`, values);
    return rows.length > 0;
  },

  async byId(tx: Tx, id: string): Promise<PartnerRow | undefined> {
    const { rows } = await tx.executeSql(`${PARTNER_SELECT} WHERE p.id = $1`, [id]);
    return rows[0] as unknown as PartnerRow | undefined;
  },

  /** A page of the directory by name; filters on one specialization and/or one region. */
  async list(
    tx: Tx,
    filters: { specialization?: string; region?: string; status?: string; after?: [string, string]; limit: number },
  ): Promise<PartnerRow[]> {
    const { rows } = await tx.executeSql(
      `${PARTNER_SELECT}
       WHERE ($1::text IS NULL OR $1 = ANY (p.specializations))
         AND ($2::text IS NULL OR $2 = ANY (p.regions))
         AND ($3::text IS NULL OR p.status = $3)
         AND ($4::text IS NULL OR (p.name, p.id) > ($4::text, $5::uuid))
       ORDER BY p.name, p.id LIMIT ${filters.limit}`,
      [
        filters.specialization ?? null,
        filters.region ?? null,
        filters.status ?? null,
        filters.after?.[0] ?? null,
        filters.after?.[1] ?? null,
      ],
    );
    return rows as unknown as PartnerRow[];
  },

  /** Every active partner (a directory is small; the service scores them against the case). */
  async active(tx: Tx): Promise<PartnerRow[]> {
    const { rows } = await tx.executeSql(
      `${PARTNER_SELECT} WHERE p.status = 'active' ORDER BY p.name, p.id LIMIT 2000`,
      [],
    );
    return rows as unknown as PartnerRow[];
  },

  /** What partner matching needs to know about the case's customer. */
  async customerOfCase(tx: Tx, customerId: string): Promise<{ country: string | null; phone: string | null }> {
    const { rows } = await tx.executeSql('SELECT country, phone FROM customers WHERE id = $1', [customerId]);
    return (rows[0] as { country: string | null; phone: string | null } | undefined) ?? { country: null, phone: null };
  },
};

export const refusalsRepository = {
  async insert(
    tx: Tx,
    refusal: {
      caseId: string;
      reason: string;
      cause: string;
      partnerId: string | null;
      alternative: string | null;
      waitUntil: Date | null;
      actorUserId: string | null;
      actorType: string;
    },
  ): Promise<{ id: string; created_at: Date }> {
    const { rows } = await tx.executeSql(
      `INSERT INTO refusals (case_id, reason, cause, partner_id, alternative, wait_until, actor_user_id, actor_type)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, created_at`,
      [
        refusal.caseId,
        refusal.reason,
        refusal.cause,
        refusal.partnerId,
        refusal.alternative,
        refusal.waitUntil,
        refusal.actorUserId,
        refusal.actorType,
      ],
    );
    return rows[0] as { id: string; created_at: Date };
  },
};

export const referralsRepository = {
  async insert(
    tx: Tx,
    referral: {
      partnerId: string;
      caseId: string | null;
      customerId: string | null;
      refusalId: string | null;
      direction: 'outgoing' | 'incoming';
      language: string;
      note: string | null;
    },
  ): Promise<string> {
    const { rows } = await tx.executeSql(
      `INSERT INTO referrals (partner_id, case_id, customer_id, refusal_id, direction, language, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        referral.partnerId,
        referral.caseId,
        referral.customerId,
        referral.refusalId,
        referral.direction,
        referral.language,
        referral.note,
      ],
    );
    return rows[0]!.id as string;
  },

  async byId(tx: Tx, id: string): Promise<ReferralRow | undefined> {
    const { rows } = await tx.executeSql(`${REFERRAL_SELECT} WHERE r.id = $1`, [id]);
    return rows[0] as unknown as ReferralRow | undefined;
  },

  /** Newest first; optionally one partner's. */
  async list(tx: Tx, filters: { partnerId?: string; after?: [string, string]; limit: number }): Promise<ReferralRow[]> {
    const { rows } = await tx.executeSql(
      `${REFERRAL_SELECT}
       WHERE ($1::uuid IS NULL OR r.partner_id = $1)
         AND ($2::timestamptz IS NULL OR (r.created_at, r.id) < ($2::timestamptz, $3::uuid))
       ORDER BY r.created_at DESC, r.id DESC LIMIT ${filters.limit}`,
      [filters.partnerId ?? null, filters.after?.[0] ?? null, filters.after?.[1] ?? null],
    );
    return rows as unknown as ReferralRow[];
  },

  /**
   * Claims outgoing referrals older than `days` whose follow-up was not sent yet (marks them
   * sent in the same statement, so a second sweep never picks them again).
   */
  async claimDueFollowUps(tx: Tx, days: number, limit: number): Promise<ReferralRow[]> {
    const { rows } = await tx.executeSql(
      `WITH due AS (
         SELECT r.id FROM referrals r
         WHERE r.direction = 'outgoing' AND r.follow_up_sent_at IS NULL
           AND r.created_at <= now() - make_interval(days => $1::int) AND r.customer_id IS NOT NULL
         ORDER BY r.created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
       UPDATE referrals r SET follow_up_sent_at = now() FROM due WHERE r.id = due.id RETURNING r.id`,
      [days],
    );
    if (rows.length === 0) return [];
    const claimed = await tx.executeSql(`${REFERRAL_SELECT} WHERE r.id = ANY ($1::uuid[]) ORDER BY r.created_at`, [
      rows.map((row) => row.id),
    ]);
    return claimed.rows as unknown as ReferralRow[];
  },

  /** Records the customer's answer once; false when already answered (or unknown). */
  async answer(tx: Tx, id: string, answer: { served: boolean; satisfied: boolean | null }): Promise<boolean> {
    const { rows } = await tx.executeSql(
      `UPDATE referrals SET served = $2, satisfied = $3, answered_at = now()
       WHERE id = $1 AND direction = 'outgoing' AND answered_at IS NULL RETURNING id`,
      [id, answer.served, answer.satisfied],
    );
    return rows.length > 0;
  },

  /** The customer id for an email, created when unknown (a referral received from a partner). */
  async customerByEmail(tx: Tx, email: string, name: string | null): Promise<string> {
    const { rows } = await tx.executeSql(
      `INSERT INTO customers (email, name) VALUES ($1, $2)
       ON CONFLICT (email) DO UPDATE SET name = COALESCE(customers.name, EXCLUDED.name) RETURNING id`,
      [email, name],
    );
    return rows[0]!.id as string;
  },
};
