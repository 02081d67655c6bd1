// The billing history join, read from mirror rows: payments ↔ invoices many-to-many through
// InvoicePayments, one-time purchases through our orders or Checkout line items, refunds, disputes,
// "linking…", keyset pagination, and one SQL statement per page whatever the number of payments.
import { describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import * as t from '@/lib/db/schema';
import { billingHistory } from '@/lib/billing/history';
import { databaseKinds, useDatabase } from '../support/databases';
import { countingDatabase } from './support';
import { personalOrganisationId } from '../support/members';

const at = new Date();
const mirror = { raw: {}, syncedAt: at };
const day = (n: number) => new Date(Date.UTC(2026, 0, n, 12));

async function seed(db: Database) {
  const [ada] = await db.insert(t.users).values({ email: 'ada@example.com' }).returning();
  const adaOrganisation = await personalOrganisationId(db, ada.id);
  await db.insert(t.stripeCustomers).values([
    { id: 'cus_ada', organisationId: adaOrganisation, email: 'ada@example.com', name: 'Ada', ...mirror },
    { id: 'cus_bob', email: 'bob@example.com', name: 'Bob', ...mirror },
    { id: 'cus_cy', email: 'cy_100%@example.com', name: 'Cy', ...mirror },
  ]);
  await db.insert(t.stripeProducts).values([
    { id: 'prod_pro', name: 'Pro', active: true, ...mirror },
    { id: 'prod_seats', name: 'Extra seats', active: true, ...mirror },
    { id: 'prod_addon', name: 'Onboarding call', active: true, ...mirror },
  ]);
  const pi = (id: string, customerId: string, created: Date, amount: number, status = 'succeeded') => ({
    id, customerId, status, amount, amountReceived: status === 'succeeded' ? amount : 0, currency: 'usd',
    latestChargeId: `ch_${id.slice(3)}`, created, ...mirror,
  });
  await db.insert(t.stripePaymentIntents).values([
    pi('pi_one', 'cus_ada', day(1), 2000),
    pi('pi_split', 'cus_ada', day(2), 500),
    pi('pi_partA', 'cus_ada', day(3), 400),
    pi('pi_partB', 'cus_ada', day(4), 600),
    pi('pi_order', 'cus_ada', day(5), 3000),
    pi('pi_checkout', 'cus_ada', day(6), 1500),
    pi('pi_late', 'cus_ada', day(7), 2000),
    pi('pi_declined', 'cus_ada', day(8), 2000, 'requires_payment_method'),
    { ...pi('pi_abandoned', 'cus_ada', day(9), 2000, 'requires_payment_method'), latestChargeId: null },
    pi('pi_bob', 'cus_bob', day(10), 999),
    // Bank debit on its way: attempted, but no charge yet.
    { ...pi('pi_processing', 'cus_cy', day(11), 700, 'processing'), latestChargeId: null },
    // Succeeded with nothing linked, but the live lookup already found there is nothing to link.
    { ...pi('pi_checked', 'cus_cy', day(12), 800), latestChargeId: null, invoiceLinkCheckedAt: day(12) },
  ]);
  await db.insert(t.stripeCharges).values(
    ['one', 'split', 'partA', 'partB', 'order', 'checkout', 'late', 'declined', 'bob'].map((s) => ({
      id: `ch_${s}`, paymentIntentId: `pi_${s}`, customerId: s === 'bob' ? 'cus_bob' : 'cus_ada',
      status: s === 'declined' ? 'failed' : 'succeeded', amount: 1, amountCaptured: 1, amountRefunded: 0, currency: 'usd',
      disputed: s === 'one', cardBrand: 'visa', cardLast4: s === 'declined' ? '0002' : '4242', receiptUrl: `https://pay.example/receipts/${s}`,
      failureMessage: s === 'declined' ? 'Your card was declined.' : null, created: day(1), ...mirror,
    })),
  );
  const invoice = (id: string, number: string, total: number, created: Date) => ({
    id, customerId: 'cus_ada', subscriptionId: 'sub_ada', number, status: 'paid', currency: 'usd', total, amountDue: total,
    amountPaid: total, amountRemaining: 0, hostedInvoiceUrl: `https://pay.example/i/${id}`, invoicePdf: `https://pay.example/i/${id}.pdf`,
    created, ...mirror,
  });
  await db.insert(t.stripeInvoices).values([
    invoice('in_one', 'ADA-0001', 2000, day(1)),
    invoice('in_splitA', 'ADA-0002', 300, day(2)),
    invoice('in_splitB', 'ADA-0003', 200, day(2)),
    invoice('in_parts', 'ADA-0004', 1000, day(3)),
  ]);
  const line = (id: string, invoiceId: string, productId: string, quantity: number, amount: number) => ({
    id, invoiceId, productId, priceId: `price_${productId}`, description: null, quantity, amount, currency: 'usd',
    periodStart: day(1), periodEnd: day(31), ...mirror,
  });
  await db.insert(t.stripeInvoiceLines).values([
    line('il_1', 'in_one', 'prod_pro', 1, 1500),
    line('il_2', 'in_one', 'prod_seats', 5, 500),
    line('il_3', 'in_splitA', 'prod_pro', 1, 300),
    line('il_4', 'in_splitB', 'prod_seats', 2, 200),
    line('il_5', 'in_parts', 'prod_pro', 1, 1000),
    // A plan change's credit for unused time: Stripe marks it in the line's parent, not in a column.
    { ...line('il_6', 'in_parts', 'prod_seats', 1, -200), raw: { parent: { type: 'subscription_item_details', subscription_item_details: { proration: true } } } },
  ]);
  const payment = (id: string, invoiceId: string, paymentIntentId: string, amountPaid: number) => ({
    id, invoiceId, paymentIntentId, status: 'paid', amountPaid, amountRequested: amountPaid, currency: 'usd', isDefault: true,
    created: day(1), ...mirror,
  });
  await db.insert(t.stripeInvoicePayments).values([
    payment('inpay_1', 'in_one', 'pi_one', 2000),
    payment('inpay_2', 'in_splitA', 'pi_split', 300),
    payment('inpay_3', 'in_splitB', 'pi_split', 200),
    payment('inpay_4', 'in_parts', 'pi_partA', 400),
    payment('inpay_5', 'in_parts', 'pi_partB', 600),
  ]);
  await db.insert(t.stripeRefunds).values({ id: 're_1', chargeId: 'ch_one', paymentIntentId: 'pi_one', status: 'succeeded', amount: 500, currency: 'usd', reason: 'requested_by_customer', created: day(2), ...mirror });
  // Failed and canceled refunds gave nothing back; a pending one is money on its way.
  await db.insert(t.stripeRefunds).values(
    (['failed', 'canceled', 'pending'] as const).map((status, i) => ({
      id: `re_split_${status}`, chargeId: 'ch_split', paymentIntentId: 'pi_split', status, amount: 100 + i, currency: 'usd', reason: null, created: day(3 + i), ...mirror,
    })),
  );
  await db.insert(t.stripeDisputes).values({ id: 'dp_1', chargeId: 'ch_one', paymentIntentId: 'pi_one', status: 'needs_response', amount: 1500, currency: 'usd', reason: 'fraudulent', created: day(3), ...mirror });
  const [order] = await db.insert(t.orders).values({ organisationId: adaOrganisation, userId: ada.id, customerId: 'cus_ada', paymentIntentId: 'pi_order', status: 'paid', currency: 'usd', amountTotal: 3000 }).returning();
  await db.insert(t.orderLines).values({ orderId: order.id, position: 0, priceId: 'price_addon', productId: 'prod_addon', description: 'Onboarding call', quantity: 2, unitAmount: 1500, amount: 3000 });
  await db.insert(t.stripeCheckoutSessions).values({ id: 'cs_1', customerId: 'cus_ada', mode: 'payment', status: 'complete', paymentStatus: 'paid', paymentIntentId: 'pi_checkout', amountTotal: 1500, currency: 'usd', created: day(6), ...mirror });
  await db.insert(t.stripeCheckoutLineItems).values({ id: 'li_1', sessionId: 'cs_1', priceId: 'price_addon', productId: 'prod_addon', description: 'Onboarding call', quantity: 1, amountTotal: 1500, currency: 'usd', ...mirror });
  // Checkout in payment mode with invoice creation: the session has line items and the payment an invoice.
  await db.insert(t.stripeCheckoutSessions).values({ id: 'cs_invoiced', customerId: 'cus_ada', mode: 'payment', status: 'complete', paymentStatus: 'paid', paymentIntentId: 'pi_one', amountTotal: 2000, currency: 'usd', created: day(1), ...mirror });
  await db.insert(t.stripeCheckoutLineItems).values({ id: 'li_invoiced', sessionId: 'cs_invoiced', priceId: 'price_prod_pro', productId: 'prod_pro', description: 'Pro', quantity: 1, amountTotal: 2000, currency: 'usd', ...mirror });
}

describe.each(databaseKinds)('billing history on %s', (kind) => {
  const handle = useDatabase(kind, { seed });

  const history = async (options: Parameters<typeof billingHistory>[0] = {}) => {
    const page = await billingHistory({ db: handle.db, ...options });
    return { ...page, byId: Object.fromEntries(page.payments.map((p) => [p.id, p])) };
  };

  it('lists one customer’s attempted payments newest first, without abandoned intents or other customers', async () => {
    const { payments } = await history({ customerId: 'cus_ada' });
    expect(payments.map((p) => p.id)).toEqual(['pi_declined', 'pi_late', 'pi_checkout', 'pi_order', 'pi_partB', 'pi_partA', 'pi_split', 'pi_one']);
  });

  it('joins one payment to its one invoice, with products, card, refunds and disputes', async () => {
    const { byId } = await history({ customerId: 'cus_ada' });
    expect(byId.pi_one).toMatchObject({
      status: 'succeeded', amount: 2000, currency: 'usd', card: { brand: 'visa', last4: '4242' },
      receiptUrl: 'https://pay.example/receipts/one', amountRefunded: 500, linking: false,
      customer: { id: 'cus_ada', email: 'ada@example.com', name: 'Ada' },
      refunds: [{ id: 're_1', amount: 500, status: 'succeeded', reason: 'requested_by_customer', created: day(2) }],
      disputes: [{ id: 'dp_1', status: 'needs_response', amount: 1500, reason: 'fraudulent', created: day(3) }],
      invoices: [{
        id: 'in_one', number: 'ADA-0001', status: 'paid', amountPaid: 2000, paymentStatus: 'paid', total: 2000, currency: 'usd',
        hostedInvoiceUrl: 'https://pay.example/i/in_one', invoicePdf: 'https://pay.example/i/in_one.pdf',
        lines: [
          { productId: 'prod_pro', name: 'Pro', quantity: 1, amount: 1500, proration: false, periodStart: day(1), periodEnd: day(31) },
          { productId: 'prod_seats', name: 'Extra seats', quantity: 5, amount: 500, proration: false, periodStart: day(1), periodEnd: day(31) },
        ],
      }],
      // Its Checkout session's line items too, but the invoice is the record of what was bought.
      items: [],
    });
  });

  it('shows one payment that paid two invoices, with the amount paid to each', async () => {
    const { byId } = await history({ customerId: 'cus_ada' });
    expect(byId.pi_split.invoices.map((i) => [i.number, i.amountPaid, i.lines[0].name])).toEqual([
      ['ADA-0002', 300, 'Pro'],
      ['ADA-0003', 200, 'Extra seats'],
    ]);
  });

  it('shows each of two payments towards one invoice with its own share', async () => {
    const { byId } = await history({ customerId: 'cus_ada' });
    expect(byId.pi_partA.invoices).toMatchObject([{ number: 'ADA-0004', amountPaid: 400, total: 1000 }]);
    expect(byId.pi_partB.invoices).toMatchObject([{ number: 'ADA-0004', amountPaid: 600, total: 1000 }]);
  });

  it('shows one-time purchases without an invoice from our order lines or the Checkout line items', async () => {
    const { byId } = await history({ customerId: 'cus_ada' });
    const item = { productId: 'prod_addon', name: 'Onboarding call', proration: false, periodStart: null, periodEnd: null };
    expect(byId.pi_order).toMatchObject({ invoices: [], linking: false, items: [{ ...item, source: 'order', quantity: 2, amount: 3000 }] });
    expect(byId.pi_checkout).toMatchObject({ invoices: [], linking: false, items: [{ ...item, source: 'checkout', quantity: 1, amount: 1500 }] });
  });

  it('flags a succeeded payment with nothing linked yet as linking, and a declined one with its message', async () => {
    const { byId } = await history({ customerId: 'cus_ada' });
    expect(byId.pi_late).toMatchObject({ linking: true, invoices: [], items: [] });
    expect(byId.pi_declined).toMatchObject({ linking: false, failureMessage: 'Your card was declined.', card: { last4: '0002' } });
  });

  it('does not flag as linking a payment already looked up live, nor one still processing, which has no card yet', async () => {
    const { byId } = await history({ customerId: 'cus_cy' });
    expect(byId.pi_checked).toMatchObject({ status: 'succeeded', linking: false, invoices: [], items: [] });
    expect(byId.pi_processing).toMatchObject({ status: 'processing', amount: 700, amountReceived: 0, linking: false, card: null, receiptUrl: null });
  });

  it('counts pending refunds as refunded, and failed or canceled ones not', async () => {
    const { byId } = await history({ customerId: 'cus_ada' });
    expect(byId.pi_split.refunds.map((r) => [r.status, r.amount, r.reason])).toEqual([['failed', 100, null], ['canceled', 101, null], ['pending', 102, null]]);
    expect(byId.pi_split.amountRefunded).toBe(102);
  });

  it('gives a receipt only to a payment whose charge succeeded (a declined charge’s receipt page is empty)', async () => {
    const { byId } = await history({ customerId: 'cus_ada' });
    expect(byId.pi_one.receiptUrl).toBe('https://pay.example/receipts/one');
    expect(byId.pi_declined.receiptUrl).toBeNull();
  });

  it('marks the proration lines of a plan change', async () => {
    const { byId } = await history({ customerId: 'cus_ada' });
    expect(byId.pi_partA.invoices[0].lines.map((l) => [l.name, l.amount, l.proration])).toEqual([
      ['Pro', 1000, false],
      ['Extra seats', -200, true],
    ]);
  });

  it('pages with a keyset cursor, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof history>> = await history({ customerId: 'cus_ada', limit: 3, cursor });
      seen.push(...page.payments.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual((await history({ customerId: 'cus_ada' })).payments.map((p) => p.id));
    // A last page that is exactly full says so: no cursor to an empty page.
    const first = await history({ customerId: 'cus_ada', limit: 4 });
    const second = await history({ customerId: 'cus_ada', limit: 4, cursor: first.nextCursor });
    expect([first.payments.length, second.payments.length, second.nextCursor]).toEqual([4, 4, null]);
  });

  it('refuses a cursor it did not write', async () => {
    await expect(history({ customerId: 'cus_ada', cursor: 'not-a-cursor' })).rejects.toThrow('Invalid billing history cursor');
  });

  it('takes 20 payments a page by default, at least 1 and at most 100', async () => {
    const many = Array.from({ length: 105 }, (_, i) => ({
      id: `pi_many_${String(i).padStart(3, '0')}`, customerId: 'cus_many', status: 'succeeded', amount: 100, amountReceived: 100,
      currency: 'usd', latestChargeId: null, created: day(20), ...mirror,
    }));
    await handle.db.insert(t.stripePaymentIntents).values(many);
    try {
      const sizes = async (limit?: number) => {
        const page = await history({ customerId: 'cus_many', limit });
        return [page.payments.length, page.nextCursor !== null];
      };
      expect(await sizes()).toEqual([20, true]);
      expect(await sizes(0)).toEqual([1, true]);
      expect(await sizes(-3)).toEqual([1, true]);
      expect(await sizes(1000)).toEqual([100, true]);
    } finally {
      await handle.db.delete(t.stripePaymentIntents).where(inArray(t.stripePaymentIntents.id, many.map((p) => p.id)));
    }
  });

  it('lists everyone’s payments for admins, with filters', async () => {
    expect((await history()).payments.map((p) => p.id)).toContain('pi_bob');
    expect((await history({ filters: { customerEmail: 'BOB@' } })).payments.map((p) => p.id)).toEqual(['pi_bob']);
    expect((await history({ filters: { productId: 'prod_addon' } })).payments.map((p) => p.id)).toEqual(['pi_checkout', 'pi_order']);
    expect((await history({ filters: { status: ['requires_payment_method'] } })).payments.map((p) => p.id)).toEqual(['pi_declined']);
    expect((await history({ filters: { status: [] } })).payments).toHaveLength(11);
    // Several statuses: any of them.
    expect((await history({ filters: { status: ['requires_payment_method', 'processing'] } })).payments.map((p) => p.id).sort()).toEqual(['pi_declined', 'pi_processing']);
    // The email filter is a substring: % and _ match themselves, not any text.
    expect((await history({ filters: { customerEmail: '100%' } })).payments.map((p) => p.id)).toEqual(['pi_checked', 'pi_processing']);
    expect((await history({ filters: { customerEmail: '%' } })).payments.map((p) => p.id)).toEqual(['pi_checked', 'pi_processing']);
    expect((await history({ filters: { customerEmail: 'a_a' } })).payments).toEqual([]);
    expect((await history({ filters: { createdFrom: day(3), createdBefore: day(5) } })).payments.map((p) => p.id)).toEqual(['pi_partB', 'pi_partA']);
  });

  it('uses one SQL statement per page whatever the number of payments', async () => {
    const small = countingDatabase(handle.db);
    await billingHistory({ db: small.db, customerId: 'cus_ada', limit: 2 });
    const large = countingDatabase(handle.db);
    await billingHistory({ db: large.db, limit: 100 });
    expect(small.count()).toBe(1);
    expect(large.count()).toBe(1);
  });
});
