// Reconciliation's own bookkeeping, against a Stripe account (the emulator) that starts empty: what
// a full run reports step by step, where the event cursor is left, what an incremental run replays
// (and does not replay twice), and when an incremental request has to backfill instead. The
// mirror's contents after a backfill of every kind are checked in sync.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { DatabaseHandle } from '@/lib/db/client';
import * as t from '@/lib/db/schema';
import { catchUpAtBoot, reconcile, type ReconcileProgress } from '@/lib/billing/reconcile';
import { stopSweeper } from '@/lib/billing/sync/scheduler';
import { databaseKinds, freshDatabase } from '../support/databases';
import { startTestStripe, type TestStripe } from './emulator';

const steps = [
  'customers', 'products', 'prices', 'subscriptions', 'invoices', 'payment intents', 'charges', 'invoice payments', 'refunds', 'disputes', 'checkout sessions',
  'coupons', 'promotion codes', 'subscription schedules',
];

describe.each(databaseKinds)('reconciliation on %s', (kind) => {
  let stripe: TestStripe;
  let api: Stripe;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    stopSweeper();
    stripe = await startTestStripe(); // a new, empty account for each database
    api = stripe.api;
    handle = await freshDatabase(kind);
  });
  afterAll(async () => {
    await handle?.close();
    await stripe?.close();
  });

  const run = (mode: 'full' | 'incremental', extra: { pageSize?: number; onProgress?: (progress: ReconcileProgress) => void } = {}) =>
    reconcile({ mode, db: handle.db, stripe: api, ...extra });
  const cursor = async () =>
    (await handle.db.select().from(t.stripeSyncState).where(eq(t.stripeSyncState.key, 'events_cursor')))[0]?.value as { id: string; created: number } | undefined;
  const allEvents = () => api.events.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 });

  async function buy(amount: number): Promise<Stripe.PaymentIntent> {
    const customer = await api.customers.create({ email: `reconcile-${amount}@example.com` });
    return api.paymentIntents.create({
      amount,
      currency: 'usd',
      customer: customer.id,
      payment_method: 'pm_card_visa',
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
  }

  it('reports every step of a full run over an empty account, and starts the event cursor at the run', async () => {
    const progress: ReconcileProgress[] = [];
    const before = Math.floor(Date.now() / 1000);
    const started = Date.now();
    const result = await run('incremental', { onProgress: (p) => progress.push(p) }); // no cursor yet: a backfill
    const took = Date.now() - started;
    expect(result).toMatchObject({
      mode: 'full',
      listed: Object.fromEntries(steps.map((step) => [step, 0])),
      changed: {},
      eventsReplayed: 0,
      events: { processed: 0, ignored: 0, retrying: 0, failed: 0 },
    });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(result.durationMs).toBeLessThanOrEqual(took);
    // Each step says it started, then how far each page got.
    expect(progress).toEqual(steps.flatMap((step) => [{ step, done: 0 }, { step, done: 0 }]));
    // No event to start from: the cursor is the moment the backfill began.
    const saved = await cursor();
    expect(saved?.id).toBe('');
    expect(saved?.created).toBeGreaterThanOrEqual(before);
    expect(saved?.created).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it('replays the events since the cursor into the inbox, works them, and moves the cursor to the newest', async () => {
    const intent = await buy(1234);
    const events = await allEvents(); // the account's only events, newest first
    const progress: ReconcileProgress[] = [];
    const result = await run('incremental', { onProgress: (p) => progress.push(p) });
    expect(result).toMatchObject({ mode: 'incremental', listed: { events: events.length }, eventsReplayed: events.length });
    expect(result.events!.processed + result.events!.ignored).toBe(events.length);
    expect(progress).toEqual(events.map((_, i) => ({ step: 'events', done: i + 1 })));
    expect(await handle.db.select({ id: t.stripeEvents.id }).from(t.stripeEvents)).toHaveLength(events.length);
    const [mirrored] = await handle.db.select().from(t.stripePaymentIntents).where(eq(t.stripePaymentIntents.id, intent.id));
    expect(mirrored).toMatchObject({ status: 'succeeded', amount: 1234 });
    expect(await cursor()).toEqual({ id: events[0].id, created: events[0].created });

    // Nothing new since: nothing replayed, the cursor stays where it was.
    const again = await run('incremental');
    expect(again).toMatchObject({ mode: 'incremental', eventsReplayed: 0, events: { processed: 0 } });
    expect(again.listed.events).toBeLessThan(events.length); // at most the newest event's own second, listed again
    expect((await cursor())?.created).toBe(events[0].created);
  });

  it('backfills instead when the cursor is older than Stripe keeps events, and counts what it changed', async () => {
    await handle.db.update(t.stripeSyncState).set({ value: { id: 'evt_gone', created: Math.floor(Date.now() / 1000) - 30 * 24 * 3600 } });
    await handle.db.delete(t.stripePaymentIntents);
    const result = await run('incremental');
    expect(result.mode).toBe('full');
    expect(result.listed).toMatchObject({ customers: 1, 'payment intents': 1, charges: 1 });
    // Only the payment intent had gone from the mirror; everything else was already there.
    expect(result.changed).toEqual({ stripe_payment_intents: 1 });
    const [newest] = (await api.events.list({ limit: 1 })).data;
    expect(await cursor()).toEqual({ id: newest.id, created: newest.created });
  });

  it('counts the rows a backfill writes, page by page', async () => {
    await buy(2345);
    const empty = await freshDatabase(kind);
    try {
      const progress: ReconcileProgress[] = [];
      const result = await reconcile({ mode: 'full', db: empty.db, stripe: api, pageSize: 1, onProgress: (p) => progress.push(p) });
      expect(result.listed).toMatchObject({ customers: 2, 'payment intents': 2, charges: 2 });
      expect(result.changed).toMatchObject({ stripe_customers: 2, stripe_payment_intents: 2, stripe_charges: 2 });
      expect(progress.filter((p) => p.step === 'customers')).toEqual([0, 1, 2].map((done) => ({ step: 'customers', done })));
    } finally {
      await empty.close();
    }
  });

  it('backfills on request even with a fresh cursor: a row lost from the mirror comes back though no event mentions it', async () => {
    await run('incremental'); // the cursor is now at Stripe's newest event
    const lost = await handle.db.delete(t.stripeCustomers).returning({ id: t.stripeCustomers.id });
    expect(lost.length).toBeGreaterThan(0);
    // Incremental: nothing happened in Stripe since the cursor, so nothing comes back.
    expect(await run('incremental')).toMatchObject({ mode: 'incremental', eventsReplayed: 0 });
    expect(await handle.db.select().from(t.stripeCustomers)).toHaveLength(0);
    const result = await run('full');
    expect(result).toMatchObject({ mode: 'full', changed: { stripe_customers: lost.length } });
    expect(await handle.db.select().from(t.stripeCustomers)).toHaveLength(lost.length);
  });

  it('catches up at boot from the saved cursor, and does nothing on a database never reconciled', async () => {
    const intent = await buy(3456);
    const caughtUp = await catchUpAtBoot({ db: handle.db, stripe: api });
    expect(caughtUp).toMatchObject({ mode: 'incremental' });
    expect(caughtUp!.eventsReplayed).toBeGreaterThan(0);
    const [mirrored] = await handle.db.select().from(t.stripePaymentIntents).where(eq(t.stripePaymentIntents.id, intent.id));
    expect(mirrored).toMatchObject({ status: 'succeeded', amount: 3456 });

    const never = await freshDatabase(kind);
    try {
      expect(await catchUpAtBoot({ db: never.db, stripe: api })).toBeNull();
      expect(await never.db.select().from(t.stripeEvents)).toHaveLength(0);
    } finally {
      await never.close();
    }
  });
});
