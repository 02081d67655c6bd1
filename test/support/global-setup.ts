// Vitest global setup: one throwaway PostgreSQL cluster for the whole run (unless TEST_DATABASE_URL
// points at one already, or TEST_DATABASE_KINDS leaves PostgreSQL out), handed to tests through
// `inject('postgresUrl')`; and one migrated PGlite database, dumped to a file that every suite's
// fresh PGlite database starts from (`inject('pgliteTemplate')`, see databases.ts).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrationsFolder, openDatabase } from '../../lib/db/client';
import { startPostgresCluster } from '../../scripts/lib/postgres-cluster';
import { selectedDatabaseKinds } from './database-kinds';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    /** A migrated PGlite data directory as a tarball, or '' when PGlite is not tested. */
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const kinds = selectedDatabaseKinds();
  project.provide('pgliteTemplate', kinds.includes('pglite') ? await pgliteTemplate() : '');
  if (!kinds.includes('postgres')) {
    project.provide('postgresUrl', '');
    return;
  }
  if (process.env.TEST_DATABASE_URL) {
    project.provide('postgresUrl', process.env.TEST_DATABASE_URL);
    return;
  }
  const cluster = await startPostgresCluster();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}

/**
 * Creating a PGlite database (its initdb) and migrating it costs about 9 s of CPU; loading a dump
 * of one costs about 2.5. The dump is made once per set of migrations and PGlite version, kept in
 * node_modules/.cache, and every suite starts from it: on a loaded machine that is the difference
 * between a suite's setup finishing and its hook timing out.
 */
async function pgliteTemplate(): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.parse(fs.readFileSync(path.join('node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8')).version);
  for (const file of fs.readdirSync(migrationsFolder, { recursive: true, encoding: 'utf8' }).sort()) {
    const full = path.join(migrationsFolder, file);
    if (fs.statSync(full).isFile()) hash.update(file).update(fs.readFileSync(full));
  }
  const file = path.join('node_modules', '.cache', 'paydesk-tests', `pglite-${hash.digest('hex').slice(0, 16)}.tar`);
  if (fs.existsSync(file)) return path.resolve(file);
  const handle = await openDatabase({ pgliteDir: 'memory://', migrate: true });
  try {
    const client = (handle.db as unknown as { $client: { dumpDataDir(compression: 'none'): Promise<Blob> } }).$client;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written aside, then renamed: a run starting meanwhile never reads half a file.
    const partial = `${file}.${process.pid}`;
    fs.writeFileSync(partial, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
    fs.renameSync(partial, file);
    return path.resolve(file);
  } finally {
    await handle.close();
  }
}
