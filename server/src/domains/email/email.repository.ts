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

export interface Outcome {
  state: Exclude<InboundState, 'received'>;
  reason: string | null;
  dedupeKey?: string | null;
  subject?: string | null;
  fromAddress?: string | null;
  caseId?: string | null;
  messageId?: string | null;
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

const INBOUND_COLUMNS = `id, source, envelope_from, remote_address, helo, recipients, mailbox, uid_validity::float8 AS uid_validity,
  uid::float8 AS uid, spool_path, size, sha256, state, reason, dedupe_key, subject, from_address, case_id, message_id,
  received_at, processed_at, received_at::text AS received_key`;

export const emailRepository = {
  /** Records an accepted message; returns the id of the row (an existing one for an IMAP message fetched before). */
  async insertInbound(tx: Tx, row: NewInbound): Promise<{ id: string; inserted: boolean }> {
    const { rows } = await tx.executeSql(
      `INSERT INTO inbound_mail (id, source, envelope_from, recipients, mailbox, uid_validity, uid, spool_path, size,
                                 sha256, remote_address, helo)
       VALUES ($1, $2, $3, $4::text[], $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        row.id,
        row.source,
        row.envelopeFrom,
        row.recipients,
        row.mailbox,
        row.uidValidity,
        row.uid,
        row.spoolPath,
        row.size,
        row.sha256,
        row.remoteAddress,
        row.helo,
      ],
    );
    if (rows[0]) return { id: row.id, inserted: true };
    const existing = await tx.executeSql(
      `SELECT id FROM inbound_mail WHERE id = $1
          OR (mailbox = $2 AND uid_validity = $3 AND uid = $4)`,
      [row.id, row.mailbox, row.uidValidity, row.uid],
    );
    return { id: existing.rows[0]!.id as string, inserted: false };
  },

  async byId(tx: Tx, id: string): Promise<InboundRow | undefined> {
    const { rows } = await tx.executeSql(`SELECT ${INBOUND_COLUMNS} FROM inbound_mail WHERE id = $1`, [id]);
    return rows[0] as InboundRow | undefined;
  },

  /** Locks the row for ingestion; undefined when it is gone or no longer waiting. */
  async lockReceived(tx: Tx, id: string): Promise<InboundRow | undefined> {
    const { rows } = await tx.executeSql(
      `SELECT ${INBOUND_COLUMNS} FROM inbound_mail WHERE id = $1 AND state = 'received' FOR UPDATE`,
      [id],
    );
    return rows[0] as InboundRow | undefined;
  },

  /** Which of these ids have a row. */
  async existingIds(tx: Tx, ids: string[]): Promise<Set<string>> {
    const { rows } = await tx.executeSql('SELECT id FROM inbound_mail WHERE id = ANY($1::uuid[])', [ids]);
    return new Set(rows.map((row) => row.id as string));
  },

  async finish(tx: Tx, id: string, outcome: Outcome): Promise<void> {
    await tx.executeSql(
      `UPDATE inbound_mail SET state = $2, reason = $3, dedupe_key = $4, subject = COALESCE($5, subject),
              from_address = COALESCE($6, from_address), case_id = $7, message_id = $8, processed_at = now()
       WHERE id = $1`,
      [
        id,
        outcome.state,
        outcome.reason,
        outcome.dedupeKey ?? null,
        outcome.subject ?? null,
        outcome.fromAddress ?? null,
        outcome.caseId ?? null,
        outcome.messageId ?? null,
      ],
    );
  },

  /** Puts a processed message back in line for ingestion. */
  async requeue(tx: Tx, id: string): Promise<boolean> {
    const { rows } = await tx.executeSql(
      `UPDATE inbound_mail SET state = 'received', reason = NULL, dedupe_key = NULL, processed_at = NULL
       WHERE id = $1 AND state IN ('quarantined', 'ignored') RETURNING id`,
      [id],
    );
    return rows.length > 0;
  },

  /** The message already ingested under this Message-ID (or content hash), if any. */
  async byDedupeKey(tx: Tx, key: string): Promise<string | undefined> {
    const { rows } = await tx.executeSql('SELECT id FROM inbound_mail WHERE dedupe_key = $1', [key]);
    return rows[0]?.id as string | undefined;
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

  /**
   * The case a message answers, from the Message-IDs it refers to, in the order given (the
   * In-Reply-To first): our own outbound messages (their ids are message uuids) and mail we received.
   */
  async caseByReferences(tx: Tx, references: { header: string; sentId: string | null }[]): Promise<string | undefined> {
    if (references.length === 0) return undefined;
    const { rows } = await tx.executeSql(
      `SELECT COALESCE(
                (SELECT m.case_id FROM messages m WHERE m.id = r.sent AND m.direction = 'outbound'),
                (SELECT i.case_id FROM inbound_mail i WHERE i.dedupe_key = r.ref AND i.case_id IS NOT NULL)) AS case_id
       FROM unnest($1::text[], $2::uuid[]) WITH ORDINALITY AS r(ref, sent, ord)
       ORDER BY r.ord`,
      [references.map((r) => r.header), references.map((r) => r.sentId)],
    );
    return rows.find((row) => row.case_id)?.case_id as string | undefined;
  },

  /** The team and category an IMAP mailbox's mail goes to (its id is the inbound row's `mailbox`). */
  async mailboxRoute(
    tx: Tx,
    mailbox: string,
  ): Promise<{ team_id: string | null; category: string | null } | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(mailbox)) return undefined;
    const { rows } = await tx.executeSql('SELECT team_id, category FROM imap_mailboxes WHERE id = $1', [mailbox]);
    return rows[0] as { team_id: string | null; category: string | null } | undefined;
  },

  async caseIdByNumber(tx: Tx, number: number): Promise<string | undefined> {
    const { rows } = await tx.executeSql('SELECT id FROM cases WHERE number = $1', [number]);
    return rows[0]?.id as string | undefined;
  },

  /** The newest follow-up of a case, if any. */
  async latestFollowUp(tx: Tx, caseId: string): Promise<string | undefined> {
    const { rows } = await tx.executeSql(
      'SELECT id FROM cases WHERE follow_up_of = $1 ORDER BY created_at DESC LIMIT 1',
      [caseId],
    );
    return rows[0]?.id as string | undefined;
  },

  /** Whether the address is the case's customer (any of their addresses) or a participant. */
  async isParticipant(tx: Tx, caseId: string, address: string): Promise<boolean> {
    const { rows } = await tx.executeSql(
      `SELECT EXISTS (SELECT 1 FROM cases c JOIN customers cu ON cu.id = c.customer_id
                      WHERE c.id = $1 AND (cu.email = $2 OR $2 = ANY(cu.other_emails)))
           OR EXISTS (SELECT 1 FROM case_participants WHERE case_id = $1 AND email = $2) AS yes`,
      [caseId, address],
    );
    return rows[0]?.yes === true;
  },

  /** The customer an address belongs to (primary or further address): id and primary email. */
  async customerByAddress(tx: Tx, address: string): Promise<{ id: string; email: string } | undefined> {
    const { rows } = await tx.executeSql(
      `(SELECT id, email FROM customers WHERE email = $1)
       UNION ALL (SELECT id, email FROM customers WHERE other_emails @> ARRAY[$1]::text[])
       LIMIT 1`,
      [address],
    );
    return rows[0] as { id: string; email: string } | undefined;
  },

  async addParticipants(tx: Tx, caseId: string, people: { email: string; name: string | null }[]): Promise<void> {
    if (people.length === 0) return;
    await tx.executeSql(
      `INSERT INTO case_participants (case_id, email, name)
       SELECT $1, p.email, NULLIF(p.name, '') FROM unnest($2::text[], $3::text[]) AS p(email, name)
       ON CONFLICT DO NOTHING`,
      [caseId, people.map((p) => p.email), people.map((p) => p.name ?? '')],
    );
  },

  async participants(tx: Tx, caseId: string): Promise<{ email: string; name: string | null }[]> {
    const { rows } = await tx.executeSql(
      'SELECT email, name FROM case_participants WHERE case_id = $1 ORDER BY created_at, email',
      [caseId],
    );
    return rows as { email: string; name: string | null }[];
  },

  async insertEmailMessage(
    tx: Tx,
    row: {
      messageId: string;
      caseId: string;
      inboundMailId: string;
      headerMessageId: string | null;
      inReplyTo: string | null;
      references: string[];
      fromAddress: string;
      fromName: string | null;
      to: string[];
      cc: string[];
      subject: string;
      originalText: string;
      authentication: Record<string, string>;
    },
  ): Promise<void> {
    await tx.executeSql(
      `INSERT INTO email_messages (message_id, case_id, inbound_mail_id, header_message_id, in_reply_to, "references",
                                   from_address, from_name, "to", cc, subject, original_text, authentication)
       VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9::text[], $10::text[], $11, $12, $13::jsonb)`,
      [
        row.messageId,
        row.caseId,
        row.inboundMailId,
        row.headerMessageId,
        row.inReplyTo,
        row.references,
        row.fromAddress,
        row.fromName,
        row.to,
        row.cc,
        row.subject,
        row.originalText,
        JSON.stringify(row.authentication),
      ],
    );
  },

  /** How many messages this sender wrote to the case within the last `minutes`. */
  async recentFromSender(tx: Tx, caseId: string, address: string, minutes: number): Promise<number> {
    const { rows } = await tx.executeSql(
      `SELECT count(*)::int AS n FROM email_messages
       WHERE case_id = $1 AND from_address = $2 AND created_at > now() - make_interval(mins => $3)`,
      [caseId, address, minutes],
    );
    return rows[0]!.n as number;
  },

  /** Adds tags to a case (a new version); returns the tags that were new. */
  async addTags(tx: Tx, caseId: string, tags: string[]): Promise<{ added: string[]; version: number }> {
    const { rows } = await tx.executeSql(
      `WITH before AS (SELECT tags FROM cases WHERE id = $1 FOR UPDATE)
       UPDATE cases c SET tags = c.tags || ARRAY(SELECT t FROM unnest($2::text[]) t WHERE NOT t = ANY(before.tags)),
              version = c.version + 1, updated_at = now()
       FROM before WHERE c.id = $1 AND NOT before.tags @> $2::text[]
       RETURNING c.version, ARRAY(SELECT t FROM unnest($2::text[]) t WHERE NOT t = ANY(before.tags)) AS added`,
      [caseId, tags],
    );
    const row = rows[0] as { version: number; added: string[] } | undefined;
    return row ?? { added: [], version: 0 };
  },

  /** Our outbound messages among these ids, with their case and its owner (a bounce refers to them). */
  async outboundMessages(tx: Tx, messageIds: string[]) {
    if (messageIds.length === 0) return [];
    const { rows } = await tx.executeSql(
      `SELECT m.id, m.case_id, c.owner_id, c.team_id, c.customer_id FROM messages m JOIN cases c ON c.id = m.case_id
       WHERE m.id = ANY($1::uuid[]) AND m.direction = 'outbound'`,
      [messageIds],
    );
    return rows as {
      id: string;
      case_id: string;
      owner_id: string | null;
      team_id: string | null;
      customer_id: string;
    }[];
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

  /** The blocklist entry that matches the address or its domain, if any. */
  async blockFor(tx: Tx, address: string): Promise<BlockRow | undefined> {
    const domain = address.slice(address.lastIndexOf('@') + 1);
    const { rows } = await tx.executeSql(
      `SELECT id, kind, value, reason, created_at FROM email_blocklist
       WHERE (kind = 'address' AND value = $1) OR (kind = 'domain' AND value = $2) LIMIT 1`,
      [address, domain],
    );
    return rows[0] as BlockRow | undefined;
  },
};
