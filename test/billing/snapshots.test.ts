// Snapshot-first processing against the emulator, on PGlite and PostgreSQL: an event's snapshot is
// applied without any Stripe call when provably newer than the mirror; undecidable cases (same
// second, different content) are re-fetched; and every pending event about one object costs at
// most one fetch. Stripe calls are counted by the emulator (its per-key request counts).
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import * as t from '@/lib/db/schema';
import { storeEvent } from '@/lib/billing/sync/inbox';
import { processPendingEvents } from '@/lib/billing/sync/processor';
import { databaseKinds, useDatabase } from '../support/databases';
import { testStripeForFile } from './emulator';
import { eventFor } from './support';

const stripe = testStripeForFile();

/** Stripe API requests made while `work` runs (nothing else calls the emulator meanwhile). */
async function callsDuring(work: () => Promise<unknown>): Promise<number> {
  await stripe.control('rate_limit', { clear_counts: true });
  await work();
  return ((await stripe.control('rate_limit', {})) as { requests: number }).requests;
}

describe.each(databaseKinds)('snapshot-first processing on %s', (kind) => {
  const handle = useDatabase(kind);

  const mirrored = async (id: string) => (await handle.db.select().from(t.stripeCustomers).where(eq(t.stripeCustomers.id, id)))[0];
  /** A customer.updated event carrying `customer` with `changes`, dated `created`. */
  const updated = (customer: Stripe.Customer, changes: Partial<Stripe.Customer>, created: number) =>
    eventFor('customer.updated', { ...customer, ...changes }, { created });
  const process = async (...events: Stripe.Event[]) => {
    for (const event of events) await storeEvent(handle.db, event);
    return callsDuring(() => processPendingEvents({ db: handle.db }));
  };
  const base = () => Math.floor(Date.now() / 1000) - 100;

  it('applies a provably newer snapshot without calling Stripe, and ignores older ones', async () => {
    const customer = await stripe.api.customers.create({ name: 'v0' });
    const at = base();
    expect(await process(updated(customer, { name: 'v1' }, at))).toBe(0);
    expect(await mirrored(customer.id)).toMatchObject({ name: 'v1', asOfLow: at, asOfHigh: at });
    expect(await process(updated(customer, { name: 'v3' }, at + 3))).toBe(0);
    // An older snapshot arriving late changes nothing and costs nothing.
    expect(await process(updated(customer, { name: 'v2' }, at + 2))).toBe(0);
    expect(await mirrored(customer.id)).toMatchObject({ name: 'v3', asOfLow: at + 3, asOfHigh: at + 3 });
  });

  it('coalesces: N events about one object in a batch cost no call when their order is clear', async () => {
    const customer = await stripe.api.customers.create({ name: 'start' });
    const at = base();
    const events = Array.from({ length: 8 }, (_, i) => updated(customer, { name: `step ${i}` }, at + i));
    expect(await process(...[...events].reverse())).toBe(0);
    expect((await mirrored(customer.id)).name).toBe('step 7');
  });

  it('coalesces: N events about one object in the same second cost one fetch, and the mirror ends as Stripe', async () => {
    const customer = await stripe.api.customers.create({ name: 'start' });
    const at = base();
    for (let i = 0; i < 5; i++) await stripe.api.customers.update(customer.id, { name: `real ${i}` });
    const events = Array.from({ length: 5 }, (_, i) => updated(customer, { name: `real ${i}` }, at));
    expect(await process(...events)).toBe(1);
    expect(await mirrored(customer.id)).toMatchObject({ name: 'real 4' });
  });

  it('same second, the mirror holds the stale snapshot and the fresh one arrives: re-fetched, ends fresh', async () => {
    const customer = await stripe.api.customers.create({ name: 'stale' });
    const at = base();
    expect(await process(updated(customer, { name: 'stale' }, at))).toBe(0);
    const fresh = await stripe.api.customers.update(customer.id, { name: 'fresh' });
    expect(await process(updated(fresh, {}, at))).toBe(1);
    expect(await mirrored(customer.id)).toMatchObject({ name: 'fresh' });
  });

  it('same second, the mirror holds the fresh snapshot and the stale one arrives late: re-fetched, stays fresh', async () => {
    const customer = await stripe.api.customers.create({ name: 'stale' });
    const fresh = await stripe.api.customers.update(customer.id, { name: 'fresh' });
    const at = base();
    expect(await process(updated(fresh, {}, at))).toBe(0);
    expect(await process(updated(customer, { name: 'stale' }, at))).toBe(1);
    expect(await mirrored(customer.id)).toMatchObject({ name: 'fresh' });
    // The same snapshot again in that second is decidable now: equal content, nothing to do.
    expect(await process(updated(fresh, {}, at))).toBe(0);
  });

  it('a parent settled in the same batch is waited for, not fetched; a slow fetch holds up only what depends on it', async () => {
    const buyer = await stripe.api.customers.create({ name: 'buyer' });
    const payment = await stripe.api.paymentIntents.create({ amount: 1_000, currency: 'usd', customer: buyer.id });
    const at = base();
    // The customer and its payment, new to the mirror, in one batch: the payment finds its customer mirrored.
    expect(await process(eventFor('payment_intent.created', payment, { created: at }), eventFor('customer.created', buyer, { created: at }))).toBe(0);
    const [paymentRow] = await handle.db.select().from(t.stripePaymentIntents).where(eq(t.stripePaymentIntents.id, payment.id));
    expect(paymentRow).toMatchObject({ customerId: buyer.id });

    // An unrelated customer whose two same-second snapshots differ must be fetched, slowly; the
    // buyer's next payment does not wait for that fetch.
    const other = await stripe.api.customers.create({ name: 'other' });
    const second = await stripe.api.paymentIntents.create({ amount: 2_000, currency: 'usd', customer: buyer.id });
    for (const event of [updated(other, { name: 'a' }, at + 1), updated(other, { name: 'b' }, at + 1), eventFor('payment_intent.created', second, { created: at + 1 })]) {
      await storeEvent(handle.db, event);
    }
    await stripe.control('faults', { latency_ms: 5_000 });
    try {
      const processing = processPendingEvents({ db: handle.db });
      await expect
        .poll(async () => (await handle.db.select().from(t.stripePaymentIntents).where(eq(t.stripePaymentIntents.id, second.id))).length, { timeout: 4_500, interval: 50 })
        .toBe(1);
      expect((await mirrored(other.id))?.name ?? null).not.toBe('other'); // the slow fetch has not landed yet
      await processing;
      expect(await mirrored(other.id)).toMatchObject({ name: 'other' });
    } finally {
      await stripe.control('faults', { latency_ms: 0 });
    }
  });

  it('fetches when the snapshot lacks what the mirror needs (a truncated list of subscription items)', async () => {
    const customer = await stripe.api.customers.create({ name: 'items' });
    const product = await stripe.api.products.create({ name: 'Seats' });
    const price = await stripe.api.prices.create({ product: product.id, currency: 'usd', unit_amount: 100, recurring: { interval: 'month' } });
    const method = await stripe.api.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const subscription = await stripe.api.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], default_payment_method: method.id });
    const truncated = { ...subscription, items: { ...subscription.items, has_more: true } };
    const calls = await process(eventFor('customer.subscription.updated', truncated, { created: base() }));
    expect(calls).toBeGreaterThanOrEqual(1);
    const [row] = await handle.db.select().from(t.stripeSubscriptions).where(eq(t.stripeSubscriptions.id, subscription.id));
    expect(row).toMatchObject({ status: 'active' });
  });
});
