// Invoices paid in parts (POST /v1/invoices/:id/attach_payment) and credit notes linked to the
// refunds of those parts — the rules Stripe documents, through the real stripe SDK.
import type Stripe from 'stripe';
import { beforeEach, describe, expect, it } from 'vitest';
import { eventTypes, stripeError, useEmulator } from './harness.js';

const h = useEmulator();
beforeEach(() => h.reset());

async function customer(): Promise<Stripe.Customer> {
  return h.stripe.customers.create({ email: 'parts@example.com' });
}

/** An open invoice the customer is sent (collection_method=send_invoice), for `amount`. */
async function sentInvoice(owner: Stripe.Customer, amount: number, currency = 'usd'): Promise<Stripe.Invoice> {
  const draft = await h.stripe.invoices.create({ customer: owner.id, collection_method: 'send_invoice', days_until_due: 30, currency });
  await h.stripe.invoiceItems.create({ customer: owner.id, invoice: draft.id, amount, currency });
  return h.stripe.invoices.finalizeInvoice(draft.id);
}

async function paidIntent(owner: Stripe.Customer, amount: number, currency = 'usd'): Promise<Stripe.PaymentIntent> {
  return h.stripe.paymentIntents.create({ amount, currency, customer: owner.id, payment_method: 'pm_card_visa', confirm: true });
}

describe('attach_payment: what Stripe refuses', () => {
  it('refuses a PaymentIntent asking for more than the invoice still owes', async () => {
    const owner = await customer();
    const invoice = await sentInvoice(owner, 12_000);
    const tooBig = await h.stripe.paymentIntents.create({ amount: 12_001, currency: 'usd', customer: owner.id });
    const error = await stripeError(h.stripe.invoices.attachPayment(invoice.id, { payment_intent: tooBig.id }));
    expect(error).toMatchObject({ statusCode: 400, code: 'amount_too_large', param: 'payment_intent' });
    // After a part is paid, the bound is what is left.
    await h.stripe.invoices.attachPayment(invoice.id, { payment_intent: (await paidIntent(owner, 4_000)).id });
    const overRest = await h.stripe.paymentIntents.create({ amount: 8_001, currency: 'usd', customer: owner.id });
    expect((await stripeError(h.stripe.invoices.attachPayment(invoice.id, { payment_intent: overRest.id }))).code).toBe('amount_too_large');
    expect((await h.stripe.invoices.retrieve(invoice.id)).amount_remaining).toBe(8_000);
  });

  it('refuses a PaymentIntent of another customer, of none, or in another currency', async () => {
    const owner = await customer();
    const invoice = await sentInvoice(owner, 5_000);
    const stranger = await customer();
    const theirs = await h.stripe.paymentIntents.create({ amount: 1_000, currency: 'usd', customer: stranger.id });
    expect((await stripeError(h.stripe.invoices.attachPayment(invoice.id, { payment_intent: theirs.id }))).message).toContain('same customer');
    const nobody = await h.stripe.paymentIntents.create({ amount: 1_000, currency: 'usd' });
    expect((await stripeError(h.stripe.invoices.attachPayment(invoice.id, { payment_intent: nobody.id }))).message).toContain('same customer');
    const euros = await h.stripe.paymentIntents.create({ amount: 1_000, currency: 'eur', customer: owner.id });
    expect((await stripeError(h.stripe.invoices.attachPayment(invoice.id, { payment_intent: euros.id }))).message).toContain('currency');
    expect((await h.stripe.invoicePayments.list({ invoice: invoice.id })).data.filter((p) => !p.is_default)).toEqual([]);
  });

  it('refuses a canceled PaymentIntent, one already attached, and invoices that are paid or void', async () => {
    const owner = await customer();
    const invoice = await sentInvoice(owner, 5_000);
    const canceled = await h.stripe.paymentIntents.cancel((await h.stripe.paymentIntents.create({ amount: 1_000, currency: 'usd', customer: owner.id })).id);
    expect((await stripeError(h.stripe.invoices.attachPayment(invoice.id, { payment_intent: canceled.id }))).code).toBe('payment_intent_unexpected_state');
    const part = await h.stripe.paymentIntents.create({ amount: 1_000, currency: 'usd', customer: owner.id });
    await h.stripe.invoices.attachPayment(invoice.id, { payment_intent: part.id });
    expect((await stripeError(h.stripe.invoices.attachPayment(invoice.id, { payment_intent: part.id }))).message).toContain('already attached');

    const voided = await h.stripe.invoices.voidInvoice((await sentInvoice(owner, 1_000)).id);
    const error = await stripeError(h.stripe.invoices.attachPayment(voided.id, { payment_intent: (await paidIntent(owner, 500)).id }));
    expect(error).toMatchObject({ code: 'invoice_not_editable' });
    const paid = await sentInvoice(owner, 1_000);
    await h.stripe.invoices.attachPayment(paid.id, { payment_intent: (await paidIntent(owner, 1_000)).id });
    expect((await stripeError(h.stripe.invoices.attachPayment(paid.id, { payment_intent: (await paidIntent(owner, 500)).id }))).code).toBe('invoice_not_editable');
  });

  it('refuses parts on a subscription invoice that is charged automatically', async () => {
    const owner = await h.stripe.customers.create({ email: 'sub@example.com', payment_method: 'pm_card_chargeCustomerFail', invoice_settings: { default_payment_method: 'pm_card_chargeCustomerFail' } });
    const price = await h.stripe.prices.create({ currency: 'usd', unit_amount: 3_000, recurring: { interval: 'month' }, product_data: { name: 'Pro' } });
    const subscription = await h.stripe.subscriptions.create({ customer: owner.id, items: [{ price: price.id }], payment_behavior: 'allow_incomplete' });
    const invoice = await h.stripe.invoices.retrieve(subscription.latest_invoice as string);
    expect(invoice.status).toBe('open');
    const part = await h.stripe.paymentIntents.create({ amount: 1_000, currency: 'usd', customer: owner.id });
    const error = await stripeError(h.stripe.invoices.attachPayment(invoice.id, { payment_intent: part.id }));
    expect(error.message).toContain('charged automatically');
  });
});

