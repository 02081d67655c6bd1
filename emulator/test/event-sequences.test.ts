import { beforeEach, describe, expect, it } from 'vitest';
import { PAID_SUBSCRIPTION_CREATED_EVENTS, eventTypes, stripeError, useEmulator } from './harness.js';

const h = useEmulator();

beforeEach(() => h.reset());

describe('event sequences', () => {
  it('one-time PaymentIntent', async () => {
    await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    expect(await eventTypes(h.stripe)).toEqual(['payment_intent.created', 'charge.succeeded', 'payment_intent.succeeded']);
  });

  it('decline', async () => {
    await stripeError(h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_chargeDeclined', confirm: true }));
    expect(await eventTypes(h.stripe)).toEqual(['payment_intent.created', 'charge.failed', 'payment_intent.payment_failed']);
  });

  it('3-D Secure', async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_authenticationRequired', confirm: true });
    await h.control('POST', `/_emulator/3ds/${pi.id}`, { outcome: 'complete' });
    expect(await eventTypes(h.stripe)).toEqual(['payment_intent.created', 'payment_intent.requires_action', 'charge.succeeded', 'payment_intent.succeeded']);
  });

  it('manual capture', async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, capture_method: 'manual' });
    await h.stripe.paymentIntents.capture(pi.id);
    expect(await eventTypes(h.stripe)).toEqual(['payment_intent.created', 'charge.succeeded', 'payment_intent.amount_capturable_updated', 'charge.captured', 'payment_intent.succeeded']);
  });

  it('refund', async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    const before = (await eventTypes(h.stripe)).length;
    await h.stripe.refunds.create({ payment_intent: pi.id });
    expect((await eventTypes(h.stripe)).slice(before)).toEqual(['charge.refunded', 'refund.created', 'charge.refund.updated']);
    const [refunded] = (await h.stripe.events.list({ type: 'charge.refunded' })).data;
    expect(refunded!.data.previous_attributes).toEqual({ amount_refunded: 0, refunded: false });
  });

  it('dispute', async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_createDispute', confirm: true });
    const [dispute] = (await h.stripe.disputes.list({ payment_intent: pi.id })).data;
    await h.stripe.disputes.update(dispute!.id, { evidence: { uncategorized_text: 'shipped' }, submit: true });
    await h.control('POST', `/_emulator/disputes/${dispute!.id}/close`, { outcome: 'lost' });
    expect(await eventTypes(h.stripe)).toEqual([
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.succeeded',
      'charge.dispute.created',
      'charge.dispute.funds_withdrawn',
      'charge.dispute.updated',
      'charge.dispute.closed',
    ]);
  });

  it('SetupIntent', async () => {
    const customer = await h.stripe.customers.create({});
    await h.stripe.setupIntents.create({ customer: customer.id, payment_method: 'pm_card_visa', confirm: true });
    expect(await eventTypes(h.stripe)).toEqual(['customer.created', 'setup_intent.created', 'payment_method.attached', 'setup_intent.succeeded']);
  });

  it('subscription with the default payment method', async () => {
    const product = await h.stripe.products.create({ name: 'Pro' });
    const price = await h.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 1000, recurring: { interval: 'month' } });
    const customer = await h.stripe.customers.create({ payment_method: 'pm_card_visa' });
    const [pm] = (await h.stripe.customers.listPaymentMethods(customer.id)).data;
    await h.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm!.id } });
    const before = (await eventTypes(h.stripe)).length;
    await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    expect((await eventTypes(h.stripe)).slice(before)).toEqual(PAID_SUBSCRIPTION_CREATED_EVENTS);
  });
});
