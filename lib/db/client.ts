// Opens the app's database: PostgreSQL through postgres.js when DATABASE_URL is set, otherwise the
// embedded PGlite database, which exactly one process may own at a time (enforced by a lock file,
// because PGlite itself does not lock its directory).
import fs from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import { z } from 'zod';
import * as schema from './schema';
import { env } from '../env';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DatabaseKind = 'postgres' | 'pglite';

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL URL; takes precedence over pgliteDir. */
  url?: string;
  /** PGlite data directory, or 'memory://' for a throwaway in-memory database. */
  pgliteDir?: string;
  /** Apply pending migrations right after opening. */
  migrate?: boolean;
  /** postgres.js pool size. */
  maxConnections?: number;
}

export const migrationsFolder = path.join(process.cwd(), 'drizzle');

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  const handle = options.url ? await openPostgres(options.url, options.maxConnections ?? 10) : await openPglite(options.pgliteDir ?? 'memory://');
  if (options.migrate) await migrateDatabase(handle);
  return handle;
}

async function openPostgres(url: string, max: number): Promise<DatabaseHandle> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const client = postgres(url, { max, onnotice: () => {} });
  return { db: drizzle(client, { schema }) as unknown as Database, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
}

async function openPglite(dir: string): Promise<DatabaseHandle> {
  const inMemory = dir.startsWith('memory://');
  const releaseLock = inMemory ? () => {} : acquireDirectoryLock(dir);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    if (!inMemory) fs.mkdirSync(dir, { recursive: true });
    const client = await PGlite.create(inMemory ? undefined : dir);
    return {
      db: drizzle(client, { schema }) as unknown as Database,
      kind: 'pglite',
      close: async () => {
        try {
          await client.close();
        } finally {
          releaseLock();
        }
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/** Takes `<dir>.lock` for this process, or explains which live process holds it. */
function acquireDirectoryLock(dir: string): () => void {
  const lockFile = `${path.resolve(dir)}.lock`;
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      const release = () => {
        process.off('exit', release);
        try {
          if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(lockFile, 'utf8'));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new Error(
          `The embedded database ${dir} is open in process ${owner}; PGlite allows one owner process. ` +
            'Stop that process first, or set DATABASE_URL to use PostgreSQL.',
        );
      }
      fs.rmSync(lockFile, { force: true }); // stale lock from a process that died
    }
  }
  throw new Error(`Could not lock the embedded database ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === 'postgres') {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    await migrate(handle.db as never, { migrationsFolder });
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(handle.db as never, { migrationsFolder });
  }
}

/**
 * Column types of raw SQL rows, read the same whichever driver ran the query: postgres.js returns
 * bigint, numeric and count() as text where PGlite returns some as numbers, and drizzle hands
 * timestamps over as text. JSON (json_agg, jsonb) arrives parsed from both.
 */
export const column = {
  text: z.string(),
  boolean: z.boolean(),
  /** A whole number (integer, bigint, numeric, count): a number, refused beyond 2^53 so money stays exact. */
  integer: z.union([z.number(), z.string(), z.bigint()]).transform((value, context) => {
    const number = Number(value);
    if (!Number.isSafeInteger(number)) context.addIssue({ code: 'custom', message: `not a safe integer: ${String(value)}` });
    return number;
  }),
  /** A whole number kept exact at any size, for sums that may pass 2^53 before they are divided. */
  bigint: z.union([z.number(), z.string(), z.bigint()]).transform((value) => BigInt(value)),
  timestamp: z.union([z.string(), z.date()]).transform((value) => new Date(value)),
  /** A moment as Stripe stamps it inside raw objects: unix seconds. */
  unixSeconds: z.union([z.number(), z.string()]).transform((seconds) => new Date(Number(seconds) * 1000)),
};

/**
 * Rows of a raw SQL statement, parsed by `row` (built from `column`), whichever driver runs it
 * (postgres.js returns an array, PGlite `{ rows }`): callers get numbers as numbers and dates as dates.
 */
export async function rows<S extends z.ZodType>(db: Pick<Database, 'execute'>, statement: SQL, row: S): Promise<z.output<S>[]> {
  const result = (await db.execute(statement)) as unknown;
  const found = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as unknown[];
  return found.map((value) => row.parse(value));
}

// One handle per process, kept on globalThis because Next can evaluate this module in more than one
// bundle layer (route handlers, server actions, pages) within the same server process.
const globalKey = Symbol.for('paydesk.database');
type GlobalWithDb = typeof globalThis & { [globalKey]?: Promise<DatabaseHandle> };

/** The process-wide database, opened on first use (never at module load: `next build` imports modules). */
export function getDatabase(): Promise<DatabaseHandle> {
  const g = globalThis as GlobalWithDb;
  if (!g[globalKey]) {
    const config = env();
    g[globalKey] = openDatabase(
      config.DATABASE_URL ? { url: config.DATABASE_URL } : { pgliteDir: config.PGLITE_DIR, migrate: true },
    ).catch((error) => {
      delete g[globalKey];
      throw error;
    });
  }
  return g[globalKey];
}

/**
 * The process-wide database. The convention for passing one: domain operations take
 * `options: { db?: Database }` last and default to this; helpers that run inside a caller's
 * transaction or beside its other queries (`customerIdForOrganisation`, `countAttempt`) take `db` first.
 */
export async function getDb(): Promise<Database> {
  return (await getDatabase()).db;
}

/** Closes the process-wide database if it was opened. */
export async function closeDatabase(): Promise<void> {
  const g = globalThis as GlobalWithDb;
  const pending = g[globalKey];
  delete g[globalKey];
  if (pending) await (await pending).close();
}
