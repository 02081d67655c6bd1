// The chaos scenario, shared by the bounded test (test/chaos/chaos.test.ts) and the large run in
// the benchmarks (scripts/bench/chaos.ts).
//
// Through the emulator: customers with subscriptions (some with trials), renewals over six months
// of advanced clock, failed renewals (card 0341) and their recoveries, plan switches, cancellations,
// one-time purchases by PaymentIntent and by Checkout, partial and full refunds, disputes (card
// 0259, some won, some lost). Deliveries: 30% duplicated, shuffled, delayed, 5% receiver errors,
// and the receiver process SIGKILLed once mid-stream and restarted. Then the deliveries are
// retried to the end, the inbox drained, `npm run stripe:sync` run, and every mirrored object
// compared with the emulator's, and the revenue totals with sums computed from Stripe's lists.
import { spawn, type ChildProcess } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import { sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Database } from '@/lib/db/client';
import { column, rows } from '@/lib/db/client';
import { z } from 'zod';
import * as t from '@/lib/db/schema';
import { processPendingEvents } from '@/lib/billing/sync/processor';
import { revenueReport } from '@/lib/billing/admin/revenue';
import { callEmulatorControl } from '../../scripts/lib/emulator-control';

export interface ChaosEnvironment {
  emulatorUrl: string;
  /** A client for the scenario's own calls and for reading Stripe's truth. */
  api: Stripe;
  secretKey: string;
  /** PostgreSQL database the receiver and stripe:sync write to (empty, migrated). */
  databaseUrl: string;
  db: Database;
  /** A free port for the receiver (kept across its restart: the webhook endpoint's URL). */
  receiverPort: number;
}

export interface ChaosOptions {
  customers: number;
  months: number;
  duplicateRate: number;
  receiverErrorRate: number;
  log?: (message: string) => void;
}

export interface ChaosReport {
  customers: number;
  months: number;
  events: number;
  eventTypes: number;
  deliveryAttempts: number;
  duplicateDeliveries: number;
  failedAttempts: number;
  receiverErrors: number;
  connectionFailures: number;
  deliveriesGivenUp: number;
  restarts: number;
  killedWithDeliveriesPending: number;
  claimsLeftByKilledReceiver: number;
  inbox: Record<string, number>;
  mismatchesBeforeSync: string[];
  mismatchesAfterSync: string[];
  compared: Record<string, number>;
  revenue: { stripe: Totals; mirror: Totals };
  syncSummary: string;
  seconds: number;
}

export interface Totals {
  gross: number;
  refunds: number;
  net: number;
  activeSubscriptions: number;
  trialingSubscriptions: number;
}

const DAY = 86_400;
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

/** The receiver child process (test/chaos/receiver.ts). */
class Receiver {
  private child: ChildProcess | null = null;
  constructor(private readonly env: Record<string, string>) {}

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/chaos/receiver.ts'], {
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stderr!.setEncoding('utf8').on('data', () => {}); // retries and processing errors are expected here
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('chaos receiver did not start within 60 s')), 60_000);
      child.once('exit', (code) => reject(new Error(`chaos receiver exited early (${code})`)));
      child.stdout!.setEncoding('utf8').on('data', (text: string) => {
        if (text.includes('listening')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }

  /** SIGKILL: no shutdown hooks, open transactions cut, claims left behind. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
    this.child = null;
  }
}

function control(env: ChaosEnvironment, path: string, body?: unknown, method: 'GET' | 'POST' = 'POST'): Promise<any> {
  return callEmulatorControl<any>(env.emulatorUrl, path, body, method);
}

/** `npm run stripe:sync` as its own process against the chaos database. */
function stripeSync(env: ChaosEnvironment, webhookSecret: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/stripe-sync.ts'], {
      env: { ...process.env, DATABASE_URL: env.databaseUrl, STRIPE_SECRET_KEY: env.secretKey, STRIPE_API_BASE: env.emulatorUrl, STRIPE_WEBHOOK_SECRET: webhookSecret },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (s: string) => (output += s));
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (output += s));
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`stripe:sync failed (${code}):\n${output}`))));
  });
}

