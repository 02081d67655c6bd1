// What every benchmark runs against: the Stripe emulator in this process (over real HTTP, with the
// real SDK) and a throwaway PostgreSQL 15 cluster, with the app's configuration pointed at them.
// The app reads its configuration once, so this runs before any app code.
import Stripe from 'stripe';
import { startEmulator, type RunningEmulator } from '@/emulator/src/index';
import { openDatabase, type DatabaseHandle } from '@/lib/db/client';
import { stripeConfig } from '@/lib/stripe/client';
import { startPostgresCluster, type PostgresCluster } from '../lib/postgres-cluster';
import { callEmulatorControl } from '../lib/emulator-control';

export const BENCH_SECRET_KEY = 'sk_test_bench';
export const BENCH_WEBHOOK_SECRET = 'whsec_bench';

export interface BenchStack {
  emulator: RunningEmulator;
  /** A client for arranging data and for the "naive" side of comparisons (never the app's own). */
  api: Stripe;
  postgres: PostgresCluster;
  control(path: string, body?: unknown): Promise<unknown>;
  /** A new, migrated database: a fresh database on the cluster, or in-memory PGlite. */
  database(kind: 'postgres' | 'pglite'): Promise<DatabaseHandle & { url?: string }>;
  close(): Promise<void>;
}

let databases = 0;

export async function startBenchStack(): Promise<BenchStack> {
  const emulator = await startEmulator({ port: 0 });
  const postgres = await startPostgresCluster();
  process.env.STRIPE_SECRET_KEY = BENCH_SECRET_KEY;
  process.env.STRIPE_API_BASE = emulator.url;
  process.env.STRIPE_WEBHOOK_SECRET = BENCH_WEBHOOK_SECRET;
  process.env.DATABASE_URL = postgres.url;
  // The app's request budget as with a live key (Stripe allows ~100/s live): the emulator sets no limit here.
  process.env.STRIPE_API_RATE ??= '80';

  const api = new Stripe(BENCH_SECRET_KEY, { ...stripeConfig(emulator.url), maxNetworkRetries: 0 });
  const control = (path: string, body?: unknown) => callEmulatorControl<any>(emulator.url, path, body);
  const database = async (kind: 'postgres' | 'pglite') => {
    if (kind === 'pglite') return openDatabase({ pgliteDir: 'memory://', migrate: true });
    const { default: connect } = await import('postgres');
    const admin = connect(postgres.url, { max: 1, onnotice: () => {} });
    const name = `bench_${process.pid}_${++databases}`;
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = postgres.url.replace(/\/[^/]*$/, `/${name}`);
    return { ...(await openDatabase({ url, migrate: true, maxConnections: 20 })), url };
  };
  return {
    emulator,
    api,
    postgres,
    control,
    database,
    close: async () => {
      await emulator.close();
      postgres.stop();
    },
  };
}

/** Makes `getDb()` (the webhook route, the scheduler) use this database, as the test support does. */
export function setAppDatabase(handle: DatabaseHandle): void {
  (globalThis as Record<symbol, unknown>)[Symbol.for('paydesk.database')] = Promise.resolve(handle);
}

/** Counts the requests a Stripe client sends while `work` runs. */
export async function countingRequests<T>(client: Stripe, work: () => Promise<T>): Promise<{ value: T; requests: number }> {
  let requests = 0;
  const onRequest = () => requests++;
  client.on('request', onRequest);
  try {
    return { value: await work(), requests };
  } finally {
    client.off('request', onRequest);
  }
}
