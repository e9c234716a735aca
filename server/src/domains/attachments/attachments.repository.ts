import type { Tx } from '../../platform/db.ts';

export interface StoredAttachment {
  filename: string;
  content_type: string;
  sha256: string;
  uploaded_by: string | null;
  case_id: string | null;
  visibility: string | null;
}

export const attachmentsRepository = {
  async insert(
    tx: Tx,
    values: { filename: string; contentType: string; size: number; sha256: string; uploadedBy: string | null },
  ) {
    const { rows } = await tx.executeSql(
      `INSERT INTO attachments (filename, content_type, size, sha256, uploaded_by) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, filename, content_type AS "contentType", size`,
      [values.filename, values.contentType, values.size, values.sha256, values.uploadedBy],
    );
    return rows[0] as { id: string; filename: string; contentType: string; size: number };
  },

  /** The attachment with the case and visibility of the message it was sent with (if sent). */
  async withMessage(tx: Tx, id: string): Promise<StoredAttachment | undefined> {
    const { rows } = await tx.executeSql(
      `SELECT a.filename, a.content_type, a.sha256, a.uploaded_by, m.case_id, m.visibility
       FROM attachments a LEFT JOIN messages m ON m.id = a.message_id WHERE a.id = $1`,
      [id],
    );
    return rows[0] as StoredAttachment | undefined;
  },
};
