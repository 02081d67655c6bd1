// Benchmark 3 — the admin payments page on a large ledger (default 100,000 payments).
//
// The ledger is generated in SQL (generate_series) straight into the mirror tables: 2,000
// customers, five products, every payment paying one invoice with two lines through an invoice
// payment, 5% failed, 3% partly refunded, 0.5% disputed. What is timed is what the page
// /admin/payments asks the database for on each view (app/admin/payments/page.tsx): the history
// page of 25 (`billingHistory` for everyone), the totals for the filter (`paymentTotals`) and the
// product list, run together as the page runs them.
import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '@/lib/db/client';
import { column, rows } from '@/lib/db/client';
import { z } from 'zod';
import { billingHistory, type PaymentFilters } from '@/lib/billing/history';
import { paymentTotals } from '@/lib/billing/admin/payments';
import { productOptions } from '@/lib/billing/admin/catalog';
import type { BenchStack } from './stack';
import { count, ms, percentile, progress, table, timeRuns } from './measure';

export interface AdminOptions {
  payments: number;
  runs: number;
  databases: ('postgres' | 'pglite')[];
}

export interface AdminRow {
  database: string;
  view: string;
  p50: number;
  p95: number;
  /** The history page query on its own (without the totals). */
  pageOnlyP50: number;
  rows: number;
}

export interface AdminResult {
  options: AdminOptions;
  seedSeconds: Record<string, number>;
  rows: AdminRow[];
  markdown: string;
}

const PAGE_SIZE = 25;

async function seedLedger(handle: DatabaseHandle, payments: number): Promise<void> {
  const db = handle.db;
  const raw = `'{}'::jsonb, now()`;
  await db.execute(sql.raw(`
    insert into stripe_customers (id, email, name, created, raw, synced_at)
    select 'cus_b' || c, 'buyer' || c || '@bench.example', 'Buyer ' || c, timestamptz '2025-01-01' + c * interval '1 minute', ${raw}
    from generate_series(1, 2000) c`));
  await db.execute(sql.raw(`
    insert into stripe_products (id, name, active, raw, synced_at)
    select 'prod_b' || p, 'Product ' || p, true, ${raw} from generate_series(1, 5) p`));
  // Payment i: customer i % 2000, product i % 5, one per ~5 minutes over about a year.
  const created = `timestamptz '2025-01-01' + i * interval '5 minutes'`;
  const status = `case when i % 20 = 0 then 'requires_payment_method' else 'succeeded' end`;
  await db.execute(sql.raw(`
    insert into stripe_payment_intents (id, customer_id, status, amount, amount_received, currency, latest_charge_id, last_error_message, created, raw, synced_at)
    select 'pi_b' || i, 'cus_b' || (i % 2000 + 1), ${status}, 1000 + (i % 7) * 500,
           case when i % 20 = 0 then 0 else 1000 + (i % 7) * 500 end, 'usd', 'ch_b' || i,
           case when i % 20 = 0 then 'Your card was declined.' end, ${created}, ${raw}
    from generate_series(1, ${payments}) i`));
  await db.execute(sql.raw(`
    insert into stripe_charges (id, payment_intent_id, customer_id, status, amount, amount_captured, amount_refunded, currency, disputed, card_brand, card_last4, failure_message, created, raw, synced_at)
    select 'ch_b' || i, 'pi_b' || i, 'cus_b' || (i % 2000 + 1), case when i % 20 = 0 then 'failed' else 'succeeded' end,
           1000 + (i % 7) * 500, case when i % 20 = 0 then 0 else 1000 + (i % 7) * 500 end,
           case when i % 33 = 0 and i % 20 <> 0 then 300 else 0 end, 'usd', i % 200 = 0 and i % 20 <> 0, 'visa', '4242',
           case when i % 20 = 0 then 'Your card was declined.' end, ${created}, ${raw}
    from generate_series(1, ${payments}) i`));
  await db.execute(sql.raw(`
    insert into stripe_refunds (id, payment_intent_id, charge_id, amount, currency, status, reason, created, raw, synced_at)
    select 're_b' || i, 'pi_b' || i, 'ch_b' || i, 300, 'usd', 'succeeded', 'requested_by_customer', ${created} + interval '1 day', ${raw}
    from generate_series(1, ${payments}) i where i % 33 = 0 and i % 20 <> 0`));
  await db.execute(sql.raw(`
    insert into stripe_disputes (id, payment_intent_id, charge_id, amount, currency, status, reason, created, raw, synced_at)
    select 'dp_b' || i, 'pi_b' || i, 'ch_b' || i, 1000 + (i % 7) * 500, 'usd', 'needs_response', 'fraudulent', ${created} + interval '2 days', ${raw}
    from generate_series(1, ${payments}) i where i % 200 = 0 and i % 20 <> 0`));
  await db.execute(sql.raw(`
    insert into stripe_invoices (id, customer_id, number, status, currency, total, amount_due, amount_paid, amount_remaining, created, raw, synced_at)
    select 'in_b' || i, 'cus_b' || (i % 2000 + 1), 'BENCH-' || i, case when i % 20 = 0 then 'open' else 'paid' end, 'usd',
           1000 + (i % 7) * 500, 1000 + (i % 7) * 500, case when i % 20 = 0 then 0 else 1000 + (i % 7) * 500 end,
           case when i % 20 = 0 then 1000 + (i % 7) * 500 else 0 end, ${created}, ${raw}
    from generate_series(1, ${payments}) i`));
  await db.execute(sql.raw(`
    insert into stripe_invoice_lines (id, invoice_id, product_id, quantity, amount, currency, raw, synced_at)
    select 'il_b' || i || '_' || l, 'in_b' || i, 'prod_b' || ((i + l) % 5 + 1), l, case when l = 1 then 1000 + (i % 7) * 500 - 200 else 200 end, 'usd', ${raw}
    from generate_series(1, ${payments}) i, generate_series(1, 2) l`));
  await db.execute(sql.raw(`
    insert into stripe_invoice_payments (id, invoice_id, payment_intent_id, charge_id, status, amount_paid, amount_requested, currency, is_default, created, raw, synced_at)
    select 'inpay_b' || i, 'in_b' || i, 'pi_b' || i, 'ch_b' || i, case when i % 20 = 0 then 'open' else 'paid' end,
           case when i % 20 = 0 then 0 else 1000 + (i % 7) * 500 end, 1000 + (i % 7) * 500, 'usd', true, ${created}, ${raw}
    from generate_series(1, ${payments}) i`));
  await db.execute(sql.raw('analyze'));
}

