// Vitest global setup: one throwaway PostgreSQL cluster for the whole run (unless TEST_DATABASE_URL
// points at one already, or TEST_DATABASE_KINDS leaves PostgreSQL out), handed to tests through
// `inject('postgresUrl')`; and one migrated PGlite database, dumped to a file that every suite's
// fresh PGlite database starts from (`inject('pgliteTemplate')`, see databases.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../lib/db/client';
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
  const teardown: (() => Promise<void> | void)[] = [];
  const kinds = selectedDatabaseKinds();
  project.provide('pgliteTemplate', kinds.includes('pglite') ? await writePgliteTemplate(teardown) : '');
  if (!kinds.includes('postgres')) {
    project.provide('postgresUrl', '');
  } else if (process.env.TEST_DATABASE_URL) {
    project.provide('postgresUrl', process.env.TEST_DATABASE_URL);
  } else {
    const cluster = await startPostgresCluster();
    project.provide('postgresUrl', cluster.url);
    teardown.push(() => cluster.stop());
  }
  return async () => {
    for (const step of teardown) await step();
  };
}

/**
 * Creating a PGlite database (its initdb) and migrating it costs about 10 s of CPU; loading a dump
 * of one costs about 2. Done once per run, every suite starts from the dump: on a loaded machine
 * that is the difference between a suite's setup finishing and its hook timing out.
 */
async function writePgliteTemplate(teardown: (() => void)[]): Promise<string> {
  const handle = await openDatabase({ pgliteDir: 'memory://', migrate: true });
  try {
    const client = (handle.db as unknown as { $client: { dumpDataDir(compression: 'none'): Promise<Blob> } }).$client;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'paydesk-pglite-')), 'template.tar');
    fs.writeFileSync(file, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
    teardown.push(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));
    return file;
  } finally {
    await handle.close();
  }
}
