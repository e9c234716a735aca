// SQL of ingestion (email/ingest.ts): the locked read that decides a message's fate, the
// content and email row it lands with, threading lookups, loop and spam flags, bounces, and
// the outcome recorded on the inbound row. The hot statements are prepared (platform/db.ts).
import type { Tx } from '../../platform/db.ts';
import { type BlockRow, INBOUND_COLUMNS, type InboundRow, type InboundState } from './email.repository.ts';

export interface Outcome {
  state: Exclude<InboundState, 'received'>;
  reason: string | null;
  dedupeKey?: string | null;
  subject?: string | null;
  fromAddress?: string | null;
  caseId?: string | null;
  messageId?: string | null;
}

export interface IngestContext extends InboundRow {
  /** The id of the message already ingested under the same dedupe key. */
  earlier: string | null;
  blocked: Pick<BlockRow, 'kind' | 'value' | 'reason'> | null;
  sender: { id: string; email: string } | null;
  referenced_case_id: string | null;
}

/** The email side of a stored message. */
export interface EmailMessageRow {
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
}

const FINISH = `UPDATE inbound_mail SET state = $2, reason = $3, dedupe_key = $4, subject = COALESCE($5, subject),
         from_address = COALESCE($6, from_address), case_id = $7, message_id = $8, processed_at = now()
  WHERE id = $1`;

const finishValues = (id: string, outcome: Outcome) => [
  id,
  outcome.state,
  outcome.reason,
  outcome.dedupeKey ?? null,
  outcome.subject ?? null,
  outcome.fromAddress ?? null,
  outcome.caseId ?? null,
  outcome.messageId ?? null,
];

/**
 * An ingest job (email.jobs.ts): what ingestion needs of a waiting row before its transaction
 * (the spool file and the envelope), from the accept that recorded it or the claim that took it.
 */
export type IngestJob = Pick<InboundRow, 'id' | 'spool_path' | 'size' | 'remote_address' | 'helo' | 'envelope_from'>;

