// SQL of the inbound email channel: the record of every accepted message, the addresses the
// desk receives for, the sender blocklist, the email side of messages and case participants.
import type { Tx } from '../../platform/db.ts';

export const INBOUND_STATES = ['received', 'ingested', 'quarantined', 'duplicate', 'ignored'] as const;
export type InboundState = (typeof INBOUND_STATES)[number];

export interface InboundRow {
  id: string;
  source: 'smtp' | 'imap';
  envelope_from: string | null;
  remote_address: string | null;
  helo: string | null;
  recipients: string[];
  mailbox: string | null;
  uid_validity: number | null;
  uid: number | null;
  spool_path: string;
  size: number;
  sha256: string;
  state: InboundState;
  reason: string | null;
  dedupe_key: string | null;
  subject: string | null;
  from_address: string | null;
  case_id: string | null;
  message_id: string | null;
  received_at: Date;
  processed_at: Date | null;
  /** received_at to the microsecond (a Date keeps milliseconds): the list cursor. */
  received_key: string;
}

export interface NewInbound {
  id: string;
  source: 'smtp' | 'imap';
  envelopeFrom: string | null;
  remoteAddress: string | null;
  helo: string | null;
  recipients: string[];
  mailbox: string | null;
  uidValidity: number | null;
  uid: number | null;
  spoolPath: string;
  size: number;
  sha256: string;
}

export interface AddressRow {
  id: string;
  address: string;
  team_id: string | null;
  category: string | null;
}

export interface BlockRow {
  id: string;
  kind: 'address' | 'domain';
  value: string;
  reason: string;
  created_at: Date;
}

export const INBOUND_COLUMNS = `id, source, envelope_from, remote_address, helo, recipients, mailbox, uid_validity::float8 AS uid_validity,
  uid::float8 AS uid, spool_path, size, sha256, state, reason, dedupe_key, subject, from_address, case_id, message_id,
  received_at, processed_at, received_at::text AS received_key`;

/** The columns of a NewInbound as a jsonb_to_recordset record, in inbound_mail's insert order. */
const INBOUND_RECORD = `id uuid, source text, envelope_from text, recipients text[], mailbox text, uid_validity bigint,
  uid bigint, spool_path text, size int, sha256 text, remote_address text, helo text`;

