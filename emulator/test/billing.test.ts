import { beforeAll, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { stripeError, useEmulator } from './harness.js';

const h = useEmulator();
let monthly: Stripe.Price;
let yearly: Stripe.Price;
let premium: Stripe.Price;
let oneTime: Stripe.Price;

beforeAll(async () => {
  const product = await h.stripe.products.create({ name: 'Pro' });
  monthly = await h.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 3000, recurring: { interval: 'month' }, lookup_key: 'pro_monthly' });
  yearly = await h.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 30000, recurring: { interval: 'year' } });
  premium = await h.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 6000, recurring: { interval: 'month' } });
  oneTime = await h.stripe.prices.create({ product_data: { name: 'Setup fee' }, currency: 'usd', unit_amount: 1500 });
});

async function customerWithCard(pm = 'pm_card_visa'): Promise<Stripe.Customer> {
  const customer = await h.stripe.customers.create({ email: 'sub@example.com' });
  const attached = await h.stripe.paymentMethods.attach(pm, { customer: customer.id });
  return h.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: attached.id } });
}

describe('catalog', () => {
  it('filters prices by lookup_keys, product, active and type', async () => {
    expect((await h.stripe.prices.list({ lookup_keys: ['pro_monthly'] })).data.map((p) => p.id)).toEqual([monthly.id]);
    expect((await h.stripe.prices.list({ product: monthly.product as string })).data).toHaveLength(3);
    expect((await h.stripe.prices.list({ type: 'one_time' })).data.map((p) => p.id)).toEqual([oneTime.id]);
    await h.stripe.prices.update(yearly.id, { active: false });
    expect((await h.stripe.prices.list({ active: true, product: monthly.product as string })).data).toHaveLength(2);
    await h.stripe.prices.update(yearly.id, { active: true });
  });

  it('keeps lookup keys unique unless transferred', async () => {
    const err = await stripeError(h.stripe.prices.create({ product: monthly.product as string, currency: 'usd', unit_amount: 1, lookup_key: 'pro_monthly' }));
    expect(err.statusCode).toBe(400);
    const moved = await h.stripe.prices.create({ product: monthly.product as string, currency: 'usd', unit_amount: 3100, recurring: { interval: 'month' }, lookup_key: 'pro_monthly', transfer_lookup_key: true });
    expect((await h.stripe.prices.list({ lookup_keys: ['pro_monthly'] })).data.map((p) => p.id)).toEqual([moved.id]);
    await h.stripe.prices.update(monthly.id, { lookup_key: 'pro_monthly', transfer_lookup_key: true });
    await h.stripe.prices.update(moved.id, { active: false });
  });

  it('creates, updates and lists products', async () => {
    const product = await h.stripe.products.create({ name: 'Team', description: 'For teams', metadata: { seats: '10' } });
    expect(product).toMatchObject({ object: 'product', active: true, name: 'Team', description: 'For teams' });
    expect((await h.stripe.products.update(product.id, { active: false })).active).toBe(false);
    expect((await h.stripe.products.list({ active: false })).data.map((p) => p.id)).toContain(product.id);
    expect(await h.stripe.products.del(product.id)).toMatchObject({ deleted: true });
  });
});

