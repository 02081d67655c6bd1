// Benchmark 1 — billing history: our mirror query against the naive live approach, with the
// emulator adding a per-call latency that models real Stripe round trips.
//
// Data: one customer per size (10, 100, 1,000 payments), each payment paying one invoice with two
// product lines, made through the emulator's API (invoice item + invoice + finalize + pay), then
// mirrored by a full reconciliation. Latency is switched on only after that.
//
// Mirror page: `billingHistory({ customerId, limit: 20 })` — one SQL query, zero Stripe calls.
// Naive page: what an app without a mirror has to do for the same 20 rows — list the customer's
// PaymentIntents (1 call), then `invoicePayments.list` per payment (20 calls, in parallel), then
// retrieve each invoice with its lines (≤ 20 calls, in parallel), then the products named on those
// lines (in parallel, each product once per page). Issuing each stage's calls in parallel is the
// naive approach's best case; done one by one it would take ~N × latency instead.
import Stripe from 'stripe';
import { billingHistory } from '@/lib/billing/history';
import { reconcile } from '@/lib/billing/reconcile';
import { stripe as appStripe } from '@/lib/stripe/client';
import type { DatabaseHandle } from '@/lib/db/client';
import { countingRequests, type BenchStack } from './stack';
import { count, forEachLimited, ms, percentile, progress, ratio, table, timeRuns } from './measure';

export interface HistoryOptions {
  sizes: number[];
  latencyMs: number;
  runs: number;
  pageSize: number;
  /** Sizes up to this many payments also get a whole-history comparison (every payment, every invoice). */
  wholeHistoryUpTo: number;
}

export interface HistoryRow {
  database: string;
  payments: number;
  mirrorP50: number;
  mirrorP95: number;
  mirrorStripeCalls: number;
  naiveP50: number;
  naiveStripeCalls: number;
  ratio: number;
}

export interface WholeHistoryRow {
  database: string;
  payments: number;
  mirrorMs: number;
  mirrorPages: number;
  naiveMs: number;
  naiveStripeCalls: number;
  ratio: number;
}

export interface HistoryResult {
  options: HistoryOptions;
  seedSeconds: number;
  mirrorSeconds: Record<string, number>;
  pages: HistoryRow[];
  whole: WholeHistoryRow[];
  markdown: string;
}

async function seedCustomer(api: Stripe, payments: number, prices: Stripe.Price[]): Promise<string> {
  const customer = await api.customers.create({ email: `history-${payments}@bench.example`, name: `History ${payments}` });
  const method = await api.paymentMethods.attach('pm_card_visa', { customer: customer.id });
  await api.customers.update(customer.id, { invoice_settings: { default_payment_method: method.id } });
  await forEachLimited(Array.from({ length: payments }, (_, i) => i), 8, async (i) => {
    const invoice = await api.invoices.create({ customer: customer.id, auto_advance: false });
    await api.invoiceItems.create({ customer: customer.id, invoice: invoice.id, pricing: { price: prices[i % 2]!.id }, quantity: 1 });
    await api.invoiceItems.create({ customer: customer.id, invoice: invoice.id, pricing: { price: prices[2]!.id }, quantity: 1 + (i % 5) });
    await api.invoices.finalizeInvoice(invoice.id);
    await api.invoices.pay(invoice.id);
  });
  return customer.id;
}

/** The live approach for one page: the customer's PaymentIntents, their invoice payments, invoices with lines, products. */
async function naivePage(api: Stripe, customerId: string, limit: number, startingAfter?: string) {
  const intents = await api.paymentIntents.list({ customer: customerId, limit, ...(startingAfter ? { starting_after: startingAfter } : {}) });
  const invoicePayments = await Promise.all(
    intents.data.map((pi) => api.invoicePayments.list({ payment: { type: 'payment_intent', payment_intent: pi.id } })),
  );
  const invoiceIds = [...new Set(invoicePayments.flatMap((list) => list.data.map((ip) => (typeof ip.invoice === 'string' ? ip.invoice : ip.invoice.id))))];
  const invoices = await Promise.all(invoiceIds.map((id) => api.invoices.retrieve(id)));
  const productIds = new Set<string>();
  for (const invoice of invoices) {
    for (const line of invoice.lines.data) {
      const product = line.pricing?.price_details?.product;
      if (product) productIds.add(product);
    }
  }
  const products = await Promise.all([...productIds].map((id) => api.products.retrieve(id)));
  return { intents, invoices, products };
}

async function naiveWholeHistory(api: Stripe, customerId: string): Promise<number> {
  let startingAfter: string | undefined;
  let seen = 0;
  for (;;) {
    const page = await naivePage(api, customerId, 100, startingAfter);
    seen += page.intents.data.length;
    if (!page.intents.has_more) return seen;
    startingAfter = page.intents.data.at(-1)!.id;
  }
}

async function mirrorWholeHistory(handle: DatabaseHandle, customerId: string): Promise<number> {
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: Awaited<ReturnType<typeof billingHistory>> = await billingHistory({ db: handle.db, customerId, limit: 100, cursor });
    cursor = page.nextCursor;
    pages++;
  } while (cursor);
  return pages;
}

