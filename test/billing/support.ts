// Shared helpers for the billing tests: point the app's process-wide database at a test database,
// sign webhook payloads like Stripe does, and wait on conditions.
import Stripe from 'stripe';
import { beforeAll, beforeEach } from 'vitest';
import type { Database, DatabaseHandle, DatabaseKind } from '@/lib/db/client';
import { stripeEvents } from '@/lib/db/schema';
import { kickProcessing, stopSweeper } from '@/lib/billing/sync/scheduler';
import { useDatabase } from '../support/databases';

export const WEBHOOK_SECRET = 'whsec_billing_tests';
process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET;

/** Makes `getDb()` (used by the route and the scheduler) return this test database. */
export function useAsAppDatabase(handle: DatabaseHandle): void {
  (globalThis as Record<symbol, unknown>)[Symbol.for('paydesk.database')] = Promise.resolve(handle);
}

/**
 * For one `describe` block: a fresh database of `kind` that the app itself uses (the webhook route, the
 * processor), with the background sweeper stopped so tests drive processing; pending work finishes
 * before the database closes.
 */
export function useAppDatabase(kind: DatabaseKind): DatabaseHandle {
  beforeAll(() => stopSweeper());
  return useDatabase(kind, { opened: useAsAppDatabase, closing: kickProcessing });
}

/** Each test starts with earlier work finished and an empty inbox; returns a reader of the stored events. */
export function useEmptyInbox(handle: DatabaseHandle): () => Promise<(typeof stripeEvents.$inferSelect)[]> {
  beforeEach(async () => {
    await kickProcessing();
    await handle.db.delete(stripeEvents);
  });
  return () => handle.db.select().from(stripeEvents);
}

const signer = new Stripe('sk_test_signer');

export function webhookRequest(payload: string, options: { secret?: string; timestamp?: number; signature?: string | null } = {}): Request {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const signature =
    options.signature === undefined
      ? signer.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? WEBHOOK_SECRET, timestamp: options.timestamp })
      : options.signature;
  if (signature !== null) headers['stripe-signature'] = signature;
  return new Request('http://localhost/api/stripe/webhook', { method: 'POST', headers, body: payload });
}

let sequence = 0;
/** A Stripe-shaped event (as the API would send it) for an object. */
export function eventFor(type: string, object: { id: string } & object, overrides: Partial<Stripe.Event> = {}): Stripe.Event {
  sequence++;
  return {
    id: `evt_test_${Date.now().toString(36)}_${sequence}`,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    ...overrides,
  } as unknown as Stripe.Event;
}

/** Polls `check` until it returns a truthy value (no fixed sleeps in tests). */
export async function waitFor<T>(check: () => Promise<T | null | undefined | false>, { timeoutMs = 10_000, what = 'condition' } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Counts every statement issued through the handle (execute, query builders, transactions). */
export function countingDatabase(db: Database): { db: Database; count: () => number } {
  let statements = 0;
  const counted = new Set(['execute', 'select', 'selectDistinct', 'insert', 'update', 'delete', 'transaction', 'query']);
  const proxy = new Proxy(db, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof property === 'string' && counted.has(property)) statements++;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db: proxy, count: () => statements };
}

