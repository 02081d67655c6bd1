// The history query at scale: a customer with 1,000 payments, each paying an invoice with two
// product lines. The number of SQL statements per page stays one; the timings are printed for the
// record (they are not asserted: this is not a benchmark harness).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/lib/db/client';
import * as t from '@/lib/db/schema';
import { billingHistory } from '@/lib/billing/history';
import { databaseKinds, freshDatabase } from '../support/databases';
import { countingDatabase } from './support';

const PAYMENTS = 1000;
const mirror = { raw: {}, syncedAt: new Date() };

describe.each(databaseKinds)('billing history of 1,000 payments on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await freshDatabase(kind);
    const db = handle.db;
    await db.insert(t.stripeCustomers).values({ id: 'cus_big', email: 'big@example.com', ...mirror });
    await db.insert(t.stripeProducts).values([
      { id: 'prod_pro', name: 'Pro', active: true, ...mirror },
      { id: 'prod_seats', name: 'Seats', active: true, ...mirror },
    ]);
    const n = Array.from({ length: PAYMENTS }, (_, i) => i);
    const created = (i: number) => new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 3) * 86_400_000); // same-day ties on purpose
    for (let start = 0; start < PAYMENTS; start += 250) {
      const chunk = n.slice(start, start + 250);
      await db.insert(t.stripePaymentIntents).values(chunk.map((i) => ({
        id: `pi_${i}`, customerId: 'cus_big', status: 'succeeded', amount: 2500, amountReceived: 2500, currency: 'usd',
        latestChargeId: `ch_${i}`, created: created(i), ...mirror,
      })));
      await db.insert(t.stripeCharges).values(chunk.map((i) => ({
        id: `ch_${i}`, paymentIntentId: `pi_${i}`, customerId: 'cus_big', status: 'succeeded', amount: 2500, amountCaptured: 2500,
        amountRefunded: 0, currency: 'usd', disputed: false, cardBrand: 'visa', cardLast4: '4242', created: created(i), ...mirror,
      })));
      await db.insert(t.stripeInvoices).values(chunk.map((i) => ({
        id: `in_${i}`, customerId: 'cus_big', number: `BIG-${i}`, status: 'paid', currency: 'usd', total: 2500, amountDue: 2500,
        amountPaid: 2500, amountRemaining: 0, hostedInvoiceUrl: `https://pay.example/${i}`, invoicePdf: `https://pay.example/${i}.pdf`,
        created: created(i), ...mirror,
      })));
      await db.insert(t.stripeInvoiceLines).values(chunk.flatMap((i) => [
        { id: `il_${i}_a`, invoiceId: `in_${i}`, productId: 'prod_pro', quantity: 1, amount: 2000, currency: 'usd', ...mirror },
        { id: `il_${i}_b`, invoiceId: `in_${i}`, productId: 'prod_seats', quantity: 5, amount: 500, currency: 'usd', ...mirror },
      ]));
      await db.insert(t.stripeInvoicePayments).values(chunk.map((i) => ({
        id: `inpay_${i}`, invoiceId: `in_${i}`, paymentIntentId: `pi_${i}`, status: 'paid', amountPaid: 2500, amountRequested: 2500,
        currency: 'usd', isDefault: true, created: created(i), ...mirror,
      })));
    }
  }, 120_000);
  afterAll(() => handle?.close());

  it('serves each page with one statement and walks all 1,000 payments exactly once', async () => {
    const first = countingDatabase(handle.db);
    await billingHistory({ db: first.db, customerId: 'cus_big', limit: 20 }); // warm up
    const started = performance.now();
    const page = await billingHistory({ db: first.db, customerId: 'cus_big', limit: 100 });
    const firstPageMs = performance.now() - started;
    expect(page.payments).toHaveLength(100);
    expect(page.payments[0].invoices[0].lines).toHaveLength(2);

    const walk = countingDatabase(handle.db);
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    const walkStarted = performance.now();
    do {
      const next: Awaited<ReturnType<typeof billingHistory>> = await billingHistory({ db: walk.db, customerId: 'cus_big', limit: 100, cursor });
      for (const p of next.payments) seen.add(p.id);
      cursor = next.nextCursor;
      pages++;
    } while (cursor);
    const walkMs = performance.now() - walkStarted;

    expect(first.count()).toBe(2);
    expect(seen.size).toBe(PAYMENTS);
    expect(walk.count()).toBe(pages);
    console.log(
      `[history] ${kind}: page of 100 (of ${PAYMENTS}) = 1 SQL statement, ${firstPageMs.toFixed(1)} ms; ` +
        `all ${PAYMENTS} in ${pages} pages = ${walk.count()} statements, ${walkMs.toFixed(0)} ms`,
    );
  });
});
