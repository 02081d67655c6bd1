import { describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { stripeError, useEmulator } from './harness.js';

const h = useEmulator();

describe('PaymentIntents', () => {
  it('walks requires_payment_method → requires_confirmation → succeeded', async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 2500, currency: 'usd', automatic_payment_methods: { enabled: true }, metadata: { order: 'o1' } });
    expect(pi).toMatchObject({ object: 'payment_intent', status: 'requires_payment_method', amount: 2500, currency: 'usd', livemode: false, latest_charge: null });
    expect(pi.client_secret).toMatch(new RegExp(`^${pi.id}_secret_\\w+$`));
    expect(pi.automatic_payment_methods).toEqual({ allow_redirects: 'always', enabled: true });
    const withPm = await h.stripe.paymentIntents.update(pi.id, { payment_method: 'pm_card_visa', amount: 2600 });
    expect(withPm.status).toBe('requires_confirmation');
    expect(withPm.amount).toBe(2600);
    const done = await h.stripe.paymentIntents.confirm(pi.id);
    expect(done).toMatchObject({ status: 'succeeded', amount_received: 2600, metadata: { order: 'o1' } });
  });

  it('refuses to confirm without a payment method or twice', async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
    const missing = await stripeError(h.stripe.paymentIntents.confirm(pi.id));
    expect(missing.code).toBe('payment_intent_unexpected_state');
    await h.stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' });
    const twice = await stripeError(h.stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' }));
    expect(twice.code).toBe('payment_intent_unexpected_state');
    expect(twice.message).toMatch(/status of succeeded/);
  });

  it('refuses amounts under the minimum', async () => {
    const err = await stripeError(h.stripe.paymentIntents.create({ amount: 20, currency: 'usd' }));
    expect(err.code).toBe('amount_too_small');
  });

  it('captures manually, in part', async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 5000, currency: 'usd', capture_method: 'manual', payment_method: 'pm_card_visa', confirm: true });
    expect(pi).toMatchObject({ status: 'requires_capture', amount_capturable: 5000 });
    const charge = await h.stripe.charges.retrieve(pi.latest_charge as string);
    expect(charge.captured).toBe(false);
    const captured = await h.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 4000 });
    expect(captured).toMatchObject({ status: 'succeeded', amount_received: 4000, amount_capturable: 0 });
    expect(await h.stripe.charges.retrieve(pi.latest_charge as string)).toMatchObject({ captured: true, amount_captured: 4000 });
    const again = await stripeError(h.stripe.paymentIntents.capture(pi.id));
    expect(again.code).toBe('payment_intent_unexpected_state');
  });

  it('cancels with a reason, and not after success', async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
    const canceled = await h.stripe.paymentIntents.cancel(pi.id, { cancellation_reason: 'requested_by_customer' });
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'requested_by_customer' });
    expect(canceled.canceled_at).toBeGreaterThan(0);
    const paid = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    const err = await stripeError(h.stripe.paymentIntents.cancel(paid.id));
    expect(err.code).toBe('payment_intent_unexpected_state');
  });

  it('saves the card on the customer with setup_future_usage', async () => {
    const customer = await h.stripe.customers.create({});
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', customer: customer.id, payment_method: 'pm_card_visa', setup_future_usage: 'off_session', confirm: true });
    const saved = await h.stripe.customers.listPaymentMethods(customer.id);
    expect(saved.data.map((pm) => pm.id)).toEqual([pi.payment_method]);
  });

  it('updates a charge and lists charges by PaymentIntent', async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    const charge = await h.stripe.charges.update(pi.latest_charge as string, { description: 'Order 7', metadata: { order: '7' } });
    expect(charge).toMatchObject({ description: 'Order 7', metadata: { order: '7' } });
    expect((await h.stripe.charges.list({ payment_intent: pi.id })).data.map((c) => c.id)).toEqual([charge.id]);
  });

  it('lists by customer', async () => {
    const customer = await h.stripe.customers.create({});
    const a = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', customer: customer.id });
    const b = await h.stripe.paymentIntents.create({ amount: 2000, currency: 'usd', customer: customer.id });
    const list = await h.stripe.paymentIntents.list({ customer: customer.id });
    expect(list.data.map((pi) => pi.id)).toEqual([b.id, a.id]);
  });

  it('creates a card from payment_method_data', async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      confirm: true,
      payment_method_data: { type: 'card', card: { number: '5555555555554444', exp_month: 3, exp_year: 2041, cvc: '123' } } as Stripe.PaymentIntentCreateParams.PaymentMethodData,
      expand: ['payment_method'],
    });
    expect((pi.payment_method as Stripe.PaymentMethod).card?.brand).toBe('mastercard');
  });
});

