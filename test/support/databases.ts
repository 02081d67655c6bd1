// Run a suite against both databases the app supports: embedded PGlite and real PostgreSQL.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle, type DatabaseKind } from '@/lib/db/client';
import { selectedDatabaseKinds } from './database-kinds';

export const databaseKinds: DatabaseKind[] = selectedDatabaseKinds();

/** A fresh, migrated database of the given kind: in-memory PGlite, or a new database on the test cluster. */
export async function freshDatabase(kind: DatabaseKind): Promise<DatabaseHandle & { url?: string }> {
  if (kind === 'pglite') return openDatabase({ pgliteDir: 'memory://', migrate: true });
  const adminUrl = inject('postgresUrl');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const { default: postgres } = await import('postgres');
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  const handle = await openDatabase({ url, migrate: true });
  return { ...handle, url };
}
