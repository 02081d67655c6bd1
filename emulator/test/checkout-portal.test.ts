import { beforeEach, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { PAID_SUBSCRIPTION_CREATED_EVENTS, eventTypes, stripeError, useEmulator } from './harness.js';

const h = useEmulator();
let monthly: Stripe.Price;
let oneTime: Stripe.Price;

beforeEach(async () => {
  await h.reset();
  const product = await h.stripe.products.create({ name: 'Pro' });
  monthly = await h.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 2000, recurring: { interval: 'month' } });
  oneTime = await h.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 4900 });
});

async function typesAfterSetup(): Promise<string[]> {
  const types = await eventTypes(h.stripe);
  return types.filter((t) => !t.startsWith('product.') && !t.startsWith('price.'));
}

describe('Checkout Sessions', () => {
  it('payment mode with price_data: url on the emulator, success_url kept literally, line items', async () => {
    const session = await h.stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price_data: { currency: 'usd', product_data: { name: 'Sticker' }, unit_amount: 300 }, quantity: 3 }, { price: oneTime.id }],
      success_url: 'https://app.test/success?session_id={CHECKOUT_SESSION_ID}',
      cancel_url: 'https://app.test/cancel',
      client_reference_id: 'user_42',
      customer_email: 'buyer@example.com',
      metadata: { cart: 'c1' },
    });
    expect(session).toMatchObject({ object: 'checkout.session', mode: 'payment', status: 'open', payment_status: 'unpaid', amount_total: 5800, currency: 'usd', client_reference_id: 'user_42' });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.url).toBe(`${h.url}/c/pay/${session.id}`);
    expect(session.success_url).toBe('https://app.test/success?session_id={CHECKOUT_SESSION_ID}');
    const items = await h.stripe.checkout.sessions.listLineItems(session.id);
    expect(items.data.map((li) => [li.description, li.quantity, li.amount_total])).toEqual([['Sticker', 3, 900], ['Pro', 1, 4900]]);
    const expanded = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ['line_items'] });
    expect(expanded.line_items?.data).toHaveLength(2);
  });

  it('completing a one-time payment emits the PaymentIntent events then checkout.session.completed', async () => {
    const session = await h.stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: oneTime.id }], success_url: 'https://app.test/ok', customer_email: 'guest@example.com' });
    const done = await h.control('POST', `/_emulator/checkout/sessions/${session.id}/complete`, { payment_method: 'pm_card_visa' });
    expect(done).toMatchObject({ status: 'complete', payment_status: 'paid', customer: null });
    expect(done.customer_details.email).toBe('guest@example.com');
    const pi = await h.stripe.paymentIntents.retrieve(done.payment_intent);
    expect(pi).toMatchObject({ status: 'succeeded', amount: 4900 });
    expect(await typesAfterSetup()).toEqual(['payment_intent.created', 'charge.succeeded', 'payment_intent.succeeded', 'checkout.session.completed']);
  });

  it('invoice_creation creates the customer and a paid invoice linked to the PaymentIntent', async () => {
    const session = await h.stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: oneTime.id }], invoice_creation: { enabled: true }, customer_email: 'inv@example.com', success_url: 'https://app.test/ok' });
    const done = await h.control('POST', `/_emulator/checkout/sessions/${session.id}/complete`, { payment_method: 'pm_card_visa' });
    expect(done.customer).toMatch(/^cus_/);
    const invoice = await h.stripe.invoices.retrieve(done.invoice);
    expect(invoice).toMatchObject({ status: 'paid', amount_paid: 4900, customer: done.customer });
    const links = await h.stripe.invoicePayments.list({ payment: { type: 'payment_intent', payment_intent: done.payment_intent } });
    expect(links.data.map((l) => l.invoice)).toEqual([invoice.id]);
  });

  it('subscription mode: Stripe’s full event sequence ending with checkout.session.completed', async () => {
    const session = await h.stripe.checkout.sessions.create({ mode: 'subscription', line_items: [{ price: monthly.id }], success_url: 'https://app.test/ok', customer_email: 'sub@example.com' });
    const done = await h.control('POST', `/_emulator/checkout/sessions/${session.id}/complete`, { payment_method: 'pm_card_visa', name: 'Ada' });
    expect(done).toMatchObject({ status: 'complete', payment_status: 'paid' });
    const sub = await h.stripe.subscriptions.retrieve(done.subscription);
    expect(sub.status).toBe('active');
    expect(done.invoice).toBe(sub.latest_invoice);
    expect(await typesAfterSetup()).toEqual(['customer.created', 'payment_method.attached', 'customer.updated', ...PAID_SUBSCRIPTION_CREATED_EVENTS, 'checkout.session.completed']);
  });

  it('subscription mode with a trial: trialing and no payment required', async () => {
    const customer = await h.stripe.customers.create({ email: 'trial@example.com' });
    const session = await h.stripe.checkout.sessions.create({ mode: 'subscription', customer: customer.id, line_items: [{ price: monthly.id }], subscription_data: { trial_period_days: 7 }, success_url: 'https://app.test/ok' });
    const done = await h.control('POST', `/_emulator/checkout/sessions/${session.id}/complete`, { payment_method: 'pm_card_visa' });
    expect(done.payment_status).toBe('no_payment_required');
    expect((await h.stripe.subscriptions.retrieve(done.subscription)).status).toBe('trialing');
  });

  it('3-D Secure inside Checkout: the session completes once the challenge does', async () => {
    const session = await h.stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: oneTime.id }], customer_email: 'x@example.com', success_url: 'https://app.test/ok' });
    const pending = await h.control('POST', `/_emulator/checkout/sessions/${session.id}/complete`, { payment_method: 'pm_card_authenticationRequired' });
    expect(pending.status).toBe('open');
    const pi = await h.stripe.paymentIntents.retrieve(pending.payment_intent);
    expect(pi.status).toBe('requires_action');
    await h.control('POST', `/_emulator/3ds/${pi.id}`, { outcome: 'complete' });
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).status).toBe('complete');
  });

  it('3-D Secure in subscription mode: the subscription activates and the session completes after the challenge', async () => {
    const session = await h.stripe.checkout.sessions.create({ mode: 'subscription', line_items: [{ price: monthly.id }], customer_email: 'sca@example.com', success_url: 'https://app.test/ok' });
    const pending = await h.control('POST', `/_emulator/checkout/sessions/${session.id}/complete`, { payment_method: 'pm_card_authenticationRequired' });
    expect(pending.status).toBe('open');
    expect((await h.stripe.subscriptions.retrieve(pending.subscription)).status).toBe('incomplete');
    const [link] = (await h.stripe.invoicePayments.list({ invoice: pending.invoice })).data;
    await h.control('POST', `/_emulator/3ds/${link!.payment.payment_intent}`, { outcome: 'complete' });
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).status).toBe('complete');
    expect((await h.stripe.subscriptions.retrieve(pending.subscription)).status).toBe('active');
  });

  it('a declined card leaves the session open with a 402', async () => {
    const session = await h.stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: oneTime.id }], customer_email: 'x@example.com', success_url: 'https://app.test/ok' });
    const err = await h.control('POST', `/_emulator/checkout/sessions/${session.id}/complete`, { card: { number: '4000000000000002', exp_month: 12, exp_year: 2040, cvc: '123' } }).catch((e) => e);
    expect(err.status).toBe(402);
    expect(err.body.error.decline_code).toBe('generic_decline');
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
  });

  it('setup mode saves the card on the customer', async () => {
    const customer = await h.stripe.customers.create({ email: 'setup@example.com' });
    const session = await h.stripe.checkout.sessions.create({ mode: 'setup', customer: customer.id, currency: 'usd', success_url: 'https://app.test/ok' });
    expect(session.payment_status).toBe('no_payment_required');
    const done = await h.control('POST', `/_emulator/checkout/sessions/${session.id}/complete`, { payment_method: 'pm_card_visa' });
    expect(done.status).toBe('complete');
    const si = await h.stripe.setupIntents.retrieve(done.setup_intent);
    expect(si.status).toBe('succeeded');
    expect((await h.stripe.customers.listPaymentMethods(customer.id)).data).toHaveLength(1);
  });

  it('expires, and lists by status and customer', async () => {
    const session = await h.stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: oneTime.id }], success_url: 'https://app.test/ok' });
    const expired = await h.stripe.checkout.sessions.expire(session.id);
    expect(expired).toMatchObject({ status: 'expired', url: null });
    expect((await stripeError(h.stripe.checkout.sessions.expire(session.id))).statusCode).toBe(400);
    expect((await h.stripe.checkout.sessions.list({ status: 'expired' })).data.map((s) => s.id)).toEqual([session.id]);
    expect(await typesAfterSetup()).toEqual(['checkout.session.expired']);
  });

  it('validates mode, line items and customer parameters', async () => {
    expect((await stripeError(h.stripe.checkout.sessions.create({ line_items: [{ price: oneTime.id }] } as Stripe.Checkout.SessionCreateParams))).param).toBe('mode');
    expect((await stripeError(h.stripe.checkout.sessions.create({ mode: 'subscription', line_items: [{ price: oneTime.id }] }))).statusCode).toBe(400);
    expect((await stripeError(h.stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: monthly.id }] }))).statusCode).toBe(400);
    const customer = await h.stripe.customers.create({});
    expect((await stripeError(h.stripe.checkout.sessions.create({ mode: 'payment', customer: customer.id, customer_email: 'a@b.c', line_items: [{ price: oneTime.id }] }))).statusCode).toBe(400);
  });
});