describe('payment methods and customers', () => {
  it('attaches, lists both ways, sets the invoice default and detaches', async () => {
    const customer = await h.stripe.customers.create({ email: 'pm@example.com', name: 'Ada' });
    const visa = await h.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const mc = await h.stripe.paymentMethods.attach('pm_card_mastercard', { customer: customer.id });
    expect(visa.id).toMatch(/^pm_/);
    const viaCustomer = await h.stripe.customers.listPaymentMethods(customer.id);
    const viaQuery = await h.stripe.paymentMethods.list({ customer: customer.id, type: 'card' });
    expect(viaCustomer.data.map((p) => p.id)).toEqual([mc.id, visa.id]);
    expect(viaQuery.data.map((p) => p.id)).toEqual([mc.id, visa.id]);
    const updated = await h.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: mc.id } });
    expect(updated.invoice_settings.default_payment_method).toBe(mc.id);
    const detached = await h.stripe.paymentMethods.detach(mc.id);
    expect(detached.customer).toBeNull();
    expect((await h.stripe.customers.retrieve(customer.id) as Stripe.Customer).invoice_settings.default_payment_method).toBeNull();
  });

  it('stores and clears addresses', async () => {
    const customer = await h.stripe.customers.create({ address: { line1: '1 Main St', city: 'Springfield', country: 'US' }, shipping: { name: 'Ada', address: { line1: '2 Side St' } } });
    expect(customer.address).toEqual({ line1: '1 Main St', line2: null, city: 'Springfield', state: null, postal_code: null, country: 'US' });
    expect(customer.shipping?.name).toBe('Ada');
    expect((await h.stripe.customers.update(customer.id, { address: '' })).address).toBeNull();
  });

  it('refuses a default payment method that belongs to nobody', async () => {
    const customer = await h.stripe.customers.create({});
    const pm = await h.stripe.paymentMethods.create({ type: 'card', card: { number: '4242424242424242', exp_month: 1, exp_year: 2040 } });
    const err = await stripeError(h.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } }));
    expect(err.statusCode).toBe(400);
  });

  it('creates a customer with a payment method and deletes it', async () => {
    const customer = await h.stripe.customers.create({ payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: undefined } });
    expect((await h.stripe.customers.listPaymentMethods(customer.id)).data).toHaveLength(1);
    const deleted = await h.stripe.customers.del(customer.id);
    expect(deleted).toMatchObject({ id: customer.id, deleted: true });
    expect(await h.stripe.customers.retrieve(customer.id)).toMatchObject({ id: customer.id, deleted: true });
    expect((await stripeError(h.stripe.customers.update(customer.id, { name: 'x' }))).statusCode).toBe(404);
  });
});

describe('SetupIntents', () => {
  it('saves a card for off-session use', async () => {
    const customer = await h.stripe.customers.create({});
    const si = await h.stripe.setupIntents.create({ customer: customer.id, payment_method: 'pm_card_visa', confirm: true, usage: 'off_session' });
    expect(si).toMatchObject({ status: 'succeeded', usage: 'off_session', customer: customer.id });
    expect((await h.stripe.paymentMethods.retrieve(si.payment_method as string)).customer).toBe(customer.id);
  });

  it('asks for 3DS on 3155 and makes later off-session payments succeed', async () => {
    const customer = await h.stripe.customers.create({});
    const si = await h.stripe.setupIntents.create({ customer: customer.id, automatic_payment_methods: { enabled: true } });
    expect(si.status).toBe('requires_payment_method');
    const confirmed = await h.stripe.setupIntents.confirm(si.id, { payment_method: 'pm_card_authenticationRequiredOnSetup', return_url: 'https://app.test/done' });
    expect(confirmed.status).toBe('requires_action');
    const done = await h.control('POST', `/_emulator/3ds/${si.id}`, { outcome: 'complete' });
    expect(done.status).toBe('succeeded');
    const pi = await h.stripe.paymentIntents.create({ amount: 700, currency: 'usd', customer: customer.id, payment_method: done.payment_method, confirm: true, off_session: true });
    expect(pi.status).toBe('succeeded');
  });

  it('fails setup with a declining card and records last_setup_error', async () => {
    const customer = await h.stripe.customers.create({});
    const err = await stripeError(h.stripe.setupIntents.create({ customer: customer.id, payment_method: 'pm_card_chargeDeclined', confirm: true }));
    expect(err.statusCode).toBe(402);
    expect(err.setup_intent?.status).toBe('requires_payment_method');
    expect(err.setup_intent?.last_setup_error?.decline_code).toBe('generic_decline');
  });

  it('cancels', async () => {
    const si = await h.stripe.setupIntents.create({});
    expect((await h.stripe.setupIntents.cancel(si.id)).status).toBe('canceled');
  });
});

