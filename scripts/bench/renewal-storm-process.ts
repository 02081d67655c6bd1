// Benchmark 6 — a renewal storm: `subscriptions` monthly subscriptions on one test clock, advanced a
// month at once, with Stripe made realistic (150 ms per call, 25 requests/s per key as in a
// sandbox) and the app's request budget at 20/s, while a customer clicks around (an interactive
// Stripe call every 250 ms). Measured: how long until the mirror equals Stripe, Stripe calls per
// event, how the customer's calls fared (latency, 429s they saw), and the mismatches left.
//
// Its own process (index.ts spawns it): the app's request budget is read once per process, and this
// one needs a sandbox's rate. Prints one JSON line of figures at the end (renewal-storm.ts reads it).
//
//   node --import tsx scripts/bench/renewal-storm-process.ts --subscriptions 1000 --latency-ms 150 --stripe-limit 25
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { z } from 'zod';
import { column, rows } from '@/lib/db/client';
import { stripe as appStripe, stripeBudget, stripeConfig } from '@/lib/stripe/client';
import { reconcile } from '@/lib/billing/reconcile';
import { startSweeper, stopSweeper } from '@/lib/billing/sync/scheduler';
import { compareMirror } from '../../test/chaos/scenario';
import { setAppDatabase, startBenchStack } from './stack';
import { postToRoute } from './deliveries';
import { forEachLimited, percentile, progress } from './measure';

const { values: flags } = parseArgs({
  options: {
    subscriptions: { type: 'string', default: '1000' },
    'latency-ms': { type: 'string', default: '150' },
    'stripe-limit': { type: 'string', default: '25' },
  },
});
const subscriptions = Number(flags.subscriptions);
const latencyMs = Number(flags['latency-ms']);
const stripeLimit = Number(flags['stripe-limit']);

export interface RenewalStormFigures {
  subscriptions: number;
  latencyMs: number;
  stripeLimit: number;
  appRate: number;
  events: number;
  secondsUntilEqual: number | null;
  /** The app's Stripe calls while the storm was processed (the customer's own calls not included). */
  processingCalls: number;
  callsPerEvent: number;
  rateLimitedByStripe: number;
  customerCalls: number;
  customerCallP50Ms: number;
  customerCallP99Ms: number;
  customerCallsRefused: number;
  mismatches: number;
  mismatchSamples: string[];
}

const DAY = 86_400;
const OBSERVER_KEY = 'sk_test_bench_observer';

// The app's budget comes from STRIPE_API_RATE (renewal-storm.ts sets a sandbox's 20/s).
const stack = await startBenchStack();
try {
  // The bench's own calls (arranging, polling Stripe's truth) use another key: they are not the app's budget.
  const observer = new Stripe(OBSERVER_KEY, { ...stripeConfig(stack.emulator.url), maxNetworkRetries: 0 });
  const handle = await stack.database('postgres');
  setAppDatabase(handle);
  stopSweeper();

  progress(`renewals: ${subscriptions} subscriptions on one test clock`);
  const now = Math.floor(Date.now() / 1000);
  const clock = await observer.testHelpers.testClocks.create({ frozen_time: now });
  const product = await observer.products.create({ name: 'Storm plan', metadata: { tier: 'pro' } });
  const price = await observer.prices.create({ product: product.id, currency: 'usd', unit_amount: 900, recurring: { interval: 'month' } });
  await forEachLimited(Array.from({ length: subscriptions }, (_, i) => i), 8, async (i) => {
    const customer = await observer.customers.create({
      email: `storm-${i}@example.com`,
      test_clock: clock.id,
      payment_method: 'pm_card_visa',
      invoice_settings: { default_payment_method: 'pm_card_visa' },
    });
    await observer.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
  });
  // The mirror starts equal to Stripe (a full backfill); the storm's events are the only ones delivered.
  progress('renewals: backfilling the mirror');
  await reconcile({ mode: 'full', db: handle.db, stripe: observer });
  await handle.db.execute(sql`delete from stripe_events`);

  // Deliveries: the emulator signs with its endpoint's secret; the receiver re-signs for the app's
  // and hands each to the route's POST as Next would.
  const receiver = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const response = await postToRoute(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(response.status, { 'content-type': 'application/json' }).end(await response.text());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  await observer.webhookEndpoints.create({ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/stripe/webhook`, enabled_events: ['*'] });

  await stack.control('faults', { latency_ms: latencyMs });
  await stack.control('rate_limit', { requests_per_second: stripeLimit, clear_counts: true });
  const backgroundBefore = stripeBudget().counts.background;
  startSweeper(1_000);

  // The customer: an interactive call every 250 ms, timed, until the storm has passed.
  const customerLatencies: number[] = [];
  let customerCallsRefused = 0;
  let storming = true;
  const [someCustomer] = (await observer.customers.list({ limit: 1 })).data;
  const customerLoop = (async () => {
    while (storming) {
      const started = performance.now();
      try {
        await appStripe().customers.retrieve(someCustomer!.id);
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 429) customerCallsRefused++;
        else throw error;
      }
      customerLatencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();

  progress('renewals: advancing the clock a month');
  const started = performance.now();
  await observer.testHelpers.testClocks.advance(clock.id, { frozen_time: now + 31 * DAY });

  // Equal: every subscription's renewal invoice mirrored paid, and nothing left in the inbox.
  const state = z.object({ paid: column.integer, pending: column.integer, events: column.integer });
  const look = async () =>
    (
      await rows(
        handle.db,
        sql`select
              (select count(*) from stripe_invoices where status = 'paid' and billing_reason = 'subscription_cycle') as paid,
              (select count(*) from stripe_events where status = 'pending') as pending,
              (select count(*) from stripe_events) as events`,
        state,
      )
    )[0]!;
  let secondsUntilEqual: number | null = null;
  const deadline = started + 15 * 60_000;
  for (;;) {
    const { paid, pending } = await look();
    if (paid >= subscriptions && pending === 0) {
      secondsUntilEqual = (performance.now() - started) / 1000;
      break;
    }
    if (performance.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  storming = false;
  await customerLoop;
  stopSweeper();
  const processingCalls = stripeBudget().counts.background - backgroundBefore;
  const { events } = await look();
  const limits = (await stack.control('rate_limit', {})) as { keys: { key: string; requests: number; rate_limited: number }[] };
  const app = limits.keys.find((k) => k.key !== `…${OBSERVER_KEY.slice(-4)}`) ?? { rate_limited: 0 };
  await stack.control('faults', { latency_ms: 0 });
  await stack.control('rate_limit', { requests_per_second: null });

  progress('renewals: comparing the mirror with Stripe');
  const { mismatches } = await compareMirror({ api: observer, db: handle.db });
  receiver.close();

  const figures: RenewalStormFigures = {
    subscriptions,
    latencyMs,
    stripeLimit,
    appRate: stripeBudget().ratePerSecond,
    events,
    secondsUntilEqual,
    processingCalls,
    callsPerEvent: events ? processingCalls / events : 0,
    rateLimitedByStripe: app.rate_limited,
    customerCalls: customerLatencies.length,
    customerCallP50Ms: percentile(customerLatencies, 50),
    customerCallP99Ms: percentile(customerLatencies, 99),
    customerCallsRefused,
    mismatches: mismatches.length,
    mismatchSamples: mismatches.slice(0, 5),
  };
  console.log(JSON.stringify(figures));
} finally {
  await stack.close();
}
process.exit(0);
