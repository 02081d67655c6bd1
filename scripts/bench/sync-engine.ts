// The side-by-side of benchmark 2: @supabase/stripe-sync-engine — the open-source Stripe → Postgres
// sync most often recommended — fed the very same deliveries (same duplicates, same shuffled order,
// same concurrency, same emulator latency) into its own schema on the same PostgreSQL database,
// then its tables compared with Stripe on the fields a billing page shows.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type postgres from 'postgres';
import Stripe from 'stripe';
import { stripeConfig } from '@/lib/stripe/client';
import { BENCH_SECRET_KEY, BENCH_WEBHOOK_SECRET, type BenchStack } from './stack';
import { percentile } from './measure';
import { sendDeliveries, signed } from './deliveries';

// Its migrations name the schema "stripe" whatever the config says (ours live in "public", as stripe_*).
const SCHEMA = 'stripe';
// Its ES module build finds its migrations through `__dirname`, which ES modules lack (the run fails
// silently): load its CommonJS build.
const { runMigrations, StripeSync } = createRequire(import.meta.url)('@supabase/stripe-sync-engine') as typeof import('@supabase/stripe-sync-engine');
/** Its migrations log an error instead of throwing it: make it throw. */
const throwingLogger = { info: () => {}, warn: () => {}, error: (error: unknown) => { throw error; } } as never;

// Its package.json is not among its exports: read from where npm installed it.
export const syncEngineVersion: string = JSON.parse(fs.readFileSync('node_modules/@supabase/stripe-sync-engine/package.json', 'utf8')).version;

export interface SyncEngineResult {
  unique: number;
  seconds: number;
  processedPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  firstError: string | null;
  stripeCalls: number;
  /** One line per differing field, each starting with the object's type and id. */
  mismatches: string[];
  compared: number;
}

/** How many distinct objects the mismatch lines are about. */
export function objectsDiffering(mismatches: string[]): number {
  return new Set(mismatches.map((line) => line.split(':')[0])).size;
}

export async function runSyncEngine(
  stack: BenchStack,
  databaseUrl: string,
  deliveries: Stripe.Event[],
  payloads: Map<string, string>,
  options: { concurrency: number; latencyMs: number },
): Promise<SyncEngineResult> {
  await runMigrations({ databaseUrl, schema: SCHEMA, logger: throwingLogger });
  const sync = new StripeSync({
    poolConfig: { connectionString: databaseUrl, max: 20 },
    schema: SCHEMA,
    stripeSecretKey: BENCH_SECRET_KEY,
    stripeWebhookSecret: BENCH_WEBHOOK_SECRET,
    backfillRelatedEntities: true,
  });
  // It builds its own client for api.stripe.com: point it at the emulator, as the app's client is.
  (sync as unknown as { stripe: Stripe }).stripe = new Stripe(BENCH_SECRET_KEY, stripeConfig(stack.emulator.url));
  let errors = 0;
  let firstError: string | null = null;
  await stack.control('faults', { latency_ms: options.latencyMs });
  await stack.control('rate_limit', { clear_counts: true });
  // Its webhook handler processes each delivery before answering (no inbox): accepted = processed.
  const { latencies, seconds } = await sendDeliveries(deliveries, payloads, options.concurrency, async (payload, event) => {
    try {
      await sync.processWebhook(payload, signed(payload));
    } catch (error) {
      errors++;
      firstError ??= `${event.type}: ${(error as Error).message}`.slice(0, 200);
    }
  });
  await stack.control('faults', { latency_ms: 0 });
  const { requests } = (await stack.control('rate_limit', {})) as { requests: number };
  const { mismatches, compared: objects } = await compareWithStripe(stack.api, databaseUrl, deliveries, 'theirs');
  await (sync as unknown as { postgresClient: { close(): Promise<void> } }).postgresClient.close().catch(() => {});
  const unique = new Set(deliveries.map((d) => d.id)).size;
  return { unique, seconds, processedPerSecond: unique / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors, firstError, stripeCalls: requests, mismatches, compared: objects };
}

/** Where each Stripe object type lives: Stripe's retrieve, our table, its table, and the fields compared. */
const compared = {
  payment_intent: { retrieve: (api: Stripe, id: string) => api.paymentIntents.retrieve(id), ours: 'stripe_payment_intents', theirs: 'payment_intents', fields: ['status', 'amount', 'amount_received'] },
  charge: { retrieve: (api: Stripe, id: string) => api.charges.retrieve(id), ours: 'stripe_charges', theirs: 'charges', fields: ['status', 'amount', 'amount_refunded', 'refunded'] },
  refund: { retrieve: (api: Stripe, id: string) => api.refunds.retrieve(id), ours: 'stripe_refunds', theirs: 'refunds', fields: ['status', 'amount'] },
  customer: { retrieve: (api: Stripe, id: string) => api.customers.retrieve(id), ours: 'stripe_customers', theirs: 'customers', fields: ['email'] },
} as const;

/**
 * Each object the deliveries were about, as stored (ours: the row's raw object; theirs: its
 * columns, named as Stripe's fields) against Stripe's object now, on the fields a page shows.
 */
export async function compareWithStripe(api: Stripe, databaseUrl: string, deliveries: Stripe.Event[], store: 'ours' | 'theirs'): Promise<{ mismatches: string[]; compared: number }> {
  const { default: connect } = await import('postgres');
  const sql: postgres.Sql = connect(databaseUrl, { max: 1, onnotice: () => {} });
  const mismatches: string[] = [];
  let count = 0;
  try {
    for (const [type, where] of Object.entries(compared)) {
      const ids = [...new Set(deliveries.map((e) => e.data.object as { id: string; object: string }).filter((o) => o.object === type).map((o) => o.id))];
      const rows =
        store === 'ours'
          ? (await sql.unsafe(`select id, raw from ${where.ours} where id = any($1)`, [ids])).map((r) => ({ id: r.id as string, ...(r.raw as object) }))
          : await sql.unsafe(`select * from ${SCHEMA}.${where.theirs} where id = any($1)`, [ids]);
      const stored = new Map(rows.map((row) => [row.id as string, row as Record<string, unknown>]));
      for (const id of ids) {
        count++;
        const row = stored.get(id);
        if (!row) {
          mismatches.push(`${type} ${id}: not stored`);
          continue;
        }
        const truth = (await where.retrieve(api, id)) as unknown as Record<string, unknown>;
        for (const field of where.fields) {
          if (String(row[field] ?? null) !== String(truth[field] ?? null)) mismatches.push(`${type} ${id}: ${field} ${row[field]} ≠ ${truth[field]}`);
        }
      }
    }
  } finally {
    await sql.end();
  }
  return { mismatches, compared: count };
}