describe('subscriptions', () => {
  it('charges the default card at once and becomes active, periods on items', async () => {
    const customer = await customerWithCard();
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }], expand: ['latest_invoice'] });
    expect(sub.status).toBe('active');
    const [item] = sub.items.data;
    expect(item!.price.id).toBe(monthly.id);
    expect(item!.current_period_end - item!.current_period_start).toBeGreaterThanOrEqual(28 * 86400);
    const invoice = sub.latest_invoice as Stripe.Invoice;
    expect(invoice).toMatchObject({ status: 'paid', amount_paid: 3000, amount_due: 3000, amount_remaining: 0, billing_reason: 'subscription_create' });
    expect(invoice.parent?.subscription_details?.subscription).toBe(sub.id);
    expect(invoice.lines.data[0]!.pricing?.price_details).toEqual({ price: monthly.id, product: monthly.product });
    expect(invoice.number).toMatch(/^[A-Z0-9]{8}-0001$/);
    expect(invoice.hosted_invoice_url).toBe(`${h.url}/invoice/${invoice.id}`);
    expect(invoice.invoice_pdf).toBe(`${h.url}/invoice/${invoice.id}/pdf`);
  });

  it('default_incomplete: incomplete with a confirmation secret, active once the client confirms', async () => {
    const customer = await h.stripe.customers.create({});
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: monthly.id }],
      payment_behavior: 'default_incomplete',
      payment_settings: { save_default_payment_method: 'on_subscription' },
      expand: ['latest_invoice.confirmation_secret'],
    });
    expect(sub.status).toBe('incomplete');
    const invoice = sub.latest_invoice as Stripe.Invoice;
    expect(invoice.status).toBe('open');
    const secret = invoice.confirmation_secret!.client_secret;
    const piId = secret.split('_secret_')[0]!;
    const pi = await h.stripe.paymentIntents.confirm(piId, { payment_method: 'pm_card_visa' });
    expect(pi.status).toBe('succeeded');
    const active = await h.stripe.subscriptions.retrieve(sub.id);
    expect(active.status).toBe('active');
    expect(active.default_payment_method).toBe(pi.payment_method);
    expect((await h.stripe.invoices.retrieve(invoice.id)).status).toBe('paid');
  });

  it('default_incomplete with a trial offers a pending SetupIntent whose card becomes the default', async () => {
    const customer = await h.stripe.customers.create({});
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: monthly.id }],
      trial_period_days: 7,
      payment_behavior: 'default_incomplete',
      payment_settings: { save_default_payment_method: 'on_subscription' },
      expand: ['latest_invoice.confirmation_secret', 'pending_setup_intent'],
    });
    expect(sub.status).toBe('trialing');
    expect((sub.latest_invoice as Stripe.Invoice).confirmation_secret).toBeNull();
    const si = sub.pending_setup_intent as Stripe.SetupIntent;
    expect(si).toMatchObject({ object: 'setup_intent', status: 'requires_payment_method', customer: customer.id, usage: 'off_session' });
    const done = await h.stripe.setupIntents.confirm(si.id, { payment_method: 'pm_card_visa' });
    const after = await h.stripe.subscriptions.retrieve(sub.id);
    expect(after).toMatchObject({ pending_setup_intent: null, default_payment_method: done.payment_method });
  });

  it('allow_incomplete with a declining card stays incomplete; error_if_incomplete throws', async () => {
    const customer = await customerWithCard('pm_card_chargeCustomerFail');
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }] });
    expect(sub.status).toBe('incomplete');
    const err = await stripeError(h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }], payment_behavior: 'error_if_incomplete' }));
    expect(err.statusCode).toBe(402);
  });

  it('refuses to charge a customer without a payment method', async () => {
    const customer = await h.stripe.customers.create({});
    const err = await stripeError(h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }] }));
    expect(err.message).toMatch(/no attached payment source or default payment method/);
  });

  it('trials: trialing with a zero invoice, trial_end set', async () => {
    const customer = await h.stripe.customers.create({});
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }], trial_period_days: 14, expand: ['latest_invoice'] });
    expect(sub.status).toBe('trialing');
    expect(sub.trial_end! - sub.trial_start!).toBe(14 * 86400);
    expect(sub.items.data[0]!.current_period_end).toBe(sub.trial_end);
    expect((sub.latest_invoice as Stripe.Invoice)).toMatchObject({ status: 'paid', amount_due: 0 });
  });

  it('switches price with pending prorations (create_prorations) that land on the next invoice preview', async () => {
    const customer = await customerWithCard();
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }] });
    await h.control('POST', '/_emulator/clock/advance', { seconds: 10 * 86400 });
    const switched = await h.stripe.subscriptions.update(sub.id, { items: [{ id: sub.items.data[0]!.id, price: premium.id }], proration_behavior: 'create_prorations' });
    expect(switched.items.data[0]!.price.id).toBe(premium.id);
    const pending = await h.stripe.invoiceItems.list({ customer: customer.id, pending: true });
    expect(pending.data).toHaveLength(2);
    const amounts = pending.data.map((i) => i.amount).sort((a, b) => a - b);
    expect(amounts[0]).toBeLessThan(0);
    expect(amounts[1]).toBeGreaterThan(0);
    expect(pending.data.every((i) => i.proration)).toBe(true);
    const preview = await h.stripe.invoices.createPreview({ customer: customer.id, subscription: sub.id });
    expect(preview.lines.data.filter((l) => l.parent?.invoice_item_details?.proration ?? l.parent?.subscription_item_details?.proration)).toHaveLength(2);
    expect(preview.total).toBe(6000 + amounts[0]! + amounts[1]!);
  });

  it('always_invoice bills prorations at once; none bills nothing', async () => {
    const customer = await customerWithCard();
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }] });
    await h.control('POST', '/_emulator/clock/advance', { seconds: 5 * 86400 });
    const now = await h.stripe.subscriptions.update(sub.id, { items: [{ id: sub.items.data[0]!.id, price: premium.id }], proration_behavior: 'always_invoice', expand: ['latest_invoice'] });
    const invoice = now.latest_invoice as Stripe.Invoice;
    expect(invoice).toMatchObject({ billing_reason: 'subscription_update', status: 'paid' });
    expect(invoice.lines.data).toHaveLength(2);
    const quiet = await h.stripe.subscriptions.update(sub.id, { items: [{ id: sub.items.data[0]!.id, price: monthly.id }], proration_behavior: 'none' });
    expect(quiet.latest_invoice).toBe(invoice.id);
    expect((await h.stripe.invoiceItems.list({ customer: customer.id, pending: true })).data).toHaveLength(0);
  });

  it('error_if_incomplete: a declined proration payment leaves the plan unchanged and voids the invoice', async () => {
    const customer = await customerWithCard();
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }] });
    const failing = await h.stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id });
    await h.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: failing.id } });
    await h.control('POST', '/_emulator/clock/advance', { seconds: 3 * 86400 });
    const err = await stripeError(
      h.stripe.subscriptions.update(sub.id, { items: [{ id: sub.items.data[0]!.id, price: premium.id }], proration_behavior: 'always_invoice', payment_behavior: 'error_if_incomplete', cancel_at_period_end: false }),
    );
    expect(err.statusCode).toBe(402);
    const unchanged = await h.stripe.subscriptions.retrieve(sub.id);
    expect(unchanged.items.data[0]!.price.id).toBe(monthly.id);
    expect(unchanged.latest_invoice).toBe(sub.latest_invoice);
    const [latest] = (await h.stripe.invoices.list({ subscription: sub.id, limit: 1 })).data;
    expect(latest).toMatchObject({ billing_reason: 'subscription_update', status: 'void' });
  });

  it('previews an always_invoice switch at a proration date the update then reuses', async () => {
    const customer = await customerWithCard();
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }] });
    await h.control('POST', '/_emulator/clock/advance', { seconds: 15 * 86400 });
    const preview = await h.stripe.invoices.createPreview({
      customer: customer.id,
      subscription: sub.id,
      subscription_details: { items: [{ id: sub.items.data[0]!.id, price: premium.id }], proration_behavior: 'always_invoice' },
    });
    expect(preview.lines.data).toHaveLength(2);
    expect(preview.amount_due).toBeGreaterThan(0);
    await h.control('POST', '/_emulator/clock/advance', { seconds: 3600 });
    const updated = await h.stripe.subscriptions.update(sub.id, {
      items: [{ id: sub.items.data[0]!.id, price: premium.id }],
      proration_behavior: 'always_invoice',
      proration_date: preview.created,
      expand: ['latest_invoice'],
    });
    expect((updated.latest_invoice as Stripe.Invoice).amount_paid).toBe(preview.amount_due);
  });

  it('switching to a yearly price restarts the period and invoices now', async () => {
    const customer = await customerWithCard();
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }] });
    const yearlySub = await h.stripe.subscriptions.update(sub.id, { items: [{ id: sub.items.data[0]!.id, price: yearly.id }], expand: ['latest_invoice'] });
    const item = yearlySub.items.data[0]!;
    expect(item.current_period_end - item.current_period_start).toBeGreaterThanOrEqual(365 * 86400);
    expect((yearlySub.latest_invoice as Stripe.Invoice).status).toBe('paid');
  });

  it('cancels at period end, resumes by undoing it, and cancels now', async () => {
    const customer = await customerWithCard();
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }] });
    const scheduled = await h.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    expect(scheduled).toMatchObject({ cancel_at_period_end: true, cancel_at: sub.items.data[0]!.current_period_end, status: 'active' });
    const resumed = await h.stripe.subscriptions.update(sub.id, { cancel_at_period_end: false });
    expect(resumed).toMatchObject({ cancel_at_period_end: false, cancel_at: null });
    const canceled = await h.stripe.subscriptions.cancel(sub.id, { cancellation_details: { comment: 'too pricey' } });
    expect(canceled.status).toBe('canceled');
    expect(canceled.ended_at).toBeGreaterThan(0);
    expect(canceled.cancellation_details?.comment).toBe('too pricey');
    expect((await h.stripe.subscriptions.list({ customer: customer.id })).data).toHaveLength(0);
    expect((await h.stripe.subscriptions.list({ customer: customer.id, status: 'canceled' })).data).toHaveLength(1);
  });

  it('lists items and rejects one-time prices as subscription items', async () => {
    const customer = await customerWithCard();
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id, quantity: 2 }], add_invoice_items: [{ price: oneTime.id }], expand: ['latest_invoice'] });
    expect((sub.latest_invoice as Stripe.Invoice).amount_paid).toBe(7500);
    expect((await h.stripe.subscriptionItems.list({ subscription: sub.id })).data[0]!.quantity).toBe(2);
    const err = await stripeError(h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: oneTime.id }] }));
    expect(err.message).toMatch(/type=one_time/);
  });
});

