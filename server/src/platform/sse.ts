// Realtime change notifications for the web app (SSE at /api/v1/stream). A command announces
// a change inside its transaction: on PostgreSQL with pg_notify (delivered by PostgreSQL at
// commit, to every process), on PGlite in-process after commit.
import { EventEmitter } from 'node:events';
import type { Unit } from '../context.ts';
import type { Database } from './db.ts';

export interface Change {
  kind: 'case';
  caseId: string;
  teamId: string | null;
  ownerId: string | null;
  customerId: string;
}

const CHANNEL = 'heard_changes';

export class ChangeBus {
  private readonly emitter = new EventEmitter();
  private unlisten: (() => Promise<void>) | undefined;

  constructor(private readonly database: Database) {
    this.emitter.setMaxListeners(0);
  }

  /** Subscribes this process to changes made by every process (PostgreSQL). */
  async start(): Promise<void> {
    if (this.database.kind === 'postgres') {
      this.unlisten = await this.database.listen(CHANNEL, (payload) =>
        this.emitter.emit('change', JSON.parse(payload)),
      );
    }
  }

  async announce(unit: Unit, change: Change): Promise<void> {
    if (this.database.kind === 'postgres') {
      await unit.executeSql('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(change)]);
    } else {
      unit.afterCommit(() => this.emitter.emit('change', change));
    }
  }

  subscribe(listener: (change: Change) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
  }
}
