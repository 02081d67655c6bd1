// SEPA Direct Debit: sepa_debit PaymentMethods, mandates, PaymentIntents that go to `processing`
// and settle on the emulator's clock as Stripe's test IBANs say, Checkout's async payment events,
// and invoices paid by a debit.
import { beforeEach, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { eventTypes, stripeError, useEmulator } from './harness.js';
import { SEPA_TEST_IBANS, ibanProblem } from '../src/sepa.js';

const h = useEmulator();

const BILLING = { name: 'Jenny Rosen', email: 'jenny@example.com' };
const OFFLINE_MANDATE = { customer_acceptance: { type: 'offline' as const } };

beforeEach(async () => {
  await h.reset();
});

function sepaMethod(iban: string): Promise<Stripe.PaymentMethod> {
  return h.stripe.paymentMethods.create({ type: 'sepa_debit', sepa_debit: { iban }, billing_details: BILLING });
}

async function debit(iban: string, extra: Partial<Stripe.PaymentIntentCreateParams> = {}): Promise<Stripe.PaymentIntent> {
  const pm = await sepaMethod(iban);
  return h.stripe.paymentIntents.create({ amount: 1000, currency: 'eur', allowed_payment_method_types: ['sepa_debit'], payment_method: pm.id, confirm: true, mandate_data: OFFLINE_MANDATE, ...extra });
}

/** Moves the global clock on (what a delayed debit waits for). */
async function advanceGlobal(seconds: number): Promise<void> {
  await h.control('POST', '/_emulator/clock/advance', { seconds });
}

describe('sepa_debit PaymentMethods', () => {
  it('keeps the IBAN to itself and shows the sepa_debit hash Stripe derives from it', async () => {
    const pm = await h.stripe.paymentMethods.create({ type: 'sepa_debit', sepa_debit: { iban: 'DE89 3704 0044 0532 0130 00' }, billing_details: BILLING });
    expect(pm.type).toBe('sepa_debit');
    expect(pm.sepa_debit).toMatchObject({ bank_code: '37040044', branch_code: null, country: 'DE', last4: '3000', generated_from: { charge: null, setup_attempt: null } });
    expect(pm.sepa_debit!.fingerprint).toEqual(expect.any(String));
    expect(pm.billing_details).toMatchObject(BILLING);
    expect(JSON.stringify(pm)).not.toContain('0532013000');
    const again = await sepaMethod('DE89370400440532013000');
    expect(again.sepa_debit!.fingerprint).toBe(pm.sepa_debit!.fingerprint);
    const listed = await h.stripe.paymentMethods.list({ type: 'sepa_debit' });
    expect(listed.data.map((p) => p.id).sort()).toEqual([pm.id, again.id].sort());
  });

  it('refuses invalid IBANs with a clear invalid_request_error on sepa_debit[iban]', async () => {
    const cases: [string, RegExp][] = [
      ['DE89370400440532013001', /check digits/],
      ['DE8937040044053201300', /wrong number of characters/],
      ['US89370400440532013000', /country code/],
      ['DE89-3704-0044', /invalid/],
    ];
    for (const [iban, message] of cases) {
      const err = await stripeError(sepaMethod(iban));
      expect(err.type).toBe('StripeInvalidRequestError');
      expect(err.param).toBe('sepa_debit[iban]');
      expect(err.message).toMatch(message);
    }
  });

  it('requires the account holder name and email, as Stripe does for SEPA', async () => {
    const noName = await stripeError(h.stripe.paymentMethods.create({ type: 'sepa_debit', sepa_debit: { iban: 'DE89370400440532013000' }, billing_details: { email: 'a@example.com' } }));
    expect(noName.param).toBe('billing_details[name]');
    const noEmail = await stripeError(h.stripe.paymentMethods.create({ type: 'sepa_debit', sepa_debit: { iban: 'DE89370400440532013000' }, billing_details: { name: 'A' } }));
    expect(noEmail.param).toBe('billing_details[email]');
    const noIban = await stripeError(h.stripe.paymentMethods.create({ type: 'sepa_debit', billing_details: BILLING }));
    expect(noIban.param).toBe('sepa_debit');
  });

  it("every IBAN in Stripe's test table passes the IBAN checksum", () => {
    expect(SEPA_TEST_IBANS.size).toBeGreaterThanOrEqual(150);
    for (const iban of SEPA_TEST_IBANS.keys()) expect(ibanProblem(iban), iban).toBeUndefined();
  });
});

describe('PaymentIntents with sepa_debit', () => {
  it('confirming needs a mandate; with mandate_data it creates one and goes to processing', async () => {
    const pm = await sepaMethod('DE08370400440532013003');
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'eur', allowed_payment_method_types: ['sepa_debit'], payment_method: pm.id });
    expect(pi).toMatchObject({ allowed_payment_method_types: ['sepa_debit'], payment_method_types: ['sepa_debit'] });
    const missing = await stripeError(h.stripe.paymentIntents.confirm(pi.id));
    expect(missing.code).toBe('payment_intent_mandate_invalid');
    expect(missing.param).toBe('mandate_data');

    const confirmed = await h.stripe.paymentIntents.confirm(pi.id, {
      mandate_data: { customer_acceptance: { type: 'online', accepted_at: 1_700_000_000, online: { ip_address: '203.0.113.7', user_agent: 'Mozilla/5.0' } } },
    });
    expect(confirmed.status).toBe('processing');
    const charge = await h.stripe.charges.retrieve(confirmed.latest_charge as string);
    expect(charge).toMatchObject({ status: 'pending', paid: false, balance_transaction: null, payment_method_details: { type: 'sepa_debit', sepa_debit: { last4: '3003', country: 'DE' } } });
    const mandate = await h.stripe.mandates.retrieve(charge.payment_method_details!.sepa_debit!.mandate!);
    expect(mandate).toMatchObject({
      object: 'mandate',
      status: 'active',
      type: 'multi_use',
      payment_method: pm.id,
      customer_acceptance: { type: 'online', accepted_at: 1_700_000_000, online: { ip_address: '203.0.113.7', user_agent: 'Mozilla/5.0' } },
      payment_method_details: { type: 'sepa_debit' },
    });
    expect(mandate.payment_method_details.sepa_debit!.reference).toEqual(expect.any(String));
    const expanded = await h.stripe.mandates.retrieve(mandate.id, { expand: ['payment_method'] });
    expect((expanded.payment_method as Stripe.PaymentMethod).sepa_debit?.last4).toBe('3003');
    expect((await stripeError(h.stripe.mandates.retrieve('mandate_nope'))).code).toBe('resource_missing');
  });

  it('online acceptance needs ip_address and user_agent', async () => {
    const pm = await sepaMethod('DE89370400440532013000');
    const err = await stripeError(
      h.stripe.paymentIntents.create({ amount: 1000, currency: 'eur', allowed_payment_method_types: ['sepa_debit'], payment_method: pm.id, confirm: true, mandate_data: { customer_acceptance: { type: 'online' } } as never }),
    );
    expect(err.param).toBe('mandate_data[customer_acceptance][online]');
  });

  it('refuses a sepa_debit PaymentMethod on a card-only intent, and sepa_debit outside eur', async () => {
    const pm = await sepaMethod('DE89370400440532013000');
    const cardOnly = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'eur', allowed_payment_method_types: ['card'] });
    const err = await stripeError(h.stripe.paymentIntents.confirm(cardOnly.id, { payment_method: pm.id, mandate_data: OFFLINE_MANDATE }));
    expect(err.code).toBe('payment_intent_incompatible_payment_method');
    const usd = await stripeError(h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', allowed_payment_method_types: ['sepa_debit'] }));
    expect(usd.param).toBe('allowed_payment_method_types');
  });

  it('DE89370400440532013000: processing, then succeeded moments later (charge.pending → charge.succeeded)', async () => {
    const pi = await debit('DE89370400440532013000');
    expect(pi.status).toBe('processing');
    const settled = await h.stripe.paymentIntents.retrieve(pi.id);
    expect(settled).toMatchObject({ status: 'succeeded', amount_received: 1000 });
    const charge = await h.stripe.charges.retrieve(settled.latest_charge as string);
    expect(charge).toMatchObject({ status: 'succeeded', paid: true, captured: true });
    expect(charge.balance_transaction).toEqual(expect.any(String));
    const types = await eventTypes(h.stripe);
    expect(types.filter((t) => t.startsWith('charge.') || t.startsWith('payment_intent.'))).toEqual([
      'payment_intent.created',
      'charge.pending',
      'payment_intent.processing',
      'charge.succeeded',
      'payment_intent.succeeded',
    ]);
    // The settlement is Stripe's doing: its events carry no request.
    const [succeeded] = (await h.stripe.events.list({ type: 'payment_intent.succeeded' })).data;
    expect(succeeded!.request).toEqual({ id: null, idempotency_key: null });
  });

  it('AT861904300235473202: processing, then requires_payment_method with the charge failed', async () => {
    const pi = await debit('AT861904300235473202');
    expect(pi.status).toBe('processing');
    const failed = await h.stripe.paymentIntents.retrieve(pi.id);
    expect(failed.status).toBe('requires_payment_method');
    expect(failed.last_payment_error).toMatchObject({ charge: pi.latest_charge, payment_method: { id: pi.payment_method } });
    const charge = await h.stripe.charges.retrieve(pi.latest_charge as string);
    expect(charge).toMatchObject({ status: 'failed', paid: false, balance_transaction: null });
    expect(charge.failure_code).toEqual(expect.any(String));
    const types = await eventTypes(h.stripe);
    expect(types.slice(-4)).toEqual(['charge.pending', 'payment_intent.processing', 'charge.failed', 'payment_intent.payment_failed']);
  });

  it.each([
    ['AT981904300002222227', 'insufficient_funds'],
    ['DE65370400440000343434', 'charge_exceeds_source_limit'],
    ['FR5920041010050000000121212', 'charge_exceeds_weekly_limit'],
  ])('%s fails with the documented failure code %s', async (iban, code) => {
    const pi = await debit(iban);
    const failed = await h.stripe.paymentIntents.retrieve(pi.id);
    expect(failed.status).toBe('requires_payment_method');
    // charge_exceeds_weekly_limit is a charge failure code only, not one of the API's error codes.
    if (code !== 'charge_exceeds_weekly_limit') expect(failed.last_payment_error?.code).toBe(code);
    expect((await h.stripe.charges.retrieve(pi.latest_charge as string)).failure_code).toBe(code);
  });

  it('the delayed rows settle only after three minutes on the clock', async () => {
    const success = await debit('AT321904300235473204');
    const failure = await debit('DE78370400440532013004');
    expect((await h.stripe.paymentIntents.retrieve(success.id)).status).toBe('processing');
    await advanceGlobal(170);
    expect((await h.stripe.paymentIntents.retrieve(success.id)).status).toBe('processing');
    expect((await h.stripe.paymentIntents.retrieve(failure.id)).status).toBe('processing');
    await advanceGlobal(10);
    expect((await h.stripe.paymentIntents.retrieve(success.id)).status).toBe('succeeded');
    expect((await h.stripe.paymentIntents.retrieve(failure.id)).status).toBe('requires_payment_method');
  });

  it("on a test clock, a delayed debit settles when the customer's clock is advanced", async () => {
    const clock = await h.stripe.testHelpers.testClocks.create({ frozen_time: 1_767_225_600 });
    const customer = await h.stripe.customers.create({ email: 'c@example.com', test_clock: clock.id });
    const pi = await debit('DE08370400440532013003', { customer: customer.id });
    await advanceGlobal(600);
    expect((await h.stripe.paymentIntents.retrieve(pi.id)).status).toBe('processing');
    await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: 1_767_225_600 + 180 });
    expect((await h.stripe.paymentIntents.retrieve(pi.id)).status).toBe('succeeded');
  });

  it('the disputed row succeeds and is disputed at once', async () => {
    const pi = await debit('DE35370400440532013002');
    expect((await h.stripe.paymentIntents.retrieve(pi.id)).status).toBe('succeeded');
    const disputes = await h.stripe.disputes.list({ payment_intent: pi.id });
    expect(disputes.data).toHaveLength(1);
    expect((await h.stripe.charges.retrieve(pi.latest_charge as string)).disputed).toBe(true);
  });

  it('setup_future_usage attaches the PaymentMethod; its mandate then serves off-session debits', async () => {
    const customer = await h.stripe.customers.create({ email: 'c@example.com' });
    const first = await debit('DE89370400440532013000', { customer: customer.id, setup_future_usage: 'off_session' });
    const pm = await h.stripe.paymentMethods.retrieve(first.payment_method as string);
    expect(pm.customer).toBe(customer.id);
    const firstMandate = (await h.stripe.charges.retrieve(first.latest_charge as string)).payment_method_details!.sepa_debit!.mandate;
    const again = await h.stripe.paymentIntents.create({ amount: 500, currency: 'eur', customer: customer.id, allowed_payment_method_types: ['sepa_debit'], payment_method: pm.id, confirm: true, off_session: true });
    expect(again.status).toBe('processing');
    expect((await h.stripe.charges.retrieve(again.latest_charge as string)).payment_method_details!.sepa_debit!.mandate).toBe(firstMandate);
    // On-session, the customer must accept a mandate again.
    const onSession = await stripeError(h.stripe.paymentIntents.create({ amount: 500, currency: 'eur', customer: customer.id, allowed_payment_method_types: ['sepa_debit'], payment_method: pm.id, confirm: true }));
    expect(onSession.code).toBe('payment_intent_mandate_invalid');
  });

  it('allowed_payment_method_types offers only what fits the payment; the older payment_method_types name is still taken', async () => {
    const usd = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', allowed_payment_method_types: ['card', 'sepa_debit'] });
    expect(usd).toMatchObject({ allowed_payment_method_types: ['card', 'sepa_debit'], payment_method_types: ['card'] });
    const legacy = await h.raw('POST', '/v1/payment_intents', { body: 'amount=1000&currency=eur&payment_method_types[]=sepa_debit' });
    expect(((await legacy.json()) as Stripe.PaymentIntent).payment_method_types).toEqual(['sepa_debit']);
  });

  it('with automatic payment methods, an eur PaymentIntent takes a sepa_debit PaymentMethod; its payment_method_types stay as for cards', async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'eur', automatic_payment_methods: { enabled: true } });
    expect(pi.payment_method_types).toEqual(['card']);
    const pm = await sepaMethod('DE89370400440532013000');
    const confirmed = await h.stripe.paymentIntents.confirm(pi.id, { payment_method: pm.id, mandate_data: OFFLINE_MANDATE });
    expect(confirmed.status).toBe('processing');
  });

  it('a settled debit can be refunded, and its receipt names the bank account', async () => {
    const pi = await debit('DE89370400440532013000');
    const charge = await h.stripe.charges.retrieve(pi.latest_charge as string);
    expect(charge.status).toBe('succeeded');
    const refund = await h.stripe.refunds.create({ payment_intent: pi.id, amount: 400 });
    expect(refund).toMatchObject({ amount: 400, charge: charge.id });
    expect((await h.stripe.charges.retrieve(charge.id)).amount_refunded).toBe(400);
    const receipt = await (await fetch(charge.receipt_url!)).text();
    expect(receipt).toContain('SEPA Direct Debit •••• 3000');
  });

  it('cards are unchanged', async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'eur', payment_method: 'pm_card_visa', confirm: true, allowed_payment_method_types: ['card'] });
    expect(pi.status).toBe('succeeded');
  });
});

