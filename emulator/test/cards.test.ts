import { describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { stripeError, useEmulator } from './harness.js';

const h = useEmulator();

const DECLINES = [
  { number: '4000000000000002', alias: 'pm_card_chargeDeclined', code: 'card_declined', decline: 'generic_decline', message: 'Your card was declined.' },
  { number: '4000000000009995', alias: 'pm_card_visa_chargeDeclinedInsufficientFunds', code: 'card_declined', decline: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  { number: '4000000000009987', alias: 'pm_card_visa_chargeDeclinedLostCard', code: 'card_declined', decline: 'lost_card', message: 'Your card was declined.' },
  { number: '4000000000009979', alias: 'pm_card_visa_chargeDeclinedStolenCard', code: 'card_declined', decline: 'stolen_card', message: 'Your card was declined.' },
  { number: '4000000000000069', alias: 'pm_card_chargeDeclinedExpiredCard', code: 'expired_card', decline: 'expired_card', message: 'Your card has expired.' },
  { number: '4000000000000127', alias: 'pm_card_chargeDeclinedIncorrectCvc', code: 'incorrect_cvc', decline: 'incorrect_cvc', message: "Your card's security code is incorrect." },
  { number: '4000000000000119', alias: 'pm_card_chargeDeclinedProcessingError', code: 'processing_error', decline: 'processing_error', message: 'An error occurred while processing your card. Try again in a little bit.' },
];

async function cardPm(number: string): Promise<Stripe.PaymentMethod> {
  return h.stripe.paymentMethods.create({ type: 'card', card: { number, exp_month: 12, exp_year: 2040, cvc: '123' } });
}

describe('succeeding cards', () => {
  it.each([
    ['4242424242424242', 'visa'],
    ['5555555555554444', 'mastercard'],
    ['378282246310005', 'amex'],
    ['4000056655665556', 'visa'],
  ])('%s charges as %s', async (number, brand) => {
    const pm = await cardPm(number);
    expect(pm.card).toMatchObject({ brand, last4: number.slice(-4), exp_month: 12, exp_year: 2040 });
    const pi = await h.stripe.paymentIntents.create({ amount: 2000, currency: 'usd', payment_method: pm.id, confirm: true, expand: ['latest_charge'] });
    expect(pi.status).toBe('succeeded');
    const charge = pi.latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({ paid: true, status: 'succeeded', amount: 2000, captured: true, refunded: false, amount_refunded: 0 });
    expect(charge.payment_method_details?.card).toMatchObject({ brand, last4: number.slice(-4), exp_month: 12, exp_year: 2040 });
    expect(charge.outcome).toMatchObject({ network_status: 'approved_by_network', type: 'authorized' });
    expect(charge.receipt_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  });

  it('rejects a number that fails the Luhn check and expired dates', async () => {
    const bad = await stripeError(h.stripe.paymentMethods.create({ type: 'card', card: { number: '4242424242424241', exp_month: 12, exp_year: 2040 } }));
    expect(bad.statusCode).toBe(402);
    expect(bad.code).toBe('incorrect_number');
    const past = await stripeError(h.stripe.paymentMethods.create({ type: 'card', card: { number: '4242424242424242', exp_month: 1, exp_year: 2001 } }));
    expect(past.code).toBe('invalid_expiry_year');
  });
});

describe.each(DECLINES)('declining card $number', (card) => {
  it('declines a payment with Stripe code, decline code and message', async () => {
    const pm = await cardPm(card.number);
    const err = await stripeError(h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: pm.id, confirm: true }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(err.statusCode).toBe(402);
    expect(err.code).toBe(card.code);
    expect(err.decline_code).toBe(card.decline);
    expect(err.message).toBe(card.message);
    const pi = err.payment_intent!;
    expect(pi.status).toBe('requires_payment_method');
    expect(pi.last_payment_error).toMatchObject({ type: 'card_error', code: card.code, decline_code: card.decline, message: card.message });
    const charge = await h.stripe.charges.retrieve(pi.latest_charge as string);
    expect(charge).toMatchObject({ status: 'failed', paid: false, failure_code: card.code, failure_message: card.message });
    expect(charge.outcome).toMatchObject({ network_status: 'declined_by_network', type: 'issuer_declined', reason: card.decline });
  });

  it('declines through its pm_card alias too, and cannot be attached to a customer', async () => {
    const err = await stripeError(h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: card.alias, confirm: true }));
    expect(err.decline_code).toBe(card.decline);
    const customer = await h.stripe.customers.create({});
    const attach = await stripeError(h.stripe.paymentMethods.attach(card.alias, { customer: customer.id }));
    expect(attach.statusCode).toBe(402);
    expect(attach.code).toBe(card.code);
  });
});

describe('4000000000000341: attaches, then charges fail', () => {
  it('attaches to a customer but declines when charged off-session', async () => {
    const customer = await h.stripe.customers.create({});
    const pm = await h.stripe.paymentMethods.attach((await cardPm('4000000000000341')).id, { customer: customer.id });
    expect(pm.customer).toBe(customer.id);
    const err = await stripeError(h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', customer: customer.id, payment_method: pm.id, confirm: true, off_session: true }));
    expect(err.code).toBe('card_declined');
    expect(err.decline_code).toBe('generic_decline');
  });
});

describe('3-D Secure cards', () => {
  it('4000002500003155 asks for 3DS on-session, then succeeds off-session once set up', async () => {
    const customer = await h.stripe.customers.create({});
    const pm = await cardPm('4000002500003155');
    const pi = await h.stripe.paymentIntents.create({ amount: 1500, currency: 'usd', customer: customer.id, payment_method: pm.id, confirm: true, setup_future_usage: 'off_session', return_url: 'https://app.test/return' });
    expect(pi.status).toBe('requires_action');
    expect(pi.next_action?.type).toBe('redirect_to_url');
    expect(pi.next_action?.redirect_to_url?.url).toBe(`${h.url}/_emulator/3ds/${pi.id}?return_url=${encodeURIComponent('https://app.test/return')}`);
    expect(pi.next_action?.redirect_to_url?.return_url).toBe('https://app.test/return');
    const resolved = await h.control('POST', `/_emulator/3ds/${pi.id}`, { outcome: 'complete' });
    expect(resolved.status).toBe('succeeded');
    const charge = await h.stripe.charges.retrieve(resolved.latest_charge);
    expect(charge.payment_method_details?.card?.three_d_secure).toMatchObject({ result: 'authenticated' });
    expect((await h.stripe.paymentMethods.retrieve(pm.id)).customer).toBe(customer.id);
    const later = await h.stripe.paymentIntents.create({ amount: 1500, currency: 'usd', customer: customer.id, payment_method: pm.id, confirm: true, off_session: true });
    expect(later.status).toBe('succeeded');
  });

  it('4000002500003155 fails off-session with authentication_required when never set up', async () => {
    const customer = await h.stripe.customers.create({});
    const pm = await h.stripe.paymentMethods.attach((await cardPm('4000002500003155')).id, { customer: customer.id });
    const err = await stripeError(h.stripe.paymentIntents.create({ amount: 1500, currency: 'usd', customer: customer.id, payment_method: pm.id, confirm: true, off_session: true }));
    expect(err.code).toBe('authentication_required');
    expect(err.decline_code).toBe('authentication_required');
    expect(err.payment_intent?.status).toBe('requires_payment_method');
  });

  it.each(['4000002760003184', '4000000000003220'])('%s always asks for 3DS and fails off-session', async (number) => {
    const customer = await h.stripe.customers.create({});
    const pm = await h.stripe.paymentMethods.attach((await cardPm(number)).id, { customer: customer.id });
    const pi = await h.stripe.paymentIntents.create({ amount: 900, currency: 'usd', customer: customer.id, payment_method: pm.id, confirm: true });
    expect(pi.status).toBe('requires_action');
    expect(pi.next_action?.type).toBe('use_stripe_sdk');
    await h.control('POST', `/_emulator/3ds/${pi.id}`, { outcome: 'complete' });
    expect((await h.stripe.paymentIntents.retrieve(pi.id)).status).toBe('succeeded');
    const err = await stripeError(h.stripe.paymentIntents.create({ amount: 900, currency: 'usd', customer: customer.id, payment_method: pm.id, confirm: true, off_session: true }));
    expect(err.code).toBe('authentication_required');
  });

  it('a failed challenge leaves the PaymentIntent in requires_payment_method', async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 900, currency: 'usd', payment_method: 'pm_card_authenticationRequired', confirm: true });
    const failed = await h.control('POST', `/_emulator/3ds/${pi.id}`, { outcome: 'fail' });
    expect(failed.status).toBe('requires_payment_method');
    expect(failed.last_payment_error.code).toBe('payment_intent_authentication_failure');
    expect(failed.latest_charge).toBeNull();
  });

  it('4000008400001629 passes 3DS and is then declined', async () => {
    const pm = await cardPm('4000008400001629');
    const pi = await h.stripe.paymentIntents.create({ amount: 900, currency: 'usd', payment_method: pm.id, confirm: true });
    expect(pi.status).toBe('requires_action');
    const after = await h.control('POST', `/_emulator/3ds/${pi.id}`, { outcome: 'complete' });
    expect(after.status).toBe('requires_payment_method');
    expect(after.last_payment_error).toMatchObject({ code: 'card_declined', decline_code: 'generic_decline' });
  });
});

describe('4000000000000259: disputes after success', () => {
  it('succeeds, then a dispute opens on the charge', async () => {
    const pm = await cardPm('4000000000000259');
    const pi = await h.stripe.paymentIntents.create({ amount: 3000, currency: 'usd', payment_method: pm.id, confirm: true });
    expect(pi.status).toBe('succeeded');
    const disputes = await h.stripe.disputes.list({ payment_intent: pi.id });
    expect(disputes.data).toHaveLength(1);
    expect(disputes.data[0]).toMatchObject({ amount: 3000, charge: pi.latest_charge, status: 'needs_response', reason: 'fraudulent' });
    expect((await h.stripe.charges.retrieve(pi.latest_charge as string)).disputed).toBe(true);
  });
});