describe('attach_payment: an invoice paid in parts', () => {
  it('counts each part in amount_paid and amount_remaining, emits invoice_payment.paid per part, and is paid at the total', async () => {
    const owner = await customer();
    const invoice = await sentInvoice(owner, 12_000);
    const first = await h.stripe.paymentIntents.create({ amount: 4_000, currency: 'usd', customer: owner.id });
    const attached = await h.stripe.invoices.attachPayment(invoice.id, { payment_intent: first.id, expand: ['payments'] });
    // Attached but not paid yet: nothing counts.
    expect(attached).toMatchObject({ status: 'open', amount_paid: 0, amount_remaining: 12_000 });
    expect(attached.payments!.data.find((p) => p.payment.payment_intent === first.id)).toMatchObject({ status: 'open', amount_requested: 4_000, amount_paid: null, is_default: false });

    await h.stripe.paymentIntents.confirm(first.id, { payment_method: 'pm_card_visa' });
    const part = await h.stripe.invoices.retrieve(invoice.id, { expand: ['payments'] });
    expect(part).toMatchObject({ status: 'open', amount_paid: 4_000, amount_remaining: 8_000 });
    // The invoice's own PaymentIntent now asks for the rest.
    const own = part.payments!.data.find((p) => p.is_default)!;
    expect(own).toMatchObject({ status: 'open', amount_requested: 8_000 });
    expect((await h.stripe.paymentIntents.retrieve(own.payment.payment_intent as string)).amount).toBe(8_000);

    const second = await paidIntent(owner, 8_000);
    const paid = await h.stripe.invoices.attachPayment(invoice.id, { payment_intent: second.id });
    expect(paid).toMatchObject({ status: 'paid', amount_paid: 12_000, amount_remaining: 0 });
    expect(paid.status_transitions.paid_at).not.toBeNull();
    const parts = await h.stripe.invoicePayments.list({ invoice: invoice.id, status: 'paid' });
    expect(parts.data.map((p) => [p.payment.payment_intent, p.amount_paid]).sort()).toEqual([[first.id, 4_000], [second.id, 8_000]].sort());
    expect((await h.stripe.paymentIntents.retrieve(own.payment.payment_intent as string)).status).toBe('canceled');

    const types = await eventTypes(h.stripe);
    expect(types.filter((t) => t === 'invoice_payment.paid')).toHaveLength(2);
    expect(types.filter((t) => t === 'invoice.paid')).toHaveLength(1);
    // The first part updates the invoice; the second pays it.
    expect(types.slice(types.indexOf('invoice_payment.paid'))).toEqual(expect.arrayContaining(['invoice.updated', 'invoice.paid', 'invoice.payment_succeeded']));
  });

  it('pays the rest through the invoice’s own PaymentIntent for what is left, not the original total', async () => {
    const owner = await customer();
    const invoice = await sentInvoice(owner, 12_000);
    await h.stripe.invoices.attachPayment(invoice.id, { payment_intent: (await paidIntent(owner, 4_000)).id });
    const own = (await h.stripe.invoicePayments.list({ invoice: invoice.id })).data.find((p) => p.is_default)!;
    const rest = await h.stripe.paymentIntents.confirm(own.payment.payment_intent as string, { payment_method: 'pm_card_visa' });
    expect(rest.amount_received).toBe(8_000);
    expect(await h.stripe.invoices.retrieve(invoice.id)).toMatchObject({ status: 'paid', amount_paid: 12_000 });
  });
});

