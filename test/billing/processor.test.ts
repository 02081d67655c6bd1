// The inbox processor: an event is marked processed only in the transaction that saved its work;
// failures are recorded, retried with backoff, then left visible as failed; claims are exclusive
// across workers and expire when a worker dies.
import { beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { openDatabase, type Database } from '@/lib/db/client';
import { stripeEvents, stripeProducts } from '@/lib/db/schema';
import { storeEvent } from '@/lib/billing/sync/inbox';
import { DEFAULT_MAX_ATTEMPTS, defaultRetryDelayMs, processPendingEvents, retryEvent, type ProcessOptions } from '@/lib/billing/sync/processor';
import type { EventHandlers } from '@/lib/billing/sync/handlers';
import type { Stripe } from '@/lib/stripe/client';
import { databaseKinds, useDatabase } from '../support/databases';
import { eventFor } from './support';

const product = (id: string, name: string | null = 'Pro') =>
  ({ id, object: 'product', name, active: true, created: 1_700_000_000, default_price: null, metadata: {} }) as unknown as Stripe.Product;

describe.each(databaseKinds)('inbox processor on %s', (kind) => {
  const handle = useDatabase(kind);
  beforeEach(async () => {
    await handle.db.delete(stripeEvents);
    await handle.db.delete(stripeProducts);
  });

  const noStripe = {} as Stripe;
  const options = (handlers: EventHandlers, extra: Partial<ProcessOptions> = {}): ProcessOptions => ({ db: handle.db, stripe: noStripe, handlers, ...extra });
  const eventRow = async (id: string) => (await handle.db.select().from(stripeEvents).where(eq(stripeEvents.id, id)))[0];

  it('marks an event processed in the same transaction as its work', async () => {
    const event = eventFor('product.deleted', product('prod_gone'));
    await storeEvent(handle.db, event);
    const handlers: EventHandlers = { 'product.deleted': async (e, run) => run.deleted('product', e.data.object as Stripe.Product) };
    expect(await processPendingEvents(options(handlers))).toMatchObject({ processed: 1 });
    expect(await eventRow(event.id)).toMatchObject({ status: 'processed', attempts: 1, lastError: null });
    expect((await handle.db.select().from(stripeProducts))[0]).toMatchObject({ id: 'prod_gone', deleted: true });
  });

  it('leaves the event pending, with nothing saved, when saving its work fails', async () => {
    const event = eventFor('product.deleted', product('prod_broken', null));
    await storeEvent(handle.db, event);
    const handlers: EventHandlers = { 'product.deleted': async (e, run) => run.deleted('product', e.data.object as Stripe.Product) };
    expect(await processPendingEvents(options(handlers))).toMatchObject({ processed: 0, retrying: 1 });
    const row = await eventRow(event.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, processedAt: null });
    expect(row.lastError).toMatch(/null value in column "name"/);
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    expect(await handle.db.select().from(stripeProducts)).toHaveLength(0);
  });

  it('saves none of an event\'s rows when one of them cannot be saved', async () => {
    const event = eventFor('price.updated', { id: 'price_broken' });
    await storeEvent(handle.db, event);
    const brokenPrice = { id: 'price_broken', object: 'price', product: 'prod_parent', currency: null, active: true, type: 'one_time', unit_amount: 900, created: 1_700_000_000, metadata: {} };
    const handlers: EventHandlers = {
      'price.updated': async (_, run) => {
        // Two rows in two statements: the product is valid, the price after it breaks a NOT NULL.
        await run.adoptProduct(product('prod_parent'), run.fetchedStamp(new Date(), null));
        await run.adoptPrice(brokenPrice as unknown as Stripe.Price, run.fetchedStamp(new Date(), null));
      },
    };
    expect(await processPendingEvents(options(handlers))).toMatchObject({ processed: 0, retrying: 1 });
    expect(await eventRow(event.id)).toMatchObject({ status: 'pending', processedAt: null });
    expect((await eventRow(event.id)).lastError).toMatch(/null value in column "currency"/);
    expect(await handle.db.select().from(stripeProducts)).toEqual([]);
  });

  it('retries a throwing handler with growing delays, then shows it as failed until an admin retries it', async () => {
    const event = eventFor('customer.updated', { id: 'cus_flaky' });
    await storeEvent(handle.db, event);
    let calls = 0;
    let healthy = false;
    const handlers: EventHandlers = {
      'customer.updated': async () => {
        calls++;
        if (!healthy) throw new Error(`Stripe is down (call ${calls})`);
      },
    };
    const failuresSeen: number[] = [];
    const retryDelayMs = (failures: number) => {
      failuresSeen.push(failures);
      return 0; // due again at once, so this test need not wait out the real backoff
    };
    const result = await processPendingEvents(options(handlers, { maxAttempts: 4, retryDelayMs }));
    expect(result).toMatchObject({ retrying: 3, failed: 1 });
    expect(calls).toBe(4);
    // The delay is asked for with the number of failures so far (the schedule itself is tested below).
    expect(failuresSeen).toEqual([1, 2, 3, 4]);
    expect(await eventRow(event.id)).toMatchObject({ status: 'failed', attempts: 4, lastError: 'Stripe is down (call 4)' });

    // Failed events stay put: later rounds do not pick them up by themselves.
    await processPendingEvents(options(handlers));
    expect(calls).toBe(4);

    healthy = true;
    expect(await retryEvent(event.id, { db: handle.db })).toBe(true);
    expect(await processPendingEvents(options(handlers))).toMatchObject({ processed: 1 });
    expect(await eventRow(event.id)).toMatchObject({ status: 'processed', attempts: 1, lastError: null });
  });

  it('waits out the default backoff before retrying', async () => {
    const event = eventFor('customer.updated', { id: 'cus_later' });
    await storeEvent(handle.db, event);
    let calls = 0;
    const handlers: EventHandlers = {
      'customer.updated': async () => {
        calls++;
      },
    };
    const failing: EventHandlers = { 'customer.updated': async () => { calls++; throw new Error('boom'); } };
    await processPendingEvents(options(failing));
    await processPendingEvents(options(handlers));
    expect(calls).toBe(1);
    const row = await eventRow(event.id);
    const delay = row.nextAttemptAt.getTime() - Date.now();
    expect(delay).toBeGreaterThan(3_000);
    expect(delay).toBeLessThanOrEqual(5_000);
  });

  it('finds a just-stored event due at once, even in the same instant it was stored', async () => {
    // Inside one transaction now() does not move: the stored due time must not lie after it. (A
    // millisecond column rounded now() up half of the time, and the next claim skipped the event.)
    for (let i = 0; i < 20; i++) {
      const event = eventFor('customer.updated', { id: `cus_instant_${i}` });
      let calls = 0;
      const handlers: EventHandlers = {
        'customer.updated': async () => {
          if (++calls === 1) throw new Error('first attempt fails');
        },
      };
      const result = await handle.db.transaction(async (tx) => {
        await storeEvent(tx as unknown as Database, event);
        return processPendingEvents({ db: tx as unknown as Database, stripe: noStripe, handlers, retryDelayMs: () => 0 });
      });
      expect(result).toMatchObject({ retrying: 1, processed: 1 });
    }
  });

  it('ignores an event whose type names an inherited property instead of failing it', async () => {
    const types = ['__proto__', 'constructor', 'toString'];
    for (const type of types) await storeEvent(handle.db, { ...eventFor('customer.updated', { id: `cus_${type}` }), type } as Stripe.Event);
    expect(await processPendingEvents({ db: handle.db, stripe: noStripe })).toMatchObject({ ignored: 3, retrying: 0, failed: 0 });
    const rows = await handle.db.select().from(stripeEvents);
    expect(rows.map((row) => [row.type, row.status, row.lastError]).sort()).toEqual(types.map((type) => [type, 'ignored', null]).sort());
  });

  it('recovers an event stored just before a crash, and one claimed by a worker that died', async () => {
    const stored = eventFor('customer.updated', { id: 'cus_a' });
    const claimed = eventFor('customer.updated', { id: 'cus_b' });
    await storeEvent(handle.db, stored);
    await storeEvent(handle.db, claimed);
    // A worker claimed `claimed` and died: its claim runs for another minute.
    await handle.db.update(stripeEvents).set({ lockedUntil: sql`now() + interval '1 minute'`, attempts: 1 }).where(eq(stripeEvents.id, claimed.id));
    const seen: string[] = [];
    const handlers: EventHandlers = { 'customer.updated': async (e) => void seen.push(e.id) };
    await processPendingEvents(options(handlers));
    expect(seen).toEqual([stored.id]);
    // Once the claim has expired, the event is worked again.
    await handle.db.update(stripeEvents).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(stripeEvents.id, claimed.id));
    await processPendingEvents(options(handlers));
    expect(seen).toEqual([stored.id, claimed.id]);
    expect(await eventRow(claimed.id)).toMatchObject({ status: 'processed', attempts: 2 });
  });

  it('hands each event to exactly one of several concurrent workers', async () => {
    const events = Array.from({ length: 40 }, (_, i) => eventFor('customer.updated', { id: `cus_${i}` }));
    for (const event of events) await storeEvent(handle.db, event);
    // On PostgreSQL each worker has its own connection pool, as separate app instances would.
    const others = kind === 'postgres' ? await Promise.all([openDatabase({ url: handle.url! }), openDatabase({ url: handle.url! })]) : [];
    try {
      const calls = new Map<string, number>();
      const handlers: EventHandlers = {
        'customer.updated': async (e) => {
          calls.set(e.id, (calls.get(e.id) ?? 0) + 1);
          await new Promise((resolve) => setTimeout(resolve, 5));
        },
      };
      const dbs = [handle.db, ...others.map((o) => o.db), handle.db];
      await Promise.all(dbs.map((db) => processPendingEvents({ db, stripe: noStripe, handlers, batchSize: 5 })));
      expect([...calls.values()].every((n) => n === 1)).toBe(true);
      expect(calls.size).toBe(40);
    } finally {
      await Promise.all(others.map((o) => o.close()));
    }
  });
});

describe('default retry schedule', () => {
  it('doubles from 5 s after each failure and never waits more than an hour', () => {
    const schedule = Object.fromEntries([1, 2, 3, 4, 8, 10, 11, 20].map((failures) => [failures, defaultRetryDelayMs(failures)]));
    expect(schedule).toEqual({ 1: 5_000, 2: 10_000, 3: 20_000, 4: 40_000, 8: 640_000, 10: 2_560_000, 11: 3_600_000, 20: 3_600_000 });
  });

  it('gives a short outage about ten minutes before the default attempts run out', () => {
    const waited = Array.from({ length: DEFAULT_MAX_ATTEMPTS - 1 }, (_, i) => defaultRetryDelayMs(i + 1)).reduce((a, b) => a + b, 0);
    expect(waited).toBe(635_000);
  });
});
