// The usage outbox against a Stripe that misbehaves: uses recorded in the app reach the meter
// exactly once each — none lost, none counted twice — through 429s, 500s, dropped connections and
// timeouts whose requests Stripe did carry out; and two senders running at once send nothing twice.
import { sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { column, rows } from '@/lib/db/client';
import { stripeConfig } from '@/lib/stripe/client';
import * as t from '@/lib/db/schema';
import { recordUsage } from '@/lib/billing/usage/record';
import { sendPendingUsage, type SendOptions } from '@/lib/billing/usage/sender';
import { databaseKinds, useDatabase } from '../support/databases';
import { testStripeForFile } from './emulator';

const stripe = testStripeForFile();
const EVENT = 'report_generated';
const count = z.object({ n: column.integer });

describe.each(databaseKinds)('usage outbox on %s', (kind) => {
  const handle = useDatabase(kind);
  let meter: Stripe.Billing.Meter;
  let customers: string[];

  beforeAll(async () => {
    const existing = await stripe.api.billing.meters.list({ status: 'active' });
    meter = existing.data.find((m) => m.event_name === EVENT) ?? (await stripe.api.billing.meters.create({ display_name: 'Reports', event_name: EVENT, default_aggregation: { formula: 'sum' } }));
  });

  beforeEach(async () => {
    await stripe.control('faults', { rate_limit_rate: 0, server_error_rate: 0, connection_reset_rate: 0, latency_ms: 0 });
    await handle.db.execute(sql`truncate usage_outbox, usage_batches`);
    customers = [];
    for (let i = 0; i < 4; i++) customers.push((await stripe.api.customers.create({ email: `usage-${i}@example.com` })).id);
  });

  /** A client without the SDK's own retries, so every fault reaches the sender. */
  const client = (timeout = 5_000) => new Stripe('sk_test_billing_integration', { ...stripeConfig(stripe.url), maxNetworkRetries: 0, timeout });

  async function record(uses: number): Promise<Map<string, number>> {
    const expected = new Map<string, number>();
    const records = Array.from({ length: uses }, (_, i) => {
      const customerId = customers[i % customers.length]!;
      const value = 1 + (i % 3);
      expected.set(customerId, (expected.get(customerId) ?? 0) + value);
      return { id: `use_${i}`, customerId, eventName: EVENT, value };
    });
    await handle.db.transaction(async (tx) => {
      expect(await recordUsage(tx, records)).toBe(uses);
      // Recording the same uses again (a repeated submit) adds nothing.
      expect(await recordUsage(tx, records.slice(0, 10))).toBe(0);
    });
    return expected;
  }

  async function drain(options: SendOptions): Promise<{ rounds: number }> {
    for (let rounds = 1; rounds <= 200; rounds++) {
      await sendPendingUsage({ db: handle.db, retryDelayMs: () => 0, ...options });
      const [left] = await rows(handle.db, sql`select count(*) as n from usage_batches where status <> 'sent'`, count);
      const [unbatched] = await rows(handle.db, sql`select count(*) as n from usage_outbox where batch_id is null`, count);
      if (left!.n === 0 && unbatched!.n === 0) return { rounds };
    }
    throw new Error('the outbox did not drain');
  }

  async function meterTotals(): Promise<Map<string, number>> {
    const now = Math.floor(Date.now() / 1000);
    const totals = new Map<string, number>();
    for (const customer of customers) {
      const page = await stripe.api.billing.meters.listEventSummaries(meter.id, { customer, start_time: now - 3_600, end_time: now + 3_600 });
      totals.set(customer, page.data.reduce((sum, s) => sum + s.aggregated_value, 0));
    }
    return totals;
  }

  it('batches uses per customer and minute: a few meter events carry them all', async () => {
    const expected = await record(400);
    await drain({ stripe: client() });
    expect(await meterTotals()).toEqual(expected);
    const batches = await handle.db.select().from(t.usageBatches);
    expect(batches.length).toBeLessThanOrEqual(customers.length * 2); // the uses may straddle a minute
    expect(batches.every((b) => b.status === 'sent' && b.sentAt)).toBe(true);
    expect(batches.reduce((sum, b) => sum + b.rows, 0)).toBe(400);
  });

  it('loses and duplicates nothing through 429s, 500s and dropped connections', async () => {
    const expected = await record(600);
    await stripe.control('faults', { rate_limit_rate: 0.3, server_error_rate: 0.3, connection_reset_rate: 0.2 });
    // Small claims, so the faults hit many rounds of sends.
    const { rounds } = await drain({ stripe: client(), claimBatches: 1, batchRows: 50 });
    expect(rounds).toBeGreaterThan(1); // failed sends wait for a later call
    const batches = await handle.db.select().from(t.usageBatches);
    expect(batches.some((b) => b.attempts > 1)).toBe(true);
    await stripe.control('faults', { rate_limit_rate: 0, server_error_rate: 0, connection_reset_rate: 0 });
    expect(await meterTotals()).toEqual(expected);
  });

  it('counts once a send that timed out after Stripe recorded it, and a batch two senders both sent', async () => {
    const expected = await record(200);
    // Stripe answers after the client gave up: the events are recorded, the sender sees timeouts.
    await stripe.control('faults', { latency_ms: 400 });
    const timedOut = await sendPendingUsage({ db: handle.db, stripe: client(100), retryDelayMs: () => 0 });
    expect(timedOut.sent).toBe(0);
    expect(timedOut.retrying).toBeGreaterThan(0);
    await stripe.control('faults', { latency_ms: 0 });
    // Two instances racing over the same due batches (one with a lease already lapsed) resend them.
    await Promise.all([drain({ stripe: client(), claimMs: 0 }), drain({ stripe: client(), claimMs: 0 })]);
    expect(await meterTotals()).toEqual(expected);
  });
});