export async function runHistoryBenchmark(stack: BenchStack, options: HistoryOptions): Promise<HistoryResult> {
  const { api } = stack;
  await stack.control('reset');
  await stack.control('faults', { latency_ms: 0 });

  progress(`history: seeding ${options.sizes.join(' + ')} paid invoices through the emulator`);
  const seedStarted = performance.now();
  const products = await Promise.all(['Pro plan', 'Team plan', 'Extra seats'].map((name) => api.products.create({ name })));
  const prices = await Promise.all(
    products.map((product, i) => api.prices.create({ product: product.id, currency: 'usd', unit_amount: [2900, 9900, 500][i]! })),
  );
  const customers = new Map<number, string>();
  for (const size of options.sizes) customers.set(size, await seedCustomer(api, size, prices));
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const databases: { name: string; handle: DatabaseHandle }[] = [];
  const mirrorSeconds: Record<string, number> = {};
  for (const kind of ['postgres', 'pglite'] as const) {
    progress(`history: mirroring into ${kind} with a full reconciliation`);
    const handle = await stack.database(kind);
    const started = performance.now();
    await reconcile({ mode: 'full', db: handle.db, stripe: api });
    mirrorSeconds[kind] = (performance.now() - started) / 1000;
    databases.push({ name: kind === 'postgres' ? 'PostgreSQL 15' : 'PGlite', handle });
  }

  await stack.control('faults', { latency_ms: options.latencyMs });
  const pages: HistoryRow[] = [];
  const whole: WholeHistoryRow[] = [];
  try {
    for (const size of options.sizes) {
      const customerId = customers.get(size)!;
      progress(`history: ${size} payments, naive page of ${options.pageSize} at ${options.latencyMs} ms per call`);
      const naiveCalls = (await countingRequests(api, () => naivePage(api, customerId, options.pageSize))).requests;
      const naiveSamples = await timeRuns(() => naivePage(api, customerId, options.pageSize), { runs: options.runs, warmup: 0 });
      for (const { name, handle } of databases) {
        const mirrorCalls = (await countingRequests(appStripe(), () => billingHistory({ db: handle.db, customerId, limit: options.pageSize })))
          .requests;
        const mirrorSamples = await timeRuns(() => billingHistory({ db: handle.db, customerId, limit: options.pageSize }), {
          runs: Math.max(options.runs * 4, 20),
          warmup: 3,
        });
        const page = await billingHistory({ db: handle.db, customerId, limit: options.pageSize });
        if (page.payments.length !== Math.min(size, options.pageSize) || page.payments.some((p) => p.invoices.length !== 1)) {
          throw new Error(`history benchmark: the mirror page for ${size} payments is not what was seeded`);
        }
        pages.push({
          database: name,
          payments: size,
          mirrorP50: percentile(mirrorSamples, 50),
          mirrorP95: percentile(mirrorSamples, 95),
          mirrorStripeCalls: mirrorCalls,
          naiveP50: percentile(naiveSamples, 50),
          naiveStripeCalls: naiveCalls,
          ratio: percentile(naiveSamples, 50) / percentile(mirrorSamples, 50),
        });
      }
      if (size <= options.wholeHistoryUpTo) {
        progress(`history: ${size} payments, whole history both ways`);
        const naiveStarted = performance.now();
        const { value: seen, requests } = await countingRequests(api, () => naiveWholeHistory(api, customerId));
        const naiveMs = performance.now() - naiveStarted;
        if (seen !== size) throw new Error(`history benchmark: the naive walk saw ${seen} of ${size} payments`);
        for (const { name, handle } of databases) {
          await mirrorWholeHistory(handle, customerId);
          const started = performance.now();
          const mirrorPages = await mirrorWholeHistory(handle, customerId);
          const mirrorMs = performance.now() - started;
          whole.push({ database: name, payments: size, mirrorMs, mirrorPages, naiveMs, naiveStripeCalls: requests, ratio: naiveMs / mirrorMs });
        }
      }
    }
  } finally {
    await stack.control('faults', { latency_ms: 0 });
    for (const { handle } of databases) await handle.close();
  }

  const markdown = [
    `Emulator latency: **${options.latencyMs} ms added to every Stripe API call** (the naive side's cost is round trips; the mirror side makes none).`,
    `Seeded ${options.sizes.map(count).join(' + ')} paid invoices (two product lines each) through the emulator in ${seedSeconds.toFixed(0)} s, ` +
      `mirrored with \`reconcile({ mode: 'full' })\` in ${Object.entries(mirrorSeconds).map(([k, s]) => `${s.toFixed(1)} s (${k})`).join(', ')}.`,
    '',
    `**First page of ${options.pageSize}** (p50 of ${options.runs} naive runs; mirror p50/p95 of ${Math.max(options.runs * 4, 20)} runs):`,
    '',
    table(
      ['Database', 'Payments', 'Mirror p50', 'Mirror p95', 'Mirror Stripe calls', 'Naive p50', 'Naive Stripe calls', 'Naive ÷ mirror'],
      pages.map((r) => [r.database, count(r.payments), ms(r.mirrorP50), ms(r.mirrorP95), r.mirrorStripeCalls, ms(r.naiveP50), r.naiveStripeCalls, `**${ratio(r.ratio)}**`]),
    ),
    '',
    whole.length
      ? [
          `**Whole history** (every payment; mirror in keyset pages of 100, naive in PaymentIntent pages of 100 with the same fan-out), one run each:`,
          '',
          table(
            ['Database', 'Payments', 'Mirror', 'Mirror pages (= SQL queries)', 'Naive', 'Naive Stripe calls', 'Naive ÷ mirror'],
            whole.map((r) => [r.database, count(r.payments), ms(r.mirrorMs), r.mirrorPages, ms(r.naiveMs), count(r.naiveStripeCalls), `**${ratio(r.ratio)}**`]),
          ),
          '',
          `The whole-history naive walk was not run for more than ${count(options.wholeHistoryUpTo)} payments (it would take ` +
            `about payments × 2 + pages × 2 calls); the first-page figures above are what was measured for the larger sizes.`,
        ].join('\n')
      : '',
  ].join('\n');
  return { options, seedSeconds, mirrorSeconds, pages, whole, markdown };
}
