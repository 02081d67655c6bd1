// Invoices paid in parts and credit notes for refunds of invoiced payments, against the emulator over
// HTTP, on PGlite and PostgreSQL: the bounds of a part, one part per attempt, each payment's share in
// the billing history and the invoice view, revenue counting the money once, an admin refund of one
// part issuing a credit note on its invoice (mirrored, also from the credit_note.* webhook), shown
// on that part's history only.
import { describe, expect, it, vi } from 'vitest';
import type Stripe from 'stripe';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import * as t from '@/lib/db/schema';
import type { Database } from '@/lib/db/client';
import type { CustomerOwner } from '@/lib/billing/customers';
import { POST } from '@/app/api/stripe/webhook/route';
import { kickProcessing } from '@/lib/billing/sync/scheduler';
import { databaseKinds } from '../support/databases';
import { asMember } from '../support/members';
import { testStripeForFile } from './emulator';
import { eventFor, useAppDatabase, webhookRequest } from './support';

vi.mock('server-only', () => ({}));

const { ensureStripeCustomer } = await import('@/lib/billing/customers');
const { acceptsParts, invoiceView, openInvoices, partProblem, settleInvoicePart, startInvoicePart } = await import('@/lib/billing/invoice-parts');
const { billingHistory } = await import('@/lib/billing/history');
const { refundPayment } = await import('@/lib/billing/admin/refunds');
const { defaultRevenueSearch, revenueReport } = await import('@/lib/billing/admin/revenue');
const { syncWith } = await import('@/lib/billing/sync');
const { paymentDetail } = await import('@/lib/billing/admin/payments');

const stripe = testStripeForFile();

describe('the bounds of a part', () => {
  const open = { remaining: 12_000, currency: 'usd', collectionMethod: 'send_invoice', subscriptionId: null, status: 'open' };

  it('takes from the minimum charge to what is owed, leaving nothing or at least the minimum', () => {
    expect(partProblem(4_000, open)).toBeNull();
    expect(partProblem(12_000, open)).toBeNull();
    expect(partProblem(50, open)).toBeNull();
    expect(partProblem(11_950, open)).toBeNull();
    expect(partProblem(49, open)).toBe('The smallest part you can pay is $0.50.');
    expect(partProblem(11_951, open)).toBe('Leave at least $0.50 for later, or pay the whole $120.00.');
    expect(partProblem(12_001, open)).toBe('You owe $120.00 on this invoice: enter at most that.');
    expect(partProblem(0, open)).toBe('Enter an amount greater than zero.');
    expect(partProblem(12.5, open)).toBe('Enter an amount greater than zero.');
  });

  it('offers parts only where Stripe takes them and two parts fit', () => {
    expect(acceptsParts(open)).toBe(true);
    expect(acceptsParts({ ...open, remaining: 99 })).toBe(false);
    expect(acceptsParts({ ...open, subscriptionId: 'sub_1', collectionMethod: 'charge_automatically' })).toBe(false);
    expect(acceptsParts({ ...open, subscriptionId: 'sub_1', collectionMethod: 'send_invoice' })).toBe(true);
    expect(acceptsParts({ ...open, currency: 'xts' })).toBe(false);
    expect(acceptsParts({ ...open, status: 'paid' })).toBe(false);
    // Paying all of an invoice that takes no parts is still fine.
    expect(partProblem(3_000, { ...open, remaining: 3_000, subscriptionId: 'sub_1', collectionMethod: 'charge_automatically' })).toBeNull();
    expect(partProblem(1_000, { ...open, remaining: 3_000, subscriptionId: 'sub_1', collectionMethod: 'charge_automatically' })).toBe('This invoice can only be paid in full ($30.00).');
  });
});

