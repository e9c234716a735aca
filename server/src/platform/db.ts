// One database interface over two drivers: embedded PGlite (a folder on disk, one process)
// and PostgreSQL (a pool, any number of processes). Services receive a `Tx` from
// `transaction()`; inside it every query must use that handle — on PGlite a query made
// outside the open transaction would wait for it forever.
import { PGlite, type Transaction as PGliteTransaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { sha256 } from './ids.ts';
import { MIGRATIONS_FOLDER } from './paths.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/**
 * Runs one statement. `prepare` marks a hot statement: PostgreSQL parses and plans it once per
 * connection instead of on every call (planning a statement of many CTEs and joins costs as
 * much as running it). PGlite ignores it.
 */
export type SqlRunner = (
  text: string,
  values?: unknown[],
  prepare?: boolean,
) => Promise<{ rows: Record<string, unknown>[] }>;

/** Binds values as the next `$n` placeholders of a statement whose parameters are `values`. */
export function sqlBinder(values: unknown[]): (value: unknown) => string {
  return (value) => {
    values.push(value);
    return `$${values.length}`;
  };
}

/** Prepared statements are named after their text: one name per distinct statement, whoever runs it. */
const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `heard_${sha256(text).slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
}

/** The handle a command works through: drizzle for queries, raw SQL for pg-boss and CTEs. */
export interface Tx {
  db: Db;
  executeSql: SqlRunner;
}

export interface Database extends Tx {
  kind: 'pglite' | 'postgres';
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Subscribes to a NOTIFY channel (notifications arrive after the notifying transaction commits). */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** Applies the forward-only migrations (on PostgreSQL under an advisory lock: several processes may start at once). */
  migrate(): Promise<void>;
  /** PGlite only: the whole database as a gzipped tarball (test templates, backups). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

/**
 * A transaction's handle whose drizzle instance is built on first use: building one walks the
 * whole schema (about a millisecond), and most transactions only run SQL.
 */
function lazyDrizzle(build: () => Db, executeSql: SqlRunner): Tx {
  let db: Db | undefined;
  return {
    get db() {
      db ??= build();
      return db;
    },
    executeSql,
  };
}

/** pg-boss hands multi-statement SQL without parameters: PGlite runs those through exec(). */
function pgliteRunner(client: PGlite | PGliteTransaction): SqlRunner {
  return async (text, values) => {
    if (values === undefined || values.length === 0) {
      const results = await client.exec(text);
      return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
    }
    const result = await client.query<Record<string, unknown>>(text, values);
    return { rows: result.rows };
  };
}

export interface PgliteOptions {
  /** Folder of the database files; undefined → in memory. */
  dataDir?: string;
  /** A dumped data folder to start from (test templates). */
  loadDataDir?: Blob;
}

export async function openPglite(options: PgliteOptions): Promise<Database> {
  const client = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { pg_trgm },
    // PostgreSQL's 128 MB of shared buffers live inside the WebAssembly heap, which never
    // shrinks; a desk's working set fits in far less (the OS caches the files anyway).
    startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'],
  });
  return wrapPglite(client);
}

export function wrapPglite(client: PGlite): Database {
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    executeSql: pgliteRunner(client),
    transaction: (work) =>
      client.transaction((tx) =>
        work(
          // drizzle only calls query()/exec() on its client, which a PGlite transaction provides.
          lazyDrizzle(
            () => drizzlePglite({ client: tx as unknown as PGlite, schema }) as unknown as Db,
            pgliteRunner(tx),
          ),
        ),
      ),
    async listen(channel, onPayload) {
      const unlisten = await client.listen(channel, onPayload);
      return () => unlisten();
    },
    migrate: () => migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    dumpDataDir: () => client.dumpDataDir('gzip'),
    close: () => client.close(),
  };
}

export function openPostgres(connectionString: string, poolSize = 10): Database {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => {});
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  const runner =
    (client: pg.Pool | pg.PoolClient): SqlRunner =>
    async (text, values, prepare) => {
      const result = await client.query(prepare ? { name: statementName(text), text, values } : { text, values });
      return { rows: Array.isArray(result) ? (result.at(-1)?.rows ?? []) : result.rows };
    };
  return {
    kind: 'postgres',
    db,
    executeSql: runner(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(lazyDrizzle(() => drizzlePg({ client, schema }) as unknown as Db, runner(client)));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload) {
      const client = await pool.connect();
      const handler = (message: pg.Notification) => {
        if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
      };
      client.on('notification', handler);
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return async () => {
        client.off('notification', handler);
        await client.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => {});
        client.release();
      };
    },
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock(4801001)');
        await migratePg(drizzlePg({ client, schema }), { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await client.query('SELECT pg_advisory_unlock(4801001)').catch(() => {});
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