describe('SetupIntents with sepa_debit', () => {
  it('confirming with mandate_data succeeds at once with a mandate, attaches the PaymentMethod, and the mandate serves off-session debits', async () => {
    const customer = await h.stripe.customers.create({ email: 'c@example.com' });
    const pm = await sepaMethod('DE89370400440532013000');
    const missing = await stripeError(h.stripe.setupIntents.create({ customer: customer.id, allowed_payment_method_types: ['sepa_debit'], payment_method: pm.id, confirm: true }));
    expect(missing.code).toBe('setup_intent_mandate_invalid');
    const si = await h.stripe.setupIntents.create({ customer: customer.id, allowed_payment_method_types: ['sepa_debit'], payment_method: pm.id, confirm: true, mandate_data: OFFLINE_MANDATE });
    expect(si).toMatchObject({ status: 'succeeded', payment_method_types: ['sepa_debit'] });
    const mandate = await h.stripe.mandates.retrieve(si.mandate as string);
    expect(mandate).toMatchObject({ status: 'active', payment_method: pm.id, customer_acceptance: { type: 'offline' } });
    expect((await h.stripe.paymentMethods.retrieve(pm.id)).customer).toBe(customer.id);
    const pi = await h.stripe.paymentIntents.create({ amount: 700, currency: 'eur', customer: customer.id, allowed_payment_method_types: ['sepa_debit'], payment_method: pm.id, confirm: true, off_session: true });
    expect(pi.status).toBe('processing');
    expect((await h.stripe.charges.retrieve(pi.latest_charge as string)).payment_method_details!.sepa_debit!.mandate).toBe(mandate.id);
  });

  it('a card-only SetupIntent refuses a sepa_debit PaymentMethod', async () => {
    const pm = await sepaMethod('DE89370400440532013000');
    const si = await h.stripe.setupIntents.create({ allowed_payment_method_types: ['card'] });
    const err = await stripeError(h.stripe.setupIntents.confirm(si.id, { payment_method: pm.id, mandate_data: OFFLINE_MANDATE }));
    expect(err.param).toBe('payment_method');
  });
});

