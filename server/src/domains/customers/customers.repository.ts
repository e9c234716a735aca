import type { Tx } from '../../platform/db.ts';

const COLUMNS = `c.id, c.name, c.email, c.other_emails AS "otherEmails", c.phone, c.locale, c.country, c.tier,
  CASE WHEN o.id IS NULL THEN NULL ELSE jsonb_build_object('id', o.id, 'name', o.name) END AS organization`;

export interface CustomerView {
  id: string;
  name: string | null;
  email: string;
  otherEmails: string[];
  phone: string | null;
  locale: string | null;
  country: string | null;
  tier: string;
  organization: { id: string; name: string } | null;
}

export const customersRepository = {
  /** Trigram match on name and email (the indexed expression), best match first. */
  async search(tx: Tx, query: string, limit: number): Promise<CustomerView[]> {
    const { rows } = await tx.executeSql(
      `SELECT ${COLUMNS} FROM customers c LEFT JOIN organizations o ON o.id = c.organization_id
       WHERE $1 = '' OR (coalesce(c.name, '') || ' ' || c.email) ILIKE '%' || $1 || '%'
       ORDER BY similarity(coalesce(c.name, '') || ' ' || c.email, $1) DESC, c.created_at DESC
       LIMIT ${limit}`,
      [query.replace(/[\\%_]/g, (char) => `\\${char}`)],
    );
    return rows as unknown as CustomerView[];
  },

  /** Applies the given fields; returns undefined for an unknown customer. */
  async update(
    tx: Tx,
    id: string,
    patch: Partial<{
      name: string | null;
      phone: string | null;
      locale: string | null;
      country: string | null;
      otherEmails: string[];
      organizationId: string | null;
      tier: string;
    }>,
  ): Promise<boolean> {
    const columns: Record<string, string> = {
      name: 'name',
      phone: 'phone',
      locale: 'locale',
      country: 'country',
      otherEmails: 'other_emails',
      organizationId: 'organization_id',
      tier: 'tier',
    };
    const sets: string[] = [];
    const values: unknown[] = [id];
    for (const [key, column] of Object.entries(columns)) {
      if (key in patch) {
        values.push(patch[key as keyof typeof patch]);
        sets.push(`${column} = $${values.length}`);
      }
    }
    if (sets.length === 0) return (await tx.executeSql('SELECT 1 FROM customers WHERE id = $1', [id])).rows.length > 0;
    const { rows } = await tx.executeSql(`UPDATE customers SET ${sets.join(', ')} WHERE id = $1 RETURNING id`, values);
    return rows.length > 0;
  },

  /** Customers other than `id` that already use one of these addresses. */
  async emailsTaken(tx: Tx, id: string, emails: string[]): Promise<string[]> {
    const { rows } = await tx.executeSql(
      `SELECT e FROM unnest($2::text[]) AS e
       WHERE EXISTS (SELECT 1 FROM customers c WHERE c.id <> $1 AND (c.email = e OR e = ANY (c.other_emails)))`,
      [id, emails],
    );
    return rows.map((row) => row.e as string);
  },

  async byId(tx: Tx, id: string): Promise<CustomerView | undefined> {
    const { rows } = await tx.executeSql(
      `SELECT ${COLUMNS} FROM customers c LEFT JOIN organizations o ON o.id = c.organization_id WHERE c.id = $1`,
      [id],
    );
    return rows[0] as unknown as CustomerView | undefined;
  },
};

export const organizationsRepository = {
  async search(tx: Tx, query: string) {
    const { rows } = await tx.executeSql(
      `SELECT id, name, domain FROM organizations WHERE $1 = '' OR name ILIKE '%' || $1 || '%' OR domain ILIKE '%' || $1 || '%'
       ORDER BY name LIMIT 100`,
      [query.replace(/[\\%_]/g, (char) => `\\${char}`)],
    );
    return rows as { id: string; name: string; domain: string | null }[];
  },
  async insert(tx: Tx, values: { name: string; domain: string | null }) {
    const { rows } = await tx.executeSql(
      'INSERT INTO organizations (name, domain) VALUES ($1, $2) RETURNING id, name, domain',
      [values.name, values.domain],
    );
    return rows[0] as { id: string; name: string; domain: string | null };
  },
  async exists(tx: Tx, id: string) {
    return (await tx.executeSql('SELECT 1 FROM organizations WHERE id = $1', [id])).rows.length > 0;
  },
};