export const emailRepository = {
  /**
   * Records accepted messages in one statement (one round trip); returns, in order, the id of
   * each one's row (an existing one for an IMAP message fetched before) and whether it is new.
   * Rows get their arrival order in `received_at`, even within one statement. `claimSeconds`:
   * the recording process ingests them itself, nobody else takes them for that long.
   */
  async insertInbound(
    tx: Tx,
    rows: NewInbound[],
    claimSeconds: number | null,
  ): Promise<{ id: string; inserted: boolean }[]> {
    const records = JSON.stringify(
      rows.map((row) => ({
        id: row.id,
        source: row.source,
        envelope_from: row.envelopeFrom,
        recipients: row.recipients,
        mailbox: row.mailbox,
        uid_validity: row.uidValidity,
        uid: row.uid,
        spool_path: row.spoolPath,
        size: row.size,
        sha256: row.sha256,
        remote_address: row.remoteAddress,
        helo: row.helo,
      })),
    );
    const { rows: inserted } = await tx.executeSql(
      `INSERT INTO inbound_mail (id, source, envelope_from, recipients, mailbox, uid_validity, uid, spool_path, size,
                                 sha256, remote_address, helo, received_at, claimed_until)
       SELECT r.*, clock_timestamp(), now() + make_interval(secs => $2) FROM jsonb_to_recordset($1::jsonb) AS r(${INBOUND_RECORD})
       ON CONFLICT DO NOTHING RETURNING id`,
      [records, claimSeconds],
      true,
    );
    const insertedIds = new Set(inserted.map((row) => row.id as string));
    const existing = new Map<string, string>();
    if (insertedIds.size < rows.length) {
      const found = await tx.executeSql(
        `SELECT r.id AS wanted, i.id FROM jsonb_to_recordset($1::jsonb) AS r(${INBOUND_RECORD})
         JOIN inbound_mail i ON i.id <> r.id AND i.mailbox = r.mailbox AND i.uid_validity = r.uid_validity AND i.uid = r.uid`,
        [records],
      );
      for (const row of found.rows) existing.set(row.wanted as string, row.id as string);
    }
    return rows.map((row) =>
      insertedIds.has(row.id)
        ? { id: row.id, inserted: true }
        : { id: existing.get(row.id) ?? row.id, inserted: false },
    );
  },

  async byId(tx: Tx, id: string): Promise<InboundRow | undefined> {
    const { rows } = await tx.executeSql(`SELECT ${INBOUND_COLUMNS} FROM inbound_mail WHERE id = $1`, [id]);
    return rows[0] as InboundRow | undefined;
  },

  /** Which of these ids have a row. */
  async existingIds(tx: Tx, ids: string[]): Promise<Set<string>> {
    const { rows } = await tx.executeSql('SELECT id FROM inbound_mail WHERE id = ANY($1::uuid[])', [ids]);
    return new Set(rows.map((row) => row.id as string));
  },

  /** Which of these ids are in one of these states. */
  async idsInStates(tx: Tx, ids: string[], states: InboundState[]): Promise<string[]> {
    const { rows } = await tx.executeSql(
      'SELECT id FROM inbound_mail WHERE id = ANY($1::uuid[]) AND state = ANY($2::text[])',
      [ids, states],
    );
    return rows.map((row) => row.id as string);
  },

  /** Puts a processed message back in line for ingestion. */
  async requeue(tx: Tx, id: string): Promise<boolean> {
    const { rows } = await tx.executeSql(
      `UPDATE inbound_mail SET state = 'received', reason = NULL, dedupe_key = NULL, processed_at = NULL,
              attempts = 0, claimed_until = NULL
       WHERE id = $1 AND state IN ('quarantined', 'ignored') RETURNING id`,
      [id],
    );
    return rows.length > 0;
  },

  async list(tx: Tx, state: InboundState, before: [string, string] | undefined, limit: number) {
    const { rows } = await tx.executeSql(
      `SELECT ${INBOUND_COLUMNS} FROM inbound_mail
       WHERE state = $1 AND ($2::timestamptz IS NULL OR (received_at, id) < ($2::timestamptz, $3::uuid))
       ORDER BY received_at DESC, id DESC LIMIT $4`,
      [state, before?.[0] ?? null, before?.[1] ?? null, limit],
    );
    return rows as unknown as InboundRow[];
  },

  async participants(tx: Tx, caseId: string): Promise<{ email: string; name: string | null }[]> {
    const { rows } = await tx.executeSql(
      'SELECT email, name FROM case_participants WHERE case_id = $1 ORDER BY created_at, email',
      [caseId],
    );
    return rows as { email: string; name: string | null }[];
  },

  async addresses(tx: Tx): Promise<AddressRow[]> {
    const { rows } = await tx.executeSql(
      'SELECT id, address, team_id, category FROM inbound_addresses ORDER BY address',
      [],
    );
    return rows as unknown as AddressRow[];
  },

  async insertAddress(
    tx: Tx,
    row: { address: string; teamId: string | null; category: string | null },
  ): Promise<AddressRow | undefined> {
    const { rows } = await tx.executeSql(
      `INSERT INTO inbound_addresses (address, team_id, category) VALUES ($1, $2, $3)
       ON CONFLICT (address) DO NOTHING RETURNING id, address, team_id, category`,
      [row.address, row.teamId, row.category],
    );
    return rows[0] as AddressRow | undefined;
  },

  async deleteAddress(tx: Tx, id: string): Promise<boolean> {
    const { rows } = await tx.executeSql('DELETE FROM inbound_addresses WHERE id = $1 RETURNING id', [id]);
    return rows.length > 0;
  },

  async blocklist(tx: Tx): Promise<BlockRow[]> {
    const { rows } = await tx.executeSql(
      'SELECT id, kind, value, reason, created_at FROM email_blocklist ORDER BY kind, value',
      [],
    );
    return rows as unknown as BlockRow[];
  },

  async block(
    tx: Tx,
    row: { kind: 'address' | 'domain'; value: string; reason: string; createdBy: string | null },
  ): Promise<BlockRow> {
    const { rows } = await tx.executeSql(
      `INSERT INTO email_blocklist (kind, value, reason, created_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (kind, value) DO UPDATE SET reason = EXCLUDED.reason
       RETURNING id, kind, value, reason, created_at`,
      [row.kind, row.value, row.reason, row.createdBy],
    );
    return rows[0] as unknown as BlockRow;
  },

  async unblock(tx: Tx, id: string): Promise<boolean> {
    const { rows } = await tx.executeSql('DELETE FROM email_blocklist WHERE id = $1 RETURNING id', [id]);
    return rows.length > 0;
  },
};