export const ingestRepository = {
  /**
   * Takes up to `limit` waiting rows (never taken, or their lease or retry time passed) for
   * `leaseSeconds`, oldest first; rows another process is taking at the same moment are skipped.
   */
  async claimWaiting(tx: Tx, limit: number, leaseSeconds: number): Promise<IngestJob[]> {
    const { rows } = await tx.executeSql(
      `UPDATE inbound_mail SET claimed_until = now() + make_interval(secs => $2)
       WHERE id IN (SELECT id FROM inbound_mail
                    WHERE state = 'received' AND (claimed_until IS NULL OR claimed_until <= now())
                    ORDER BY received_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, spool_path, size, remote_address, helo, envelope_from`,
      [limit, leaseSeconds],
      true,
    );
    return rows as unknown as IngestJob[];
  },
  async waitingCount(tx: Tx): Promise<number> {
    const { rows } = await tx.executeSql("SELECT count(*)::int AS n FROM inbound_mail WHERE state = 'received'", []);
    return rows[0]!.n as number;
  },
  /**
   * Frees waiting rows (`ids`, or every one at a worker's start: rows a stopped or crashed
   * process had taken are taken again at once).
   */
  async releaseClaims(tx: Tx, ids?: string[]): Promise<void> {
    await tx.executeSql(
      `UPDATE inbound_mail SET claimed_until = NULL
       WHERE state = 'received' AND claimed_until IS NOT NULL AND ($1::uuid[] IS NULL OR id = ANY($1::uuid[]))`,
      [ids ?? null],
    );
  },
  /**
   * Counts a failed attempt and holds the row until its retry, `delaySeconds` doubled at each
   * attempt; returns the attempts so far.
   */
  async failedAttempt(tx: Tx, id: string, delaySeconds: number): Promise<number> {
    const { rows } = await tx.executeSql(
      `UPDATE inbound_mail SET attempts = attempts + 1,
              claimed_until = now() + make_interval(secs => $2 * power(2, attempts))
       WHERE id = $1 RETURNING attempts`,
      [id, delaySeconds],
    );
    return (rows[0]?.attempts as number | undefined) ?? 0;
  },
  /** Locks the row for ingestion; undefined when it is gone or no longer waiting. */
  async lockReceived(tx: Tx, id: string): Promise<InboundRow | undefined> {
    const { rows } = await tx.executeSql(
      `SELECT ${INBOUND_COLUMNS} FROM inbound_mail WHERE id = $1 AND state = 'received' FOR UPDATE`,
      [id],
    );
    return rows[0] as InboundRow | undefined;
  },
  async finish(tx: Tx, id: string, outcome: Outcome): Promise<void> {
    await tx.executeSql(FINISH, finishValues(id, outcome));
  },
  /**
   * Everything ingestion decides on, in one round trip: the inbound row locked (undefined when
   * it is gone or no longer waiting), the message already ingested under the same dedupe key,
   * the blocklist entry of the sender or their domain, the customer the sender's address belongs
   * to (primary or further address), and the case of the first of `references` (In-Reply-To
   * first) that is one of our outbound messages (their ids are message uuids) or mail we
   * received. The transaction's commit is made asynchronous: the row stays `received` until it
   * commits, so a commit lost in a crash is ingested again by the recovery at start.
   */
  async ingestContext(
    tx: Tx,
    input: { id: string; dedupeKey: string; from: string; references: { header: string; sentId: string | null }[] },
  ): Promise<IngestContext | undefined> {
    const { rows } = await tx.executeSql(
      `WITH locked AS (SELECT ${INBOUND_COLUMNS} FROM inbound_mail WHERE id = $1 AND state = 'received' FOR UPDATE)
       SELECT locked.*,
         (SELECT id FROM inbound_mail WHERE dedupe_key = $2) AS earlier,
         (SELECT jsonb_build_object('kind', kind, 'value', value, 'reason', reason) FROM email_blocklist
          WHERE (kind = 'address' AND value = $3) OR (kind = 'domain' AND value = $4) LIMIT 1) AS blocked,
         (SELECT jsonb_build_object('id', s.id, 'email', s.email) FROM (
            (SELECT id, email FROM customers WHERE email = $3)
            UNION ALL (SELECT id, email FROM customers WHERE other_emails @> ARRAY[$3]::text[])) s LIMIT 1) AS sender,
         (SELECT r.case_id FROM (
            SELECT COALESCE(
                     (SELECT m.case_id FROM messages m WHERE m.id = u.sent AND m.direction = 'outbound'),
                     (SELECT i.case_id FROM inbound_mail i WHERE i.dedupe_key = u.ref AND i.case_id IS NOT NULL)) AS case_id,
                   u.ord
            FROM unnest($5::text[], $6::uuid[]) WITH ORDINALITY AS u(ref, sent, ord)) r
          WHERE r.case_id IS NOT NULL ORDER BY r.ord LIMIT 1) AS referenced_case_id,
         set_config('synchronous_commit', 'off', true) AS commit_mode
       FROM locked`,
      [
        input.id,
        input.dedupeKey,
        input.from,
        input.from.slice(input.from.lastIndexOf('@') + 1),
        input.references.map((r) => r.header),
        input.references.map((r) => r.sentId),
      ],
      true,
    );
    return rows[0] as IngestContext | undefined;
  },
  /**
   * The end of an ingested message (written with its HTML and arrival time; `messageId` null:
   * the new case's first), in one statement: its attachments (ids chosen by the caller, so the
   * HTML can point at them), its email_messages row, the people it brings into the case (not
   * the case's customer, by any of their addresses) and the inbound row finished under its
   * dedupe key.
   */
  async storeIngested(
    tx: Tx,
    input: {
      inboundId: string;
      caseId: string;
      messageId: string | null;
      attachments: { id: string; filename: string; contentType: string; size: number; sha256: string }[];
      email: EmailMessageRow;
      participants: { email: string; name: string | null }[];
      dedupeKey: string;
    },
  ): Promise<void> {
    const { email } = input;
    await tx.executeSql(
      `WITH m AS (
         SELECT $2::uuid AS id WHERE $2::uuid IS NOT NULL
         UNION ALL
         (SELECT id FROM messages WHERE $2::uuid IS NULL AND case_id = $1 ORDER BY created_at LIMIT 1)),
       a AS (
         INSERT INTO attachments (id, filename, content_type, size, sha256, message_id)
         SELECT r.id, r.filename, r."contentType", r.size, r.sha256, m.id
         FROM jsonb_to_recordset($3::jsonb) AS r(id uuid, filename text, "contentType" text, size int, sha256 text), m),
       em AS (
         INSERT INTO email_messages (message_id, case_id, inbound_mail_id, header_message_id, in_reply_to, "references",
                                     from_address, from_name, "to", cc, subject, original_text, authentication)
         SELECT m.id, $1, $4, $5, $6, $7::text[], $8, $9, $10::text[], $11::text[], $12, $13, $14::jsonb FROM m),
       own AS (
         SELECT cu.email, COALESCE(cu.other_emails, '{}') AS other_emails
         FROM cases c JOIN customers cu ON cu.id = c.customer_id WHERE c.id = $1),
       p AS (
         INSERT INTO case_participants (case_id, email, name)
         SELECT $1, p.email, NULLIF(p.name, '') FROM unnest($15::text[], $16::text[]) AS p(email, name), own
         WHERE p.email <> own.email AND NOT p.email = ANY(own.other_emails)
         ON CONFLICT DO NOTHING),
       f AS (
         UPDATE inbound_mail SET state = 'ingested', reason = NULL, dedupe_key = $17, subject = $12,
                from_address = $8, case_id = $1, message_id = m.id, processed_at = now()
         FROM m WHERE inbound_mail.id = $4)
       SELECT id FROM m`,
      [
        input.caseId,
        input.messageId,
        JSON.stringify(input.attachments),
        input.inboundId,
        email.headerMessageId,
        email.inReplyTo,
        email.references,
        email.fromAddress,
        email.fromName,
        email.to,
        email.cc,
        email.subject,
        email.originalText,
        JSON.stringify(email.authentication),
        input.participants.map((p) => p.email),
        input.participants.map((p) => p.name ?? ''),
        input.dedupeKey,
      ],
      true,
    );
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
      `SELECT m.id, m.case_id, m.visibility, c.owner_id, c.team_id, c.customer_id FROM messages m
       JOIN cases c ON c.id = m.case_id
       WHERE m.id = ANY($1::uuid[]) AND m.direction = 'outbound'`,
      [messageIds],
    );
    return rows as {
      id: string;
      visibility: string;
      case_id: string;
      owner_id: string | null;
      team_id: string | null;
      customer_id: string;
    }[];
  },
};
