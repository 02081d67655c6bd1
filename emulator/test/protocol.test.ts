import { describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { stripeError, stripeFor, useEmulator } from './harness.js';

const h = useEmulator();

describe('authentication', () => {
  it('rejects a request without an API key with 401', async () => {
    const response = await fetch(`${h.url}/v1/customers`);
    expect(response.status).toBe(401);
    const body = await response.json();
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toMatch(/You did not provide an API key/);
  });

  it('rejects a live or malformed key', async () => {
    const err = await stripeError(stripeFor(h.running.port, 'sk_live_abcdefghijklmnop').customers.list());
    expect(err).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(err.statusCode).toBe(401);
    expect(err.message).toMatch(/^Invalid API Key provided: sk_live_/);
  });

  it('accepts Basic auth with the secret key as user name', async () => {
    const response = await fetch(`${h.url}/v1/customers`, { headers: { Authorization: `Basic ${Buffer.from('sk_test_basic:').toString('base64')}` } });
    expect(response.status).toBe(200);
  });

  it('refuses a publishable key on secret-only endpoints', async () => {
    const err = await stripeError(stripeFor(h.running.port, 'pk_test_browser').customers.list());
    expect(err.statusCode).toBe(401);
    expect(err.message).toMatch(/publishable API key/);
  });

  it('lets a publishable key retrieve and confirm a PaymentIntent with its client secret only', async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 1200, currency: 'usd' });
    const browser = stripeFor(h.running.port, 'pk_test_browser');
    const wrong = await stripeError(browser.paymentIntents.retrieve(pi.id, { client_secret: 'pi_x_secret_nope' }));
    expect(wrong.statusCode).toBe(400);
    const seen = await browser.paymentIntents.retrieve(pi.id, { client_secret: pi.client_secret! });
    expect(seen.id).toBe(pi.id);
    const confirmed = await browser.paymentIntents.confirm(pi.id, { client_secret: pi.client_secret!, payment_method: 'pm_card_visa' } as Stripe.PaymentIntentConfirmParams);
    expect(confirmed.status).toBe('succeeded');
  });

  it('lets a publishable key create a PaymentMethod', async () => {
    const browser = stripeFor(h.running.port, 'pk_test_browser');
    const pm = await browser.paymentMethods.create({ type: 'card', card: { number: '4242424242424242', exp_month: 12, exp_year: 2040, cvc: '123' } });
    expect(pm.card?.last4).toBe('4242');
  });
});

describe('tokens', () => {
  it('lets a publishable key tokenize a card once, for a PaymentMethod', async () => {
    const browser = stripeFor(h.running.port, 'pk_test_browser');
    const token = await browser.tokens.create({ card: { number: '4000000000009995', exp_month: '12', exp_year: '2040', cvc: '123', name: 'Ada' } } as Stripe.TokenCreateParams);
    expect(token).toMatchObject({ object: 'token', type: 'card', used: false });
    expect(token.card).toMatchObject({ brand: 'Visa', last4: '9995', name: 'Ada' });
    const pm = await h.stripe.paymentMethods.create({ type: 'card', card: { token: token.id } });
    expect(pm.card?.last4).toBe('9995');
    const declined = await stripeError(h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: pm.id, confirm: true }));
    expect(declined.decline_code).toBe('insufficient_funds');
    const again = await stripeError(h.stripe.paymentMethods.create({ type: 'card', card: { token: token.id } }));
    expect(again.statusCode).toBe(400);
    expect((await h.stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_mastercard' } })).card?.brand).toBe('mastercard');
  });
});

describe('API version', () => {
  it('accepts the pinned version and a missing header', async () => {
    expect((await h.raw('GET', '/v1/customers', { headers: { 'Stripe-Version': Stripe.API_VERSION } })).status).toBe(200);
    expect((await h.raw('GET', '/v1/customers')).status).toBe(200);
  });

  it('rejects any other version with 400', async () => {
    const response = await h.raw('GET', '/v1/customers', { headers: { 'Stripe-Version': '2020-08-27' } });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/Invalid Stripe API version: 2020-08-27/);
  });
});