async function listAll<T>(list: Stripe.ApiListPromise<T>): Promise<T[]> {
  const all: T[] = [];
  await list.autoPagingEach((item) => {
    all.push(item);
  });
  return all;
}

/** Where two JSON values first differ ("a.b[2]: mirror 1, Stripe 2"), or null when equal. */
function firstDifference(mirror: unknown, truth: unknown, path = ''): string | null {
  // Key order is not data (PostgreSQL's jsonb stores keys in its own order).
  if (isDeepStrictEqual(mirror, truth)) return null;
  if (mirror && truth && typeof mirror === 'object' && typeof truth === 'object') {
    const keys = new Set([...Object.keys(mirror), ...Object.keys(truth)]);
    for (const key of keys) {
      const found = firstDifference((mirror as Record<string, unknown>)[key], (truth as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return `${path || '(root)'}: mirror ${JSON.stringify(mirror)?.slice(0, 80)}, Stripe ${JSON.stringify(truth)?.slice(0, 80)}`;
}

/** Every mirrored object against the emulator's current object, and every emulator object present in the mirror. */
export async function compareMirror(env: Pick<ChaosEnvironment, 'api' | 'db'>): Promise<{ mismatches: string[]; compared: Record<string, number> }> {
  const { api, db } = env;
  const mismatches: string[] = [];
  const compared: Record<string, number> = {};
  const check = async <L extends { id?: string }>(
    kind: string,
    live: L[],
    mirrored: { id: string; raw: unknown }[],
    fetch: (id: string) => Promise<unknown>,
    shape: (raw: unknown) => unknown = (raw) => raw,
  ) => {
    const byId = new Map(mirrored.map((row) => [row.id, row]));
    for (const object of live) if (object.id && !byId.has(object.id)) mismatches.push(`${kind} ${object.id}: in Stripe, not mirrored`);
    for (const row of mirrored) {
      const truth = plain(await fetch(row.id));
      const difference = firstDifference(shape(row.raw), truth);
      if (difference) mismatches.push(`${kind} ${row.id}: ${difference}`);
    }
    compared[kind] = mirrored.length;
  };
  await check('customer', await listAll(api.customers.list({ limit: 100 })), await db.select().from(t.stripeCustomers), (id) => api.customers.retrieve(id));
  await check(
    'subscription',
    await listAll(api.subscriptions.list({ limit: 100, status: 'all' })),
    await db.select().from(t.stripeSubscriptions),
    (id) => api.subscriptions.retrieve(id),
  );
  await check('invoice', await listAll(api.invoices.list({ limit: 100 })), await db.select().from(t.stripeInvoices), (id) =>
    api.invoices.retrieve(id),
  );
  await check('payment intent', await listAll(api.paymentIntents.list({ limit: 100 })), await db.select().from(t.stripePaymentIntents), (id) =>
    api.paymentIntents.retrieve(id),
  );
  await check('charge', await listAll(api.charges.list({ limit: 100 })), await db.select().from(t.stripeCharges), (id) => api.charges.retrieve(id));
  await check('invoice payment', await listAll(api.invoicePayments.list({ limit: 100 })), await db.select().from(t.stripeInvoicePayments), (id) =>
    api.invoicePayments.retrieve(id),
  );
  await check('refund', await listAll(api.refunds.list({ limit: 100 })), await db.select().from(t.stripeRefunds), (id) => api.refunds.retrieve(id));
  await check('dispute', await listAll(api.disputes.list({ limit: 100 })), await db.select().from(t.stripeDisputes), (id) => api.disputes.retrieve(id));
  // Checkout sessions and their line items: compared on the columns the app reads.
  const sessions = await listAll(api.checkout.sessions.list({ limit: 100 }));
  const mirroredSessions = await db.select().from(t.stripeCheckoutSessions);
  const sessionById = new Map(mirroredSessions.map((s) => [s.id, s]));
  for (const session of sessions) {
    const row = sessionById.get(session.id);
    if (!row) mismatches.push(`checkout session ${session.id}: in Stripe, not mirrored`);
    else if (row.status !== session.status || row.paymentStatus !== session.payment_status) mismatches.push(`checkout session ${session.id}: status differs`);
  }
  compared['checkout session'] = mirroredSessions.length;
  return { mismatches, compared };
}

async function stripeTotals(api: Stripe): Promise<Totals> {
  const intents = await listAll(api.paymentIntents.list({ limit: 100 }));
  const refunds = await listAll(api.refunds.list({ limit: 100 }));
  const subscriptions = await listAll(api.subscriptions.list({ limit: 100, status: 'all' }));
  const gross = intents.filter((pi) => pi.status === 'succeeded').reduce((sum, pi) => sum + pi.amount_received, 0);
  const refunded = refunds.filter((r) => r.status !== 'failed' && r.status !== 'canceled').reduce((sum, r) => sum + r.amount, 0);
  return {
    gross,
    refunds: refunded,
    net: gross - refunded,
    activeSubscriptions: subscriptions.filter((s) => s.status === 'active' || s.status === 'past_due').length,
    trialingSubscriptions: subscriptions.filter((s) => s.status === 'trialing').length,
  };
}

async function mirrorTotals(env: ChaosEnvironment, from: Date, to: Date): Promise<Totals> {
  const report = await revenueReport(
    { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10), granularity: 'month' },
    { db: env.db },
  );
  const usd = report.revenue.find((r) => r.currency === 'usd');
  return {
    gross: usd?.gross ?? 0,
    refunds: usd?.refunds ?? 0,
    net: usd?.net ?? 0,
    activeSubscriptions: report.activeSubscriptions,
    trialingSubscriptions: report.trialingSubscriptions,
  };
}

export async function runChaosScenario(env: ChaosEnvironment, options: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  const log = (message: string) => options.log?.(`${((Date.now() - started) / 1000).toFixed(1)} s: ${message}`);
  const { api } = env;

  // — the receiver, its endpoint and the chaos switches —
  const endpoint = await api.webhookEndpoints.create({ url: `http://127.0.0.1:${env.receiverPort}/api/stripe/webhook`, enabled_events: ['*'] });
  const webhookSecret = endpoint.secret!;
  const receiver = new Receiver({
    PORT: String(env.receiverPort),
    DATABASE_URL: env.databaseUrl,
    STRIPE_SECRET_KEY: env.secretKey,
    STRIPE_API_BASE: env.emulatorUrl,
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    RECEIVER_ERROR_RATE: String(options.receiverErrorRate),
  });
  await receiver.start();
  await control(env, 'webhooks/config', {
    duplicate_rate: options.duplicateRate,
    shuffle: true,
    max_delay_ms: 100,
    retry_schedule_ms: [200, 500, 1000, 2000, 4000, 8000, 8000, 8000],
  });
  await control(env, 'billing/dunning', { retry_delays_days: [3, 5, 7], after_final_failure: 'past_due' });
  const startClock = (await control(env, 'clock', undefined, 'GET')).now as number;

  try {
    // — catalog, then the baseline reconciliation (sets the events cursor) —
    const product = (name: string) => api.products.create({ name });
    const [starter, pro, team, addon] = await Promise.all([product('Starter'), product('Pro'), product('Team'), product('Report pack')]);
    const monthly = (p: Stripe.Product, amount: number) => api.prices.create({ product: p.id, currency: 'usd', unit_amount: amount, recurring: { interval: 'month' } });
    const plans = await Promise.all([monthly(starter!, 900), monthly(pro!, 2900), monthly(team!, 9900)]);
    const addonPrice = await api.prices.create({ product: addon!.id, currency: 'usd', unit_amount: 4900 });
    await stripeSync(env, webhookSecret);
    log('catalog made, baseline stripe:sync done');

    // — customers: subscriptions (trials, failing cards), one-time purchases both ways, refunds, disputes —
    const failing: { customer: string; subscription: string }[] = [];
    const subscriptions: Stripe.Subscription[] = [];
    const disputed: string[] = [];
    for (let i = 0; i < options.customers; i++) {
      const customer = await api.customers.create({ email: `chaos${i}@example.com`, name: `Chaos ${i}` });
      const failingCard = i % 5 === 4;
      const card = await api.paymentMethods.attach(failingCard ? 'pm_card_chargeCustomerFail' : 'pm_card_visa', { customer: customer.id });
      await api.customers.update(customer.id, { invoice_settings: { default_payment_method: card.id } });
      const trial = i % 3 === 0 || failingCard;
      const subscription = await api.subscriptions.create({
        customer: customer.id,
        items: [{ price: plans[i % 3]!.id }],
        default_payment_method: card.id,
        ...(trial ? { trial_period_days: 14 } : {}),
      });
      subscriptions.push(subscription);
      if (failingCard) failing.push({ customer: customer.id, subscription: subscription.id });
      if (i % 2 === 0 && !failingCard) {
        const intent = await api.paymentIntents.create({
          amount: 1500 + i,
          currency: 'usd',
          customer: customer.id,
          payment_method: i % 10 === 2 ? 'pm_card_createDispute' : 'pm_card_visa',
          confirm: true,
          automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
        });
        if (i % 10 === 2) disputed.push(intent.id);
        else if (i % 4 === 0) await api.refunds.create({ payment_intent: intent.id, amount: 500 });
        else await api.refunds.create({ payment_intent: intent.id });
      }
      if (i % 4 === 1) {
        const session = await api.checkout.sessions.create({
          mode: 'payment',
          customer: customer.id,
          line_items: [{ price: addonPrice.id, quantity: 1 + (i % 3) }],
          invoice_creation: { enabled: true },
          success_url: 'http://localhost/checkout/success?session_id={CHECKOUT_SESSION_ID}',
        });
        await control(env, `checkout/sessions/${session.id}/complete`, { payment_method: 'pm_card_visa' });
      }
      if (i % 9 === 5) await api.paymentIntents.create({ amount: 777, currency: 'usd', customer: customer.id, payment_method: 'pm_card_chargeDeclined', confirm: true, automatic_payment_methods: { enabled: true, allow_redirects: 'never' } }).catch(() => null);
    }
    log(`${options.customers} customers made`);

    // — six months: renewals, failed renewals and recoveries, plan switches, cancellations, dispute outcomes —
    let killedWithDeliveriesPending = -1;
    for (let month = 1; month <= options.months; month++) {
      await control(env, 'clock/advance', { seconds: 31 * DAY });
      if (month === 1) {
        // Recover half the failed renewals: a working card, then pay what is open.
        for (const { customer, subscription } of failing.filter((_, k) => k % 2 === 0)) {
          const card = await api.paymentMethods.attach('pm_card_visa', { customer });
          await api.customers.update(customer, { invoice_settings: { default_payment_method: card.id } });
          await api.subscriptions.update(subscription, { default_payment_method: card.id });
          for (const invoice of await listAll(api.invoices.list({ customer, status: 'open', limit: 100 }))) await api.invoices.pay(invoice.id!, { payment_method: card.id });
        }
      }
      if (month === 2) {
        for (const [k, subscription] of subscriptions.entries()) {
          if (k % 7 !== 0 || failing.some((f) => f.subscription === subscription.id)) continue;
          const current = await api.subscriptions.retrieve(subscription.id);
          if (current.status !== 'active' && current.status !== 'trialing') continue;
          await api.subscriptions.update(subscription.id, { items: [{ id: current.items.data[0]!.id, price: plans[(k + 1) % 3]!.id }], proration_behavior: 'create_prorations' });
        }
        for (const [k, subscription] of subscriptions.entries()) if (k % 11 === 3) await api.subscriptions.update(subscription.id, { cancel_at_period_end: true });
        for (const [k, intent] of disputed.entries()) {
          const [dispute] = (await api.disputes.list({ payment_intent: intent, limit: 1 })).data;
          if (dispute) await control(env, `disputes/${dispute.id}/close`, { outcome: k % 2 === 0 ? 'won' : 'lost' });
        }
      }
      if (month === 3) {
        // Mid-stream: deliveries of the advance are queued and in flight. Kill the receiver, restart it.
        killedWithDeliveriesPending = (await control(env, 'webhooks/deliveries', undefined, 'GET')).pending as number;
        await receiver.kill('SIGKILL');
        log(`receiver killed with ${killedWithDeliveriesPending} deliveries pending`);
        await receiver.start();
        log('receiver restarted');
      }
      log(`month ${month} done`);
    }
    const endClock = (await control(env, 'clock', undefined, 'GET')).now as number;

    // — retries to the end —
    for (let round = 0; round < 60; round++) {
      const { pending } = await control(env, 'webhooks/flush');
      if (pending === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const deliveries = (await control(env, 'webhooks/deliveries', undefined, 'GET')) as { data: { ok: boolean; duplicate: boolean; status: number | null; error: string | null; will_retry: boolean }[]; pending: number };
    log(`deliveries done: ${deliveries.data.length} attempts`);

    // — the inbox: the killed receiver's claims expire (within 10 s in production; now here), the rest drains —
    const deadClaims = await rows(
      env.db,
      sql`update stripe_events set locked_until = now() where status = 'pending' and locked_until > now() and locked_until < now() + interval '110 seconds' returning 1 as n`,
      z.object({ n: column.integer }),
    );
    const deadline = Date.now() + 120_000;
    for (;;) {
      await processPendingEvents({ db: env.db, stripe: api });
      const [{ n }] = await rows(env.db, sql`select count(*) as n from stripe_events where status = 'pending'`, z.object({ n: column.integer }));
      if (n === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const inbox = Object.fromEntries(
      (await rows(env.db, sql`select status, count(*) as n from stripe_events group by status`, z.object({ status: column.text, n: column.integer }))).map((r) => [r.status, r.n]),
    );
    const before = await compareMirror(env);
    log(`before stripe:sync: ${before.mismatches.length} mismatches`);

    // — npm run stripe:sync (incremental: replays /v1/events since the baseline) —
    const syncSummary = (await stripeSync(env, webhookSecret)).trim();
    const after = await compareMirror(env);
    log(`after stripe:sync: ${after.mismatches.length} mismatches`);

    const events = await listAll(api.events.list({ limit: 100, created: { gte: startClock } }));
    const eventTypes = new Set(events.map((e) => e.type));
    const revenue = {
      stripe: await stripeTotals(api),
      mirror: await mirrorTotals(env, new Date((startClock - DAY) * 1000), new Date((endClock + DAY) * 1000)),
    };
    const attempts = deliveries.data;
    return {
      customers: options.customers,
      months: options.months,
      events: events.length,
      eventTypes: eventTypes.size,
      deliveryAttempts: attempts.length,
      duplicateDeliveries: attempts.filter((d) => d.duplicate).length,
      failedAttempts: attempts.filter((d) => !d.ok).length,
      receiverErrors: attempts.filter((d) => d.status === 500).length,
      connectionFailures: attempts.filter((d) => d.status === null).length,
      deliveriesGivenUp: attempts.filter((d) => !d.ok && !d.will_retry).length,
      restarts: 1,
      killedWithDeliveriesPending,
      claimsLeftByKilledReceiver: deadClaims.length,
      inbox,
      mismatchesBeforeSync: before.mismatches,
      mismatchesAfterSync: after.mismatches,
      compared: after.compared,
      revenue,
      syncSummary,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await receiver.kill('SIGTERM');
    await api.webhookEndpoints.update(endpoint.id, { disabled: true });
  }
}
