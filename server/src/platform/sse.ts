// Realtime change notifications for the web app (SSE at /api/v1/stream). A command announces
// a change inside its transaction with pg_notify: the database delivers it at commit (never
// for a rollback) to every listening process — PostgreSQL to all of them, PGlite in-process.
import { EventEmitter } from 'node:events';
import type { Database, Tx } from './db.ts';

export interface Change {
  kind: 'case';
  caseId: string;
  teamId: string | null;
  ownerId: string | null;
  customerId: string;
}

export const CHANGES_CHANNEL = 'heard_changes';

export class ChangeBus {
  private readonly emitter = new EventEmitter();
  private unlisten: (() => Promise<void>) | undefined;

  constructor(private readonly database: Database) {
    this.emitter.setMaxListeners(0);
  }

  /** Subscribes this process to changes made by every process. */
  async start(): Promise<void> {
    this.unlisten = await this.database.listen(CHANGES_CHANNEL, (payload) =>
      this.emitter.emit('change', JSON.parse(payload)),
    );
  }

  async announce(tx: Tx, change: Change): Promise<void> {
    await tx.executeSql('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify(change)]);
  }

  subscribe(listener: (change: Change) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
  }
}
