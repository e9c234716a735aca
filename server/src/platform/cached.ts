// A per-process cache of one value per key, loaded through the caller's transaction (on
// PGlite nothing may query beside an open one), reloaded after its time to live or when
// cleared by a save in this process; other processes follow within the time to live.
import type { Tx } from './db.ts';

export class Cached<T> {
  private readonly entries = new Map<string, { value: Promise<T>; at: number }>();
  constructor(
    private readonly load: (tx: Tx, key: string) => Promise<T>,
    private readonly ttlMs: number,
  ) {}
  get(tx: Tx, key: string): Promise<T> {
    const entry = this.entries.get(key);
    if (entry && Date.now() - entry.at < this.ttlMs) return entry.value;
    const value = this.load(tx, key);
    this.entries.set(key, { value, at: Date.now() });
    value.catch(() => this.entries.delete(key));
    return value;
  }
  clear(): void {
    this.entries.clear();
  }
}
