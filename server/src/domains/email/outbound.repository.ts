// SQL of outbound email: what a message's email needs beyond the case and the message
// (attachment files, the conversation's Message-IDs, CC participants) and its delivery state.
import type { Tx } from '../../platform/db.ts';

export type DeliveryState = 'queued' | 'sent' | 'failed' | 'bounced';

/** One earlier message of the conversation: an inbound email's Message-ID, or one of our emailed messages. */
export interface ThreadEntry {
  direction: 'inbound' | 'outbound';
  messageId: string;
  headerMessageId: string | null;
}

export const outboundRepository = {
  async deliveryState(tx: Tx, messageId: string): Promise<DeliveryState | null> {
    const { rows } = await tx.executeSql('SELECT delivery_state FROM messages WHERE id = $1', [messageId]);
    return (rows[0]?.delivery_state as DeliveryState | null | undefined) ?? null;
  },

  async attachmentFiles(tx: Tx, messageId: string) {
    const { rows } = await tx.executeSql(
      'SELECT filename, content_type, sha256 FROM attachments WHERE message_id = $1 ORDER BY created_at, id',
      [messageId],
    );
    return rows as { filename: string; content_type: string; sha256: string }[];
  },

  /**
   * The case's emails before `messageId`, oldest first: inbound ones with a Message-ID and ours
   * that were emailed — with the customer (`party` null), or with that one third party.
   */
  async thread(tx: Tx, caseId: string, messageId: string, party: string | null): Promise<ThreadEntry[]> {
    const { rows } = await tx.executeSql(
      `SELECT m.direction, m.id AS "messageId", em.header_message_id AS "headerMessageId"
       FROM messages m LEFT JOIN email_messages em ON em.message_id = m.id
       WHERE m.case_id = $1 AND m.id <> $2
         AND m.created_at <= (SELECT created_at FROM messages WHERE id = $2)
         AND CASE WHEN $3::text IS NULL THEN m.visibility = 'public'
                  ELSE m.visibility = 'third-party' AND m.third_party_email = $3 END
         AND ((m.direction = 'inbound' AND em.header_message_id IS NOT NULL)
           OR (m.direction = 'outbound' AND m.delivery_state IN ('queued', 'sent')))
       ORDER BY m.created_at, m.id`,
      [caseId, messageId, party],
    );
    return rows as unknown as ThreadEntry[];
  },

  /** People CC'd on the case (besides its customer), for a reply to all. */
  async participants(tx: Tx, caseId: string): Promise<string[]> {
    const { rows } = await tx.executeSql(
      'SELECT email FROM case_participants WHERE case_id = $1 ORDER BY created_at, email',
      [caseId],
    );
    return rows.map((row) => row.email as string);
  },

  /** The relay accepted the email (`note` lists recipients it refused). A bounce that came first is kept. */
  async markSent(tx: Tx, messageId: string, note: string | null): Promise<void> {
    await tx.executeSql(
      `UPDATE messages SET delivery_state = 'sent', delivery_error = $2
       WHERE id = $1 AND delivery_state IS DISTINCT FROM 'bounced'`,
      [messageId, note],
    );
  },

  /** Given up: refused for good, or retries exhausted. */
  async markFailed(tx: Tx, messageId: string, error: string): Promise<void> {
    await tx.executeSql(
      `UPDATE messages SET delivery_state = 'failed', delivery_error = $2
       WHERE id = $1 AND delivery_state = 'queued'`,
      [messageId, error],
    );
  },

  /** A failed attempt that will be retried: still queued, with the last error to show why it waits. */
  async noteRetry(tx: Tx, messageId: string, error: string): Promise<void> {
    await tx.executeSql(`UPDATE messages SET delivery_error = $2 WHERE id = $1 AND delivery_state = 'queued'`, [
      messageId,
      error,
    ]);
  },

  /** A bounce (DSN) refers to this message: for email-in's bounce handling. */
  async markBounced(tx: Tx, messageId: string, reason: string): Promise<void> {
    await tx.executeSql(
      `UPDATE messages SET delivery_state = 'bounced', delivery_error = $2
       WHERE id = $1 AND delivery_state IS NOT NULL`,
      [messageId, reason],
    );
  },
};
