// The admin payments page's server time over HTTP on a large ledger: a throwaway PostgreSQL with
// N generated payments (default 100,000), the production build under `next start`, an admin signed
// in through the real sign-in page, and `/admin/payments` requested as a browser would (full HTML
// render: auth, history page, totals, product list). Complements benchmark 3 of `npm run bench`
// (scripts/bench/admin.ts), which times the same queries without HTTP and rendering.
//
//   npx tsx scripts/bench/admin-payments.ts [--payments 100000] [--runs 20]
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { chromium } from '@playwright/test';
import { openDatabase } from '../../lib/db/client';
import { seedDemoUsers, demoUsers } from '../seed';
import { freePort, startPostgresCluster } from '../lib/postgres-cluster';

const { values: flags } = parseArgs({ options: { payments: { type: 'string', default: '100000' }, runs: { type: 'string', default: '20' } } });
const payments = Number(flags.payments);
const runs = Number(flags.runs);
const nextBin = path.join('node_modules', 'next', 'dist', 'bin', 'next');

if (!fs.existsSync(path.join('.next', 'BUILD_ID'))) {
  console.log('No production build: running next build…');
  if (spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}

const cluster = await startPostgresCluster();
const url = cluster.url.replace(/\/postgres$/, '/admin_bench');
const admin = await openDatabase({ url: cluster.url, maxConnections: 1 });
await admin.db.execute(sql.raw('create database admin_bench'));
await admin.close();
const handle = await openDatabase({ url, migrate: true });
await seedDemoUsers(handle.db);

console.log(`Generating ${payments.toLocaleString('en-US')} payments…`);
const started = performance.now();
const raw = `'{}'::jsonb, now()`;
const at = `timestamptz '2025-01-01' + i * interval '5 minutes'`;
const amount = `1000 + (i % 7) * 500`;
const failed = `i % 20 = 0`;
for (const statement of [
  `insert into stripe_customers (id, email, name, created, raw, synced_at)
   select 'cus_' || c, 'buyer' || c || '@bench.example', 'Buyer ' || c, timestamptz '2025-01-01' + c * interval '1 minute', ${raw} from generate_series(1, 2000) c`,
  `insert into stripe_products (id, name, active, raw, synced_at) select 'prod_' || p, 'Product ' || p, true, ${raw} from generate_series(1, 5) p`,
  `insert into stripe_payment_intents (id, customer_id, status, amount, amount_received, currency, latest_charge_id, created, raw, synced_at)
   select 'pi_' || i, 'cus_' || (i % 2000 + 1), case when ${failed} then 'requires_payment_method' else 'succeeded' end, ${amount},
          case when ${failed} then 0 else ${amount} end, 'usd', 'ch_' || i, ${at}, ${raw} from generate_series(1, ${payments}) i`,
  `insert into stripe_charges (id, payment_intent_id, customer_id, status, amount, amount_captured, amount_refunded, currency, disputed, card_brand, card_last4, created, raw, synced_at)
   select 'ch_' || i, 'pi_' || i, 'cus_' || (i % 2000 + 1), case when ${failed} then 'failed' else 'succeeded' end, ${amount}, ${amount}, 0, 'usd', false, 'visa', '4242', ${at}, ${raw}
   from generate_series(1, ${payments}) i`,
  `insert into stripe_refunds (id, payment_intent_id, charge_id, amount, currency, status, reason, created, raw, synced_at)
   select 're_' || i, 'pi_' || i, 'ch_' || i, 300, 'usd', 'succeeded', 'requested_by_customer', ${at} + interval '1 day', ${raw}
   from generate_series(1, ${payments}) i where i % 33 = 0 and not ${failed}`,
  `insert into stripe_invoices (id, customer_id, number, status, currency, total, amount_due, amount_paid, amount_remaining, created, raw, synced_at)
   select 'in_' || i, 'cus_' || (i % 2000 + 1), 'INV-' || i, 'paid', 'usd', ${amount}, ${amount}, ${amount}, 0, ${at}, ${raw} from generate_series(1, ${payments}) i`,
  `insert into stripe_invoice_lines (id, invoice_id, product_id, quantity, amount, currency, raw, synced_at)
   select 'il_' || i || '_' || l, 'in_' || i, 'prod_' || ((i + l) % 5 + 1), l, case when l = 1 then ${amount} - 200 else 200 end, 'usd', ${raw}
   from generate_series(1, ${payments}) i, generate_series(1, 2) l`,
  `insert into stripe_invoice_payments (id, invoice_id, payment_intent_id, charge_id, status, amount_paid, amount_requested, currency, is_default, created, raw, synced_at)
   select 'inpay_' || i, 'in_' || i, 'pi_' || i, 'ch_' || i, 'paid', ${amount}, ${amount}, 'usd', true, ${at}, ${raw} from generate_series(1, ${payments}) i`,
  'analyze',
]) {
  await handle.db.execute(sql.raw(statement));
}
await handle.close();
console.log(`Generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const port = await freePort();
const base = `http://localhost:${port}`;
const app = spawn(process.execPath, [nextBin, 'start', '-p', String(port)], {
  env: {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: url,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    AUTH_URL: base,
    STRIPE_API_BASE: 'http://127.0.0.1:9', // never called: every generated payment has its invoice
  },
  stdio: 'ignore',
});
const stop = () => {
  app.kill('SIGTERM');
  cluster.stop();
};
try {
  for (let i = 0; ; i++) {
    if ((await fetch(base).catch(() => null))?.ok) break;
    if (i > 300) throw new Error('next start did not come up');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const page = await browser.newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email').fill(demoUsers.admin.email);
  await page.getByLabel('Password').fill(demoUsers.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/account$/, { timeout: 60_000 });

  const deepCursor = Buffer.from(`${new Date(Date.parse('2025-01-01T00:00:00Z') + Math.floor(payments * 0.1) * 300_000).toISOString()}|pi_${Math.floor(payments * 0.1)}`).toString('base64url');
  const views = [
    { name: 'First page, no filter', query: '' },
    { name: 'Email "buyer17" + product + succeeded + 3 months', query: '?email=buyer17&product=prod_3&status=succeeded&from=2025-03-01&to=2025-05-31' },
    { name: 'Deep keyset page (~90% down)', query: `?cursor=${deepCursor}` },
  ];
  console.log(`\n/admin/payments on ${payments.toLocaleString('en-US')} payments, ${runs} requests each after 2 warm-ups (full HTML response):\n`);
  console.log('| View | p50 | p95 | rows |\n| --- | --- | --- | --- |');
  for (const view of views) {
    const times: number[] = [];
    let body = '';
    for (let i = 0; i < runs + 2; i++) {
      const t0 = performance.now();
      const response = await page.request.get(`${base}/admin/payments${view.query}`);
      body = await response.text();
      if (response.status() !== 200) throw new Error(`${view.name}: HTTP ${response.status()}`);
      if (i >= 2) times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(0);
    console.log(`| ${view.name} | ${at(0.5)} ms | ${at(0.95)} ms | ${(body.match(/data-payment-id=/g) ?? []).length} |`);
  }
  await browser.close();
} finally {
  stop();
}