describe('credit notes for refunds of parts', () => {
  it('links an existing refund of one part, as post-payment credit, and refuses linking it twice', async () => {
    const owner = await customer();
    const invoice = await sentInvoice(owner, 12_000);
    const first = await paidIntent(owner, 4_000);
    await h.stripe.invoices.attachPayment(invoice.id, { payment_intent: first.id });
    await h.stripe.invoices.attachPayment(invoice.id, { payment_intent: (await paidIntent(owner, 8_000)).id });
    const refund = await h.stripe.refunds.create({ payment_intent: first.id, amount: 1_500 });

    const note = await h.stripe.creditNotes.create({ invoice: invoice.id, amount: 1_500, refunds: [{ refund: refund.id }] });
    expect(note).toMatchObject({ amount: 1_500, type: 'post_payment', post_payment_amount: 1_500, pre_payment_amount: 0, status: 'issued' });
    expect(note.refunds).toEqual([{ amount_refunded: 1_500, payment_record_refund: null, refund: refund.id, type: 'refund' }]);
    expect((await h.stripe.invoices.retrieve(invoice.id)).post_payment_credit_notes_amount).toBe(1_500);
    // No second refund was made: the credit note only records the one that exists.
    expect((await h.stripe.refunds.list({ payment_intent: first.id })).data).toHaveLength(1);
    expect((await h.stripe.customers.retrieve(owner.id) as Stripe.Customer).balance).toBe(0);

    const twice = await stripeError(h.stripe.creditNotes.create({ invoice: invoice.id, amount: 1_500, refunds: [{ refund: refund.id }] }));
    expect(twice.param).toBe('refunds[0][amount_refunded]');
    expect((await eventTypes(h.stripe)).filter((t) => t === 'credit_note.created')).toHaveLength(1);
  });

  it('refuses a refund of a payment that did not pay the invoice, and amounts that do not add up', async () => {
    const owner = await customer();
    const invoice = await sentInvoice(owner, 5_000);
    await h.stripe.invoices.attachPayment(invoice.id, { payment_intent: (await paidIntent(owner, 5_000)).id });
    const elsewhere = await paidIntent(owner, 2_000);
    const unrelated = await h.stripe.refunds.create({ payment_intent: elsewhere.id });
    const error = await stripeError(h.stripe.creditNotes.create({ invoice: invoice.id, amount: 2_000, refunds: [{ refund: unrelated.id }] }));
    expect(error.message).toContain('not a refund of a payment of invoice');

    const parts = await h.stripe.invoicePayments.list({ invoice: invoice.id, status: 'paid' });
    const refund = await h.stripe.refunds.create({ payment_intent: parts.data[0]!.payment.payment_intent as string, amount: 1_000 });
    const mismatch = await stripeError(h.stripe.creditNotes.create({ invoice: invoice.id, amount: 2_000, refunds: [{ refund: refund.id }] }));
    expect(mismatch.message).toContain('must equal');
  });
});