describe('Checkout with sepa_debit', () => {
  async function eurSession(mode: 'payment' | 'subscription'): Promise<Stripe.Checkout.Session> {
    const product = await h.stripe.products.create({ name: 'Pro' });
    const price = await h.stripe.prices.create({ product: product.id, currency: 'eur', unit_amount: 1500, ...(mode === 'subscription' ? { recurring: { interval: 'month' as const } } : {}) });
    return h.stripe.checkout.sessions.create({ mode, allowed_payment_method_types: ['sepa_debit'], line_items: [{ price: price.id, quantity: 2 }], success_url: 'https://app.test/ok', cancel_url: 'https://app.test/cancel' });
  }

  async function pay(session: Stripe.Checkout.Session, iban: string): Promise<Stripe.Checkout.Session> {
    const pm = await sepaMethod(iban);
    const response = await h.raw('POST', `/v1/payment_pages/${session.id}/confirm`, { body: new URLSearchParams({ payment_method: pm.id, expected_amount: '3000' }).toString() });
    expect(response.status).toBe(200);
    return (await response.json()) as Stripe.Checkout.Session;
  }

  it('payment mode: complete and unpaid while the debit processes, then async_payment_succeeded', async () => {
    const session = await eurSession('payment');
    expect(session.payment_method_types).toEqual(['sepa_debit']);
    const completed = await pay(session, 'AT321904300235473204');
    expect(completed).toMatchObject({ status: 'complete', payment_status: 'unpaid' });
    expect((await eventTypes(h.stripe)).filter((t) => t.startsWith('checkout.'))).toEqual(['checkout.session.completed']);
    await advanceGlobal(180);
    const settled = await h.stripe.checkout.sessions.retrieve(session.id);
    expect(settled).toMatchObject({ status: 'complete', payment_status: 'paid' });
    expect((await eventTypes(h.stripe)).filter((t) => t.startsWith('checkout.'))).toEqual(['checkout.session.completed', 'checkout.session.async_payment_succeeded']);
  });

  it('payment mode: a failed debit sends checkout.session.async_payment_failed and leaves the session unpaid', async () => {
    const session = await eurSession('payment');
    await pay(session, 'AT861904300235473202');
    const after = await h.stripe.checkout.sessions.retrieve(session.id);
    expect(after).toMatchObject({ status: 'complete', payment_status: 'unpaid' });
    expect((await eventTypes(h.stripe)).filter((t) => t.startsWith('checkout.'))).toEqual(['checkout.session.completed', 'checkout.session.async_payment_failed']);
  });

  it('the hosted page offers SEPA Direct Debit (IBAN, account holder) where the session allows it, and pays with it', async () => {
    const sepaOnly = await eurSession('payment');
    const page = await (await fetch(sepaOnly.url!)).text();
    expect(page).toContain('id="iban"');
    expect(page).toContain('Pay with SEPA Direct Debit');
    expect(page).not.toContain('name="paymentMethodType"');
    const product = await h.stripe.products.create({ name: 'Both' });
    const price = await h.stripe.prices.create({ product: product.id, currency: 'eur', unit_amount: 900 });
    const both = await h.stripe.checkout.sessions.create({ mode: 'payment', allowed_payment_method_types: ['card', 'sepa_debit'], line_items: [{ price: price.id, quantity: 1 }], success_url: 'https://app.test/ok' });
    const bothPage = await (await fetch(both.url!)).text();
    expect(bothPage).toContain('name="paymentMethodType"');
    expect(bothPage).toContain('id="card-fields"');
    const cardOnly = await h.stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: price.id, quantity: 1 }], success_url: 'https://app.test/ok' });
    expect(await (await fetch(cardOnly.url!)).text()).not.toContain('id="iban"');
    // The page's script bundles, and its confirm call takes the sepa_debit PaymentMethod it creates.
    expect((await fetch(`${h.url}/_emulator/assets/checkout.js`)).status).toBe(200);
    const pm = await sepaMethod('DE89370400440532013000');
    const answer = await fetch(`${h.url}/c/pay/${sepaOnly.id}/confirm`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ payment_method: pm.id, email: 'jenny@example.com' }) });
    expect(await answer.json()).toEqual({ redirect: 'https://app.test/ok' });
    expect((await h.stripe.checkout.sessions.retrieve(sepaOnly.id)).payment_status).toBe('paid');
  });

  it('refuses sepa_debit for a session not in eur', async () => {
    const product = await h.stripe.products.create({ name: 'Pro' });
    const price = await h.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 1500 });
    const err = await stripeError(
      h.stripe.checkout.sessions.create({ mode: 'payment', allowed_payment_method_types: ['sepa_debit'], line_items: [{ price: price.id, quantity: 1 }], success_url: 'https://app.test/ok' }),
    );
    expect(err.param).toBe('allowed_payment_method_types');
  });

  it('subscription mode: the first invoice stays open while the debit processes and is paid when it succeeds', async () => {
    const session = await eurSession('subscription');
    const completed = await pay(session, 'DE08370400440532013003');
    expect(completed).toMatchObject({ status: 'complete', payment_status: 'unpaid' });
    const invoiceId = completed.invoice as string;
    expect((await h.stripe.invoices.retrieve(invoiceId)).status).toBe('open');
    expect((await h.stripe.subscriptions.retrieve(completed.subscription as string)).status).toBe('incomplete');
    await advanceGlobal(180);
    expect((await h.stripe.invoices.retrieve(invoiceId)).status).toBe('paid');
    expect((await h.stripe.subscriptions.retrieve(completed.subscription as string)).status).toBe('active');
    const settled = await h.stripe.checkout.sessions.retrieve(session.id);
    expect(settled).toMatchObject({ status: 'complete', payment_status: 'paid' });
    const types = await eventTypes(h.stripe);
    expect(types).toContain('checkout.session.async_payment_succeeded');
    expect(types.indexOf('invoice.paid')).toBeGreaterThan(types.indexOf('payment_intent.processing'));
  });

  it('subscription invoices debit off-session under the existing mandate: first invoice and renewal paid once settled', async () => {
    const clock = await h.stripe.testHelpers.testClocks.create({ frozen_time: 1_767_225_600 });
    const customer = await h.stripe.customers.create({ email: 'c@example.com', test_clock: clock.id });
    const product = await h.stripe.products.create({ name: 'Pro' });
    const price = await h.stripe.prices.create({ product: product.id, currency: 'eur', unit_amount: 1500, recurring: { interval: 'month' } });
    const pm = await sepaMethod('DE89370400440532013000');
    await h.stripe.paymentMethods.attach(pm.id, { customer: customer.id });
    const pi = await h.stripe.paymentIntents.create({ amount: 100, currency: 'eur', customer: customer.id, allowed_payment_method_types: ['sepa_debit'], payment_method: pm.id, confirm: true, mandate_data: OFFLINE_MANDATE });
    expect(pi.status).toBe('processing');
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], default_payment_method: pm.id });
    expect(sub.status).toBe('incomplete');
    const active = await h.stripe.subscriptions.retrieve(sub.id);
    expect(active.status).toBe('active');
    await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: active.items.data[0]!.current_period_end + 60 });
    const renewed = await h.stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    expect((renewed.latest_invoice as Stripe.Invoice).status).toBe('paid');
    expect(renewed.status).toBe('active');
  });

  it('a renewal whose debit fails after processing is a failed attempt: invoice.payment_failed and past_due', async () => {
    const clock = await h.stripe.testHelpers.testClocks.create({ frozen_time: 1_767_225_600 });
    const customer = await h.stripe.customers.create({ email: 'c@example.com', test_clock: clock.id });
    const product = await h.stripe.products.create({ name: 'Pro' });
    const price = await h.stripe.prices.create({ product: product.id, currency: 'eur', unit_amount: 1500, recurring: { interval: 'month' } });
    const good = await sepaMethod('DE89370400440532013000');
    await h.stripe.paymentMethods.attach(good.id, { customer: customer.id });
    await h.stripe.paymentIntents.create({ amount: 100, currency: 'eur', customer: customer.id, allowed_payment_method_types: ['sepa_debit'], payment_method: good.id, confirm: true, mandate_data: OFFLINE_MANDATE });
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], default_payment_method: good.id });
    expect((await h.stripe.subscriptions.retrieve(sub.id)).status).toBe('active');
    // The customer switches to an account whose debits come back (its mandate accepted on a first payment).
    const bad = await sepaMethod('DE62370400440532013001');
    await h.stripe.paymentMethods.attach(bad.id, { customer: customer.id });
    await h.stripe.paymentIntents.create({ amount: 100, currency: 'eur', customer: customer.id, allowed_payment_method_types: ['sepa_debit'], payment_method: bad.id, confirm: true, mandate_data: OFFLINE_MANDATE });
    await h.stripe.subscriptions.update(sub.id, { default_payment_method: bad.id });
    await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: sub.items.data[0]!.current_period_end + 60 });
    const renewed = await h.stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    expect(renewed.status).toBe('past_due');
    const invoice = renewed.latest_invoice as Stripe.Invoice;
    expect(invoice.status).toBe('open');
    expect(invoice.next_payment_attempt).toEqual(expect.any(Number));
    expect(await eventTypes(h.stripe)).toContain('invoice.payment_failed');
  });
});
