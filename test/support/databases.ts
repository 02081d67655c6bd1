// Run a suite against both databases the app supports: embedded PGlite and real PostgreSQL.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, inject } from 'vitest';
import { openDatabase, type Database, type DatabaseHandle, type DatabaseKind } from '@/lib/db/client';
import * as schema from '@/lib/db/schema';
import { selectedDatabaseKinds } from './database-kinds';

export const databaseKinds: DatabaseKind[] = selectedDatabaseKinds();

/**
 * A fresh, migrated database of the given kind: in-memory PGlite, or a new database on the test
 * cluster. `migrate: false` leaves it empty (for tests that apply migrations themselves).
 */
export async function freshDatabase(kind: DatabaseKind, { migrate = true }: { migrate?: boolean } = {}): Promise<DatabaseHandle & { url?: string }> {
  if (kind === 'pglite') return migrate ? freshPglite() : openDatabase({ pgliteDir: 'memory://' });
  const adminUrl = inject('postgresUrl');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const { default: postgres } = await import('postgres');
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  const handle = await openDatabase({ url, migrate });
  return { ...handle, url };
}

/** An in-memory PGlite database loaded from the migrated template global-setup.ts wrote. */
async function freshPglite(): Promise<DatabaseHandle> {
  const template = inject('pgliteTemplate');
  if (!template) return openDatabase({ pgliteDir: 'memory://', migrate: true });
  const [{ PGlite }, { drizzle }, tarball] = await Promise.all([import('@electric-sql/pglite'), import('drizzle-orm/pglite'), readFile(template)]);
  const client = await PGlite.create({ loadDataDir: new Blob([tarball]) });
  return { db: drizzle(client, { schema }) as unknown as Database, kind: 'pglite', close: () => client.close() };
}

type TestDatabaseHandle = DatabaseHandle & { url?: string };

interface DatabaseLifecycle {
  /** Fills the database once it is open, before any test runs. */
  seed?: (db: Database) => Promise<unknown>;
  /** Called with the open database (e.g. to make it the app's own). */
  opened?: (handle: TestDatabaseHandle) => void;
  /** Runs before the database closes (e.g. to let background work finish). */
  closing?: () => Promise<unknown>;
}

/**
 * For one `describe` block: a fresh database of `kind`, opened (and seeded) before its tests and closed
 * after them. The handle's fields are read inside hooks and tests, once it is open.
 */
export function useDatabase(kind: DatabaseKind, { seed, opened, closing }: DatabaseLifecycle = {}): TestDatabaseHandle {
  let handle: TestDatabaseHandle | undefined;
  beforeAll(async () => {
    handle = await freshDatabase(kind);
    opened?.(handle);
    await seed?.(handle.db);
  });
  afterAll(async () => {
    await closing?.();
    await handle?.close();
  });
  const open = () => {
    if (!handle) throw new Error('The test database opens in beforeAll; read it from hooks and tests.');
    return handle;
  };
  return {
    kind,
    get db() {
      return open().db;
    },
    get url() {
      return open().url;
    },
    close: () => open().close(),
  };
}