describe('invoices', () => {
  it('draft → add items → finalize (number, open, payment) → pay', async () => {
    const customer = await customerWithCard();
    const invoice = await h.stripe.invoices.create({ customer: customer.id, collection_method: 'charge_automatically', metadata: { ref: 'r1' } });
    expect(invoice).toMatchObject({ status: 'draft', number: null, amount_due: 0 });
    await h.stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, pricing: { price: oneTime.id }, quantity: 2 });
    await h.stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, amount: 500, currency: 'usd', description: 'Extra' });
    const lines = await h.stripe.invoices.listLineItems(invoice.id);
    expect(lines.data.map((l) => l.amount).sort()).toEqual([3000, 500].sort());
    const open = await h.stripe.invoices.finalizeInvoice(invoice.id);
    expect(open).toMatchObject({ status: 'open', amount_due: 3500, amount_remaining: 3500 });
    expect(open.number).toMatch(/-\d{4}$/);
    const payments = await h.stripe.invoicePayments.list({ invoice: invoice.id });
    expect(payments.data).toHaveLength(1);
    expect(payments.data[0]).toMatchObject({ status: 'open', is_default: true, amount_requested: 3500, amount_paid: null });
    const paid = await h.stripe.invoices.pay(invoice.id);
    expect(paid).toMatchObject({ status: 'paid', amount_paid: 3500, amount_remaining: 0 });
    expect(paid.status_transitions.paid_at).toBeGreaterThan(0);
    const [payment] = (await h.stripe.invoicePayments.list({ invoice: invoice.id, status: 'paid' })).data;
    expect(payment).toMatchObject({ amount_paid: 3500, status: 'paid' });
    expect(payment!.status_transitions.paid_at).toBeGreaterThan(0);
    expect((await h.stripe.invoicePayments.retrieve(payment!.id)).id).toBe(payment!.id);
  });

  it('pays with an explicit payment method and reports declines as 402', async () => {
    const customer = await h.stripe.customers.create({});
    const bad = await h.stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id });
    const good = await h.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const invoice = await h.stripe.invoices.create({ customer: customer.id });
    await h.stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, amount: 1200, currency: 'usd' });
    await h.stripe.invoices.finalizeInvoice(invoice.id);
    const err = await stripeError(h.stripe.invoices.pay(invoice.id, { payment_method: bad.id }));
    expect(err.statusCode).toBe(402);
    expect(await h.stripe.invoices.retrieve(invoice.id)).toMatchObject({ status: 'open', attempt_count: 1 });
    expect((await h.stripe.invoices.pay(invoice.id, { payment_method: good.id })).status).toBe('paid');
  });

  it('voids and marks uncollectible, with state errors', async () => {
    const customer = await h.stripe.customers.create({});
    const a = await h.stripe.invoices.create({ customer: customer.id });
    await h.stripe.invoiceItems.create({ customer: customer.id, invoice: a.id, amount: 1000, currency: 'usd' });
    expect((await stripeError(h.stripe.invoices.voidInvoice(a.id))).statusCode).toBe(400);
    await h.stripe.invoices.finalizeInvoice(a.id);
    const voided = await h.stripe.invoices.voidInvoice(a.id);
    expect(voided.status).toBe('void');
    expect((await h.stripe.invoicePayments.list({ invoice: a.id })).data[0]!.status).toBe('canceled');
    const b = await h.stripe.invoices.create({ customer: customer.id });
    await h.stripe.invoiceItems.create({ customer: customer.id, invoice: b.id, amount: 1000, currency: 'usd' });
    await h.stripe.invoices.finalizeInvoice(b.id);
    expect((await h.stripe.invoices.markUncollectible(b.id)).status).toBe('uncollectible');
    expect((await h.stripe.invoices.list({ customer: customer.id, status: 'void' })).data.map((i) => i.id)).toEqual([a.id]);
    const draft = await h.stripe.invoices.create({ customer: customer.id });
    expect(await h.stripe.invoices.del(draft.id)).toMatchObject({ deleted: true });
  });

  it('send_invoice: open with a due date and a payment waiting for the customer', async () => {
    const customer = await h.stripe.customers.create({ email: 'ap@example.com' });
    const invoice = await h.stripe.invoices.create({ customer: customer.id, collection_method: 'send_invoice', days_until_due: 14 });
    await h.stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, amount: 9900, currency: 'usd' });
    const open = await h.stripe.invoices.finalizeInvoice(invoice.id, { expand: ['confirmation_secret'] });
    expect(open.due_date).toBe(open.created + 14 * 86400);
    expect(open.confirmation_secret?.client_secret).toBeTruthy();
    expect((await h.stripe.invoices.sendInvoice(invoice.id)).status).toBe('open');
    const piId = open.confirmation_secret!.client_secret.split('_secret_')[0]!;
    await h.stripe.paymentIntents.confirm(piId, { payment_method: 'pm_card_visa' });
    expect((await h.stripe.invoices.retrieve(invoice.id)).status).toBe('paid');
  });

  it('pending invoice items wait for the next invoice, can be deleted, and are pulled in with pending_invoice_items_behavior', async () => {
    const customer = await h.stripe.customers.create({});
    const kept = await h.stripe.invoiceItems.create({ customer: customer.id, amount: 700, currency: 'usd', description: 'Kept' });
    const dropped = await h.stripe.invoiceItems.create({ customer: customer.id, amount: 300, currency: 'usd' });
    expect(await h.stripe.invoiceItems.del(dropped.id)).toMatchObject({ deleted: true });
    expect((await h.stripe.invoiceItems.update(kept.id, { description: 'Kept item' })).description).toBe('Kept item');
    const invoice = await h.stripe.invoices.create({ customer: customer.id, pending_invoice_items_behavior: 'include' });
    expect(invoice.lines.data.map((l) => l.amount)).toEqual([700]);
    expect((await h.stripe.invoiceItems.retrieve(kept.id)).invoice).toBe(invoice.id);
  });

  it('previews the first invoice of a new subscription', async () => {
    const customer = await h.stripe.customers.create({});
    const preview = await h.stripe.invoices.createPreview({ customer: customer.id, subscription_details: { items: [{ price: monthly.id, quantity: 3 }] } });
    expect(preview.total).toBe(9000);
    expect(preview.lines.data[0]!.pricing?.price_details?.price).toBe(monthly.id);
  });
});

