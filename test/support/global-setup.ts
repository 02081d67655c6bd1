// Vitest global setup: one throwaway PostgreSQL cluster for the whole run (unless TEST_DATABASE_URL
// points at one already), handed to tests through `inject('postgresUrl')`.
import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from '../../scripts/lib/postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('postgresUrl', process.env.TEST_DATABASE_URL);
    return;
  }
  const cluster = await startPostgresCluster();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
