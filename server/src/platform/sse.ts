// Realtime change notifications for the web app (SSE at /api/v1/stream). A command
// publishes a change after it commits: this process's subscribers hear it at once, and on
// PostgreSQL the changes are broadcast to the other processes in small batches with one
// NOTIFY (a NOTIFY per case would serialize every commit on PostgreSQL's notify lock).
// Realtime is best effort: a change lost in a crash is picked up at the next refetch.

import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Database } from './db.ts';

export interface Change {
  kind: 'case';
  caseId: string;
  teamId: string | null;
  ownerId: string | null;
  customerId: string;
}

export const CHANGES_CHANNEL = 'heard_changes';
const BROADCAST_DELAY_MS = 25;
/** NOTIFY payloads must stay under 8,000 bytes. */
const CHANGES_PER_NOTIFY = 25;

interface Broadcast {
  from: string;
  changes: Change[];
}

export class ChangeBus {
  private readonly emitter = new EventEmitter();
  private readonly processId = randomUUID();
  private unlisten: (() => Promise<void>) | undefined;
  private pending: Change[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly database: Database) {
    this.emitter.setMaxListeners(0);
  }

  /** Subscribes this process to changes made by the other processes. */
  async start(): Promise<void> {
    if (this.database.kind !== 'postgres') return;
    this.unlisten = await this.database.listen(CHANGES_CHANNEL, (payload) => {
      const broadcast = JSON.parse(payload) as Broadcast;
      if (broadcast.from === this.processId) return;
      for (const change of broadcast.changes) this.emitter.emit('change', change);
    });
  }

  /** Call after the change has committed. */
  publish(change: Change): void {
    this.emitter.emit('change', change);
    if (this.database.kind !== 'postgres') return;
    this.pending.push(change);
    this.timer ??= setTimeout(() => void this.flush(), BROADCAST_DELAY_MS);
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    for (let i = 0; i < batch.length; i += CHANGES_PER_NOTIFY) {
      const broadcast: Broadcast = { from: this.processId, changes: batch.slice(i, i + CHANGES_PER_NOTIFY) };
      await this.database
        .executeSql('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify(broadcast)])
        .catch(() => {});
    }
  }

  subscribe(listener: (change: Change) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    await this.flush();
    await this.unlisten?.();
  }
}