describe('errors and validation', () => {
  it('answers an unknown object with 404 resource_missing in Stripe words', async () => {
    const err = await stripeError(h.stripe.customers.retrieve('cus_missing'));
    expect(err.statusCode).toBe(404);
    expect(err.code).toBe('resource_missing');
    expect(err.message).toBe("No such customer: 'cus_missing'");
    expect(err.param).toBe('id');
  });

  it('answers an unknown URL with 404', async () => {
    const response = await h.raw('GET', '/v1/nope');
    expect(response.status).toBe(404);
    expect((await response.json()).error.message).toMatch(/Unrecognized request URL \(GET: \/v1\/nope\)/);
  });

  it('rejects unknown parameters with parameter_unknown', async () => {
    const err = await stripeError(h.stripe.customers.create({ emial: 'x@example.com' } as Stripe.CustomerCreateParams));
    expect(err.code).toBe('parameter_unknown');
    expect(err.param).toBe('emial');
    expect(err.message).toBe('Received unknown parameter: emial');
  });

  it('rejects parameters on a retrieve other than expand', async () => {
    const product = await h.stripe.products.create({ name: 'P' });
    const response = await h.raw('GET', `/v1/products/${product.id}?colour=red`);
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('parameter_unknown');
  });

  it('names nested unknown parameters with their full path', async () => {
    const err = await stripeError(h.stripe.paymentMethods.create({ type: 'card', card: { number: '4242424242424242', exp_month: 1, exp_year: 2040, colour: 'red' } as never }));
    expect(err.param).toBe('card[colour]');
  });

  it('rejects missing and malformed values', async () => {
    const missing = await stripeError(h.stripe.paymentIntents.create({ currency: 'usd' } as Stripe.PaymentIntentCreateParams));
    expect(missing.code).toBe('parameter_missing');
    expect(missing.param).toBe('amount');
    const notInt = await h.raw('POST', '/v1/payment_intents', { body: 'amount=ten&currency=usd' });
    expect(notInt.status).toBe(400);
    expect((await notInt.json()).error).toMatchObject({ code: 'parameter_invalid_integer', param: 'amount', message: 'Invalid integer: ten' });
  });

  it('rejects a malformed body', async () => {
    const response = await h.raw('POST', '/v1/customers', { body: 'email=%E0%A4%A' });
    expect(response.status).toBe(400);
  });

  it('sets Request-Id on every response', async () => {
    const response = await h.raw('GET', '/v1/customers');
    expect(response.headers.get('request-id')).toMatch(/^req_/);
  });
});

describe('qs-style parameters and metadata', () => {
  it('parses `a[]=` arrays and `a[b]=` objects as curl sends them', async () => {
    const response = await h.raw('POST', '/v1/products', { body: 'name=Pro&images[]=https%3A%2F%2Fa.test%2F1.png&images[]=https%3A%2F%2Fa.test%2F2.png&metadata[tier]=gold' });
    const product = await response.json();
    expect(product.images).toEqual(['https://a.test/1.png', 'https://a.test/2.png']);
    expect(product.metadata).toEqual({ tier: 'gold' });
  });

  it('merges metadata keys, unsets one with an empty string and clears all with metadata=', async () => {
    const customer = await h.stripe.customers.create({ metadata: { a: '1', b: '2' } });
    const merged = await h.stripe.customers.update(customer.id, { metadata: { b: '', c: '3' } });
    expect(merged.metadata).toEqual({ a: '1', c: '3' });
    const cleared = await h.stripe.customers.update(customer.id, { metadata: '' });
    expect(cleared.metadata).toEqual({});
  });

  it('clears a field sent with an empty value', async () => {
    const customer = await h.stripe.customers.create({ description: 'VIP' });
    const updated = await h.stripe.customers.update(customer.id, { description: '' });
    expect(updated.description).toBeNull();
  });
});

describe('idempotency', () => {
  it('replays the stored response for the same key and parameters', async () => {
    const first = await h.stripe.customers.create({ email: 'idem@example.com' }, { idempotencyKey: 'key-replay' });
    const again = await h.stripe.customers.create({ email: 'idem@example.com' }, { idempotencyKey: 'key-replay' });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    const all = await h.stripe.customers.list({ email: 'idem@example.com' });
    expect(all.data).toHaveLength(1);
  });

  it('replays declines too, without charging again', async () => {
    const params = { amount: 500, currency: 'usd', payment_method: 'pm_card_chargeDeclined', confirm: true };
    const first = await stripeError(h.stripe.paymentIntents.create(params, { idempotencyKey: 'key-decline' }));
    const again = await stripeError(h.stripe.paymentIntents.create(params, { idempotencyKey: 'key-decline' }));
    expect(again.statusCode).toBe(402);
    expect(again.payment_intent?.id).toBe(first.payment_intent?.id);
  });

  it('refuses the same key with different parameters', async () => {
    await h.stripe.customers.create({ email: 'one@example.com' }, { idempotencyKey: 'key-mismatch' });
    const err = await stripeError(h.stripe.customers.create({ email: 'two@example.com' }, { idempotencyKey: 'key-mismatch' }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(err.statusCode).toBe(400);
    expect(err.rawType).toBe('idempotency_error');
  });

  it('refuses the same key on another endpoint', async () => {
    await h.stripe.customers.create({}, { idempotencyKey: 'key-endpoint' });
    const err = await stripeError(h.stripe.products.create({ name: 'x' }, { idempotencyKey: 'key-endpoint' }));
    expect(err.rawType).toBe('idempotency_error');
    expect(err.message).toMatch(/same endpoint/);
  });

  it('forgets keys after 24 hours of emulator time', async () => {
    const first = await h.stripe.customers.create({ email: 'ttl@example.com' }, { idempotencyKey: 'key-ttl' });
    await h.control('POST', '/_emulator/clock/advance', { seconds: 24 * 3600 + 1 });
    const second = await h.stripe.customers.create({ email: 'ttl@example.com' }, { idempotencyKey: 'key-ttl' });
    expect(second.id).not.toBe(first.id);
  });
});
