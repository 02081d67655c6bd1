// Vitest global setup: one throwaway PostgreSQL cluster for the whole run (unless TEST_DATABASE_URL
// points at one already, or TEST_DATABASE_KINDS leaves PostgreSQL out), handed to tests through
// `inject('postgresUrl')`.
import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from '../../scripts/lib/postgres-cluster';
import { selectedDatabaseKinds } from './database-kinds';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (!selectedDatabaseKinds().includes('postgres')) {
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