describe.each(databaseKinds)('invoices paid in parts on %s', (kind) => {
  const handle = useAppDatabase(kind);
  const options = () => ({ db: handle.db, stripe: stripe.api });

  async function customer(db: Database) {
    const [row] = await db.insert(t.users).values({ email: `parts-${randomUUID().slice(0, 8)}@example.com` }).returning();
    const user = await asMember(db, row);
    return { user, customerId: await ensureStripeCustomer(user, { db, stripe: stripe.api }) };
  }

  /** An invoice of `amount` sent to the customer, mirrored. */
  async function sentInvoice(customerId: string, amount: number): Promise<Stripe.Invoice> {
    const draft = await stripe.api.invoices.create({ customer: customerId, collection_method: 'send_invoice', days_until_due: 30 });
    await stripe.api.invoiceItems.create({ customer: customerId, invoice: draft.id, amount, currency: 'usd', description: 'Implementation work' });
    const invoice = await stripe.api.invoices.finalizeInvoice(draft.id);
    await syncWith((run) => run.invoice(invoice.id), options());
    return invoice;
  }

  /** Pays a part as the browser would: the prepared intent confirmed with a card, then the return page. */
  async function payPart(user: CustomerOwner, invoiceId: string, amount: number) {
    const part = await startInvoicePart(user, { invoiceId, amount, attemptId: randomUUID() }, options());
    await stripe.api.paymentIntents.confirm(part.paymentIntentId, { payment_method: 'pm_card_visa', return_url: 'http://localhost/return' });
    expect(await settleInvoicePart(user, invoiceId, part.paymentIntentId, options())).toMatchObject({ status: 'succeeded', amount });
    return part.paymentIntentId;
  }

  it('pays $40 now and $80 later: each payment shows its share, the invoice lists both, and revenue counts $120 once', async () => {
    const before = await revenueReport(defaultRevenueSearch(), { db: handle.db });
    const grossBefore = before.revenue.find((r) => r.currency === 'usd')?.gross ?? 0;
    const { user, customerId } = await customer(handle.db);
    const invoice = await sentInvoice(customerId, 12_000);
    expect(await openInvoices(customerId, { db: handle.db })).toMatchObject([{ id: invoice.id, remaining: 12_000, total: 12_000 }]);

    const first = await payPart(user, invoice.id, 4_000);
    const halfway = await invoiceView(customerId, invoice.id, { db: handle.db });
    expect(halfway).toMatchObject({ status: 'open', total: 12_000, amountPaid: 4_000, remaining: 8_000, owed: true });
    expect(halfway!.parts.map((p) => [p.paymentIntentId, p.status, p.amount])).toEqual([[first, 'paid', 4_000]]);
    expect(halfway!.parts[0]!.card).toEqual({ brand: 'visa', last4: '4242' });

    const second = await payPart(user, invoice.id, 8_000);
    const paid = await invoiceView(customerId, invoice.id, { db: handle.db });
    expect(paid).toMatchObject({ status: 'paid', amountPaid: 12_000, remaining: 0, owed: false });
    // In the order paid; both may be paid within the same second, so compared as a set.
    expect(paid!.parts.map((p) => [p.paymentIntentId, p.amount]).sort()).toEqual([[first, 4_000], [second, 8_000]].sort());
    expect(await openInvoices(customerId, { db: handle.db })).toEqual([]);

    const history = await billingHistory({ customerId, db: handle.db });
    const share = (id: string) => history.payments.find((p) => p.id === id)!.invoices.map((i) => [i.number, i.amountPaid, i.total, i.paymentStatus]);
    expect(share(first)).toEqual([[invoice.number, 4_000, 12_000, 'paid']]);
    expect(share(second)).toEqual([[invoice.number, 8_000, 12_000, 'paid']]);
    // The admin's payment page shows how the invoice was paid: both parts, in order.
    const detail = await paymentDetail(second, { db: handle.db });
    expect(detail!.allocations.map((a) => [a.invoiceId, a.parts.map((p) => [p.paymentIntentId, p.amountPaid]).sort()])).toEqual([[invoice.id, [[first, 4_000], [second, 8_000]].sort()]]);

    // Revenue sums the money received: $120 once, not the invoice's total per payment.
    const after = await revenueReport(defaultRevenueSearch(), { db: handle.db });
    expect((after.revenue.find((r) => r.currency === 'usd')?.gross ?? 0) - grossBefore).toBe(12_000);
  });

  it('refuses a part out of bounds or on another customer’s invoice, and creates one part per attempt', async () => {
    const { user, customerId } = await customer(handle.db);
    const stranger = await customer(handle.db);
    const invoice = await sentInvoice(customerId, 5_000);
    const message = (promise: Promise<unknown>) => promise.then(() => 'started', (error: Error) => error.message);
    expect(await message(startInvoicePart(user, { invoiceId: invoice.id, amount: 4_990, attemptId: randomUUID() }, options()))).toBe(
      'Leave at least $0.50 for later, or pay the whole $50.00.',
    );
    expect(await message(startInvoicePart(stranger.user, { invoiceId: invoice.id, amount: 1_000, attemptId: randomUUID() }, options()))).toBe('This invoice is not one of yours.');

    const attemptId = randomUUID();
    const [a, b] = await Promise.all([
      startInvoicePart(user, { invoiceId: invoice.id, amount: 1_000, attemptId }, options()),
      startInvoicePart(user, { invoiceId: invoice.id, amount: 1_000, attemptId }, options()),
    ]);
    expect(a.paymentIntentId).toBe(b.paymentIntentId);
    const attached = await stripe.api.invoicePayments.list({ invoice: invoice.id });
    expect(attached.data.filter((p) => !p.is_default).map((p) => p.payment.payment_intent)).toEqual([a.paymentIntentId]);
    // The same attempt with another amount is a different request: refused, nothing attached.
    expect(await message(startInvoicePart(user, { invoiceId: invoice.id, amount: 2_000, attemptId }, options()))).toContain('already used for another amount');
  });

  it('does not count the first invoice of a subscription that never started as owed', async () => {
    const { customerId } = await customer(handle.db);
    const product = await stripe.api.products.create({ name: 'Starter' });
    const price = await stripe.api.prices.create({ product: product.id, currency: 'usd', unit_amount: 900, recurring: { interval: 'month' } });
    const subscription = await stripe.api.subscriptions.create({ customer: customerId, items: [{ price: price.id }], payment_behavior: 'default_incomplete' });
    expect(subscription.status).toBe('incomplete');
    const invoiceId = subscription.latest_invoice as string;
    await syncWith((run) => Promise.all([run.subscription(subscription.id), run.invoice(invoiceId)]), options());
    expect(await invoiceView(customerId, invoiceId, { db: handle.db })).toMatchObject({ status: 'open', remaining: 900, owed: false });
    expect(await openInvoices(customerId, { db: handle.db })).toEqual([]);
  });

  it('an admin refund of one part issues a credit note on its paid invoice, mirrored, shown on that part only', async () => {
    const { user, customerId } = await customer(handle.db);
    const invoice = await sentInvoice(customerId, 12_000);
    const first = await payPart(user, invoice.id, 4_000);
    const second = await payPart(user, invoice.id, 8_000);

    const outcome = await refundPayment({ paymentIntentId: first, amount: 1_500, reason: 'requested_by_customer', attemptId: randomUUID(), adminEmail: 'admin@paydesk.test' }, options());
    expect(outcome).toMatchObject({ amount: 1_500, replayed: false, creditNotes: 1 });
    const notes = await stripe.api.creditNotes.list({ invoice: invoice.id });
    expect(notes.data).toHaveLength(1);
    expect(notes.data[0]).toMatchObject({ amount: 1_500, type: 'post_payment', refunds: [{ refund: outcome.refundId, amount_refunded: 1_500 }] });

    const [mirrored] = await handle.db.select().from(t.stripeCreditNotes).where(eq(t.stripeCreditNotes.invoiceId, invoice.id));
    expect(mirrored).toMatchObject({ id: notes.data[0]!.id, status: 'issued', amount: 1_500, postPaymentAmount: 1_500, currency: 'usd', customerId });

    const view = await invoiceView(customerId, invoice.id, { db: handle.db });
    expect(view!.creditNotes).toMatchObject([{ id: notes.data[0]!.id, amount: 1_500, refunded: 1_500, status: 'issued' }]);
    expect(view!.parts.find((p) => p.paymentIntentId === first)!.refunded).toBe(1_500);

    const history = await billingHistory({ customerId, db: handle.db });
    const creditsOn = (id: string) => history.payments.find((p) => p.id === id)!.invoices[0]!.creditNotes.map((c) => [c.number, c.amount, c.refunded]);
    expect(creditsOn(first)).toEqual([[notes.data[0]!.number, 1_500, 1_500]]);
    expect(creditsOn(second)).toEqual([]);

    // The same refund form again: no second refund, no second credit note.
    const replay = await refundPayment({ paymentIntentId: first, amount: 1_500, reason: 'requested_by_customer', attemptId: (await stripe.api.refunds.retrieve(outcome.refundId)).metadata!.paydesk_attempt!, adminEmail: 'admin@paydesk.test' }, options());
    expect(replay).toMatchObject({ replayed: true, creditNotes: 0 });
    expect((await stripe.api.creditNotes.list({ invoice: invoice.id })).data).toHaveLength(1);
  });

  it('leaves a payment without a paid invoice alone: a refund, no credit note', async () => {
    const { customerId } = await customer(handle.db);
    const intent = await stripe.api.paymentIntents.create({ amount: 2_000, currency: 'usd', customer: customerId, payment_method: 'pm_card_visa', confirm: true, automatic_payment_methods: { enabled: true, allow_redirects: 'never' } });
    await syncWith((run) => run.paymentIntent(intent.id), options());
    const outcome = await refundPayment({ paymentIntentId: intent.id, amount: 500, reason: 'duplicate', attemptId: randomUUID(), adminEmail: 'admin@paydesk.test' }, options());
    expect(outcome).toMatchObject({ replayed: false, creditNotes: 0 });
    expect((await stripe.api.creditNotes.list({ customer: customerId })).data).toEqual([]);
  });

  it('mirrors credit notes from credit_note.created and credit_note.voided webhooks', async () => {
    const { user, customerId } = await customer(handle.db);
    const invoice = await sentInvoice(customerId, 6_000);
    await payPart(user, invoice.id, 6_000);
    // Issued elsewhere (the Dashboard): credit to the customer's balance, no refund.
    const note = await stripe.api.creditNotes.create({ invoice: invoice.id, amount: 1_000, credit_amount: 1_000 });
    const deliver = async (event: Stripe.Event) => {
      expect((await POST(webhookRequest(JSON.stringify(event), { secret: process.env.STRIPE_WEBHOOK_SECRET }))).status).toBe(200);
      await kickProcessing();
    };
    await deliver(eventFor('credit_note.created', note, { created: note.created }));
    const row = async () => (await handle.db.select().from(t.stripeCreditNotes).where(eq(t.stripeCreditNotes.id, note.id)))[0];
    expect(await row()).toMatchObject({ invoiceId: invoice.id, status: 'issued', amount: 1_000, type: 'post_payment' });
    const voided = await stripe.api.creditNotes.voidCreditNote(note.id);
    await deliver(eventFor('credit_note.voided', voided, { created: voided.created + 1 }));
    expect(await row()).toMatchObject({ status: 'void' });
    // A credit note with no refund credits the invoice as a whole: the history shows it on the payment.
    const history = await billingHistory({ customerId, db: handle.db });
    expect(history.payments[0]!.invoices[0]!.creditNotes).toMatchObject([{ id: note.id, status: 'void', refunded: 0 }]);
  });
});