describe('invoice payments', () => {
  async function openInvoice(customer: Stripe.Customer, amount: number): Promise<Stripe.Invoice> {
    const invoice = await h.stripe.invoices.create({ customer: customer.id });
    await h.stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, amount, currency: 'usd' });
    return h.stripe.invoices.finalizeInvoice(invoice.id);
  }
  async function payment(customer: Stripe.Customer, amount: number): Promise<Stripe.PaymentIntent> {
    return h.stripe.paymentIntents.create({ amount, currency: 'usd', customer: customer.id, payment_method: 'pm_card_visa', confirm: true });
  }

  it('one invoice paid by two PaymentIntents (partial payments)', async () => {
    const customer = await h.stripe.customers.create({});
    const invoice = await openInvoice(customer, 5000);
    const first = await payment(customer, 2000);
    const partly = await h.stripe.invoices.attachPayment(invoice.id, { payment_intent: first.id });
    expect(partly).toMatchObject({ status: 'open', amount_paid: 2000, amount_remaining: 3000 });
    const second = await payment(customer, 3000);
    const paid = await h.stripe.invoices.attachPayment(invoice.id, { payment_intent: second.id });
    expect(paid).toMatchObject({ status: 'paid', amount_paid: 5000, amount_remaining: 0 });
    const links = await h.stripe.invoicePayments.list({ invoice: invoice.id, status: 'paid' });
    expect(links.data.map((p) => [p.payment.payment_intent, p.amount_paid]).sort()).toEqual([[first.id, 2000], [second.id, 3000]].sort());
    const byPi = await h.stripe.invoicePayments.list({ payment: { type: 'payment_intent', payment_intent: second.id } });
    expect(byPi.data.map((p) => p.invoice)).toEqual([invoice.id]);
    const withPayments = await h.stripe.invoices.retrieve(invoice.id, { expand: ['payments'] });
    expect(withPayments.payments?.data.filter((p) => p.status === 'paid')).toHaveLength(2);
    const defaultPi = withPayments.payments!.data.find((p) => p.is_default)!;
    expect(defaultPi.status).toBe('canceled');
    expect((await h.stripe.paymentIntents.retrieve(defaultPi.payment.payment_intent as string)).status).toBe('canceled');
  });

  it('one PaymentIntent paying two invoices: attached to each for at most what it still owes', async () => {
    const customer = await h.stripe.customers.create({});
    const a = await openInvoice(customer, 1000);
    const b = await openInvoice(customer, 1500);
    const pi = await payment(customer, 2500);
    // Stripe: a PaymentIntent attached to an invoice asks for at most its amount remaining.
    expect((await stripeError(h.stripe.invoices.attachPayment(a.id, { payment_intent: pi.id }))).code).toBe('amount_too_large');
    const first = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', customer: customer.id });
    await h.stripe.invoices.attachPayment(a.id, { payment_intent: first.id });
    await h.stripe.invoices.attachPayment(b.id, { payment_intent: first.id });
    await h.stripe.paymentIntents.confirm(first.id, { payment_method: 'pm_card_visa' });
    // The money goes to the invoices in the order they were attached, each up to what it owes.
    expect((await h.stripe.invoices.retrieve(a.id)).status).toBe('paid');
    expect((await h.stripe.invoices.retrieve(b.id)).amount_remaining).toBe(1500);
    const links = await h.stripe.invoicePayments.list({ payment: { type: 'payment_intent', payment_intent: first.id } });
    expect(links.data.map((p) => p.invoice).sort()).toEqual([a.id, b.id].sort());
  });

  it('attaching a PaymentIntent before it succeeds counts it once it does', async () => {
    const customer = await h.stripe.customers.create({});
    const invoice = await openInvoice(customer, 1000);
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', customer: customer.id });
    await h.stripe.invoices.attachPayment(invoice.id, { payment_intent: pi.id });
    expect((await h.stripe.invoicePayments.list({ payment: { type: 'payment_intent', payment_intent: pi.id } })).data[0]!.status).toBe('open');
    await h.stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' });
    expect((await h.stripe.invoices.retrieve(invoice.id)).status).toBe('paid');
  });

  it('requires payment[type] when filtering by payment', async () => {
    const response = await h.raw('GET', '/v1/invoice_payments?payment[payment_intent]=pi_x');
    expect(response.status).toBe(400);
  });
});