describe('refunds', () => {
  async function paid(amount = 5000): Promise<Stripe.PaymentIntent> {
    return h.stripe.paymentIntents.create({ amount, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
  }

  it('refunds in part, then the rest, then refuses', async () => {
    const pi = await paid();
    const partial = await h.stripe.refunds.create({ payment_intent: pi.id, amount: 2000, reason: 'requested_by_customer', metadata: { ticket: 't1' } });
    expect(partial).toMatchObject({ object: 'refund', amount: 2000, status: 'succeeded', reason: 'requested_by_customer', charge: pi.latest_charge, payment_intent: pi.id });
    expect(await h.stripe.charges.retrieve(pi.latest_charge as string)).toMatchObject({ amount_refunded: 2000, refunded: false });
    const tooMuch = await stripeError(h.stripe.refunds.create({ charge: pi.latest_charge as string, amount: 3001 }));
    expect(tooMuch.code).toBe('amount_too_large');
    expect(tooMuch.message).toBe('Refund amount ($30.01) is greater than unrefunded amount on charge ($30.00)');
    const rest = await h.stripe.refunds.create({ charge: pi.latest_charge as string });
    expect(rest.amount).toBe(3000);
    expect(await h.stripe.charges.retrieve(pi.latest_charge as string)).toMatchObject({ amount_refunded: 5000, refunded: true });
    const again = await stripeError(h.stripe.refunds.create({ charge: pi.latest_charge as string }));
    expect(again.code).toBe('charge_already_refunded');
    const listed = await h.stripe.refunds.list({ payment_intent: pi.id });
    expect(listed.data.map((r) => r.id)).toEqual([rest.id, partial.id]);
    const charge = await h.stripe.charges.retrieve(pi.latest_charge as string, { expand: ['refunds'] });
    expect(charge.refunds?.data).toHaveLength(2);
  });

  it('refuses to refund a failed charge or an unpaid PaymentIntent', async () => {
    const err = await stripeError(h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_chargeDeclined', confirm: true }));
    const failedCharge = err.payment_intent!.latest_charge as string;
    const refund = await stripeError(h.stripe.refunds.create({ charge: failedCharge }));
    expect(refund.statusCode).toBe(400);
    const unpaid = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
    expect((await stripeError(h.stripe.refunds.create({ payment_intent: unpaid.id }))).statusCode).toBe(400);
    expect((await stripeError(h.stripe.refunds.create({}))).statusCode).toBe(400);
  });

  it('updates refund metadata', async () => {
    const pi = await paid(1000);
    const refund = await h.stripe.refunds.create({ payment_intent: pi.id });
    expect((await h.stripe.refunds.update(refund.id, { metadata: { note: 'x' } })).metadata).toEqual({ note: 'x' });
  });
});

describe('disputes', () => {
  async function disputed(): Promise<Stripe.Dispute> {
    const pi = await h.stripe.paymentIntents.create({ amount: 4200, currency: 'usd', payment_method: 'pm_card_createDispute', confirm: true });
    return (await h.stripe.disputes.list({ payment_intent: pi.id })).data[0]!;
  }

  it('takes evidence, submits, and the control API decides it won', async () => {
    const dispute = await disputed();
    const withEvidence = await h.stripe.disputes.update(dispute.id, { evidence: { customer_name: 'Ada', uncategorized_text: 'Delivered' }, metadata: { case: 'c1' } });
    expect(withEvidence.evidence).toMatchObject({ customer_name: 'Ada', uncategorized_text: 'Delivered' });
    expect(withEvidence.evidence_details.has_evidence).toBe(true);
    expect(withEvidence.status).toBe('needs_response');
    const submitted = await h.stripe.disputes.update(dispute.id, { submit: true });
    expect(submitted.status).toBe('under_review');
    const won = await h.control('POST', `/_emulator/disputes/${dispute.id}/close`, { outcome: 'won' });
    expect(won.status).toBe('won');
  });

  it('closing accepts the loss; closed disputes stay closed', async () => {
    const dispute = await disputed();
    expect((await h.stripe.disputes.close(dispute.id)).status).toBe('lost');
    expect((await stripeError(h.stripe.disputes.close(dispute.id))).statusCode).toBe(400);
    expect((await stripeError(h.stripe.refunds.create({ charge: dispute.charge as string }))).code).toBe('charge_disputed');
  });
});
