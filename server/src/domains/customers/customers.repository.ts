import type { Tx } from '../../platform/db.ts';

const COLUMNS = `c.id, c.name, c.email, c.other_emails AS "otherEmails", c.phone, c.locale, c.country,
  CASE WHEN o.id IS NULL THEN NULL ELSE jsonb_build_object('id', o.id, 'name', o.name) END AS organization`;

export interface CustomerView {
  id: string;
  name: string | null;
  email: string;
  otherEmails: string[];
  phone: string | null;
  locale: string | null;
  country: string | null;
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

  async byId(tx: Tx, id: string): Promise<CustomerView | undefined> {
    const { rows } = await tx.executeSql(
      `SELECT ${COLUMNS} FROM customers c LEFT JOIN organizations o ON o.id = c.organization_id WHERE c.id = $1`,
      [id],
    );
    return rows[0] as unknown as CustomerView | undefined;
  },
};