describe('billing portal', () => {
  it('creates sessions on the emulator origin with a default configuration', async () => {
    const customer = await h.stripe.customers.create({});
    const session = await h.stripe.billingPortal.sessions.create({ customer: customer.id, return_url: 'https://app.test/account' });
    expect(session).toMatchObject({ object: 'billing_portal.session', customer: customer.id, return_url: 'https://app.test/account' });
    expect(session.id).toMatch(/^bps_/);
    expect(session.url).toBe(`${h.url}/p/session/${session.id}`);
    const config = await h.stripe.billingPortal.configurations.retrieve(session.configuration as string);
    expect(config).toMatchObject({ is_default: true, active: true });
  });

  it('manages configurations', async () => {
    const config = await h.stripe.billingPortal.configurations.create({
      business_profile: { headline: 'Paydesk' },
      features: { subscription_cancel: { enabled: true, mode: 'immediately' }, invoice_history: { enabled: true } },
    });
    expect(config.id).toMatch(/^bpc_/);
    expect(config.features.subscription_cancel).toMatchObject({ enabled: true, mode: 'immediately' });
    const updated = await h.stripe.billingPortal.configurations.update(config.id, { active: false });
    expect(updated.active).toBe(false);
    expect((await h.stripe.billingPortal.configurations.list({ active: false })).data.map((c) => c.id)).toEqual([config.id]);
    const customer = await h.stripe.customers.create({});
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }], trial_period_days: 3 });
    const flow = await h.stripe.billingPortal.sessions.create({ customer: customer.id, configuration: config.id, flow_data: { type: 'subscription_cancel', subscription_cancel: { subscription: sub.id } } });
    expect(flow.flow?.type).toBe('subscription_cancel');
  });
});