/** The cursor the page would carry after walking to `position` (newest first). */
async function cursorAt(handle: DatabaseHandle, position: number): Promise<string> {
  const [row] = await rows(
    handle.db,
    sql`select created, id from stripe_payment_intents order by created desc, id desc offset ${position} limit 1`,
    z.object({ created: column.timestamp, id: column.text }),
  );
  // Same shape as lib/billing/history.ts encodes (and its parser validates).
  return Buffer.from(`${row!.created.toISOString()}|${row!.id}`).toString('base64url');
}

export async function runAdminBenchmark(stack: BenchStack, options: AdminOptions): Promise<AdminResult> {
  const result: AdminRow[] = [];
  const seedSeconds: Record<string, number> = {};
  for (const kind of options.databases) {
    const name = kind === 'postgres' ? 'PostgreSQL 15' : 'PGlite';
    progress(`admin: generating ${options.payments} payments in ${kind}`);
    const handle = await stack.database(kind);
    try {
      const started = performance.now();
      await seedLedger(handle, options.payments);
      seedSeconds[name] = (performance.now() - started) / 1000;
      const deep = Math.floor(options.payments * 0.9);
      const deepCursor = await cursorAt(handle, deep - 1);
      const views: { view: string; filters: PaymentFilters; cursor: string | null }[] = [
        { view: 'First page (no filter)', filters: {}, cursor: null },
        {
          view: 'Filtered: succeeded + product + email contains "buyer17" + 3-month range',
          filters: {
            status: ['succeeded'],
            productId: 'prod_b3',
            customerEmail: 'buyer17',
            createdFrom: new Date('2025-03-01T00:00:00Z'),
            createdBefore: new Date('2025-06-01T00:00:00Z'),
          },
          cursor: null,
        },
        { view: `Deep keyset page (after payment ${count(deep)})`, filters: {}, cursor: deepCursor },
      ];
      for (const { view, filters, cursor } of views) {
        progress(`admin: ${kind}: ${view}`);
        const load = () =>
          Promise.all([billingHistory({ db: handle.db, filters, cursor, limit: PAGE_SIZE }), paymentTotals(filters, { db: handle.db }), productOptions({ db: handle.db })]);
        const [page] = await load();
        if (page.payments.length === 0) throw new Error(`admin benchmark: "${view}" returned no payments`);
        const samples = await timeRuns(load, { runs: options.runs, warmup: 2 });
        const pageOnly = await timeRuns(() => billingHistory({ db: handle.db, filters, cursor, limit: PAGE_SIZE }), { runs: options.runs, warmup: 1 });
        result.push({
          database: name,
          view,
          p50: percentile(samples, 50),
          p95: percentile(samples, 95),
          pageOnlyP50: percentile(pageOnly, 50),
          rows: page.payments.length,
        });
      }
    } finally {
      await handle.close();
    }
  }
  const markdown = [
    `${count(options.payments)} payments (each with a charge, an invoice with two lines and an invoice payment; ${count(Math.floor(options.payments / 33))} refunds, ` +
      `${count(Math.floor(options.payments / 200))} disputes, 2,000 customers), generated in ${Object.entries(seedSeconds).map(([k, s]) => `${s.toFixed(0)} s (${k})`).join(', ')}. ` +
      `Each view = page of ${PAGE_SIZE} + totals for the filter + product list, as \`app/admin/payments/page.tsx\` loads them; ${options.runs} runs after 2 warm-ups.`,
    '',
    table(
      ['Database', 'View', 'Rows', 'Page data p50', 'Page data p95', 'History query alone p50'],
      result.map((r) => [r.database, r.view, r.rows, `**${ms(r.p50)}**`, ms(r.p95), ms(r.pageOnlyP50)]),
    ),
  ].join('\n');
  return { options, seedSeconds, rows: result, markdown };
}
