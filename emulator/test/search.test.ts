import { beforeAll, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { stripeError, useEmulator } from './harness.js';

const h = useEmulator();
let ada: Stripe.Customer;
let bob: Stripe.Customer;

beforeAll(async () => {
  ada = await h.stripe.customers.create({ email: 'ada@example.com', name: 'Ada Lovelace', metadata: { user_id: '42' } });
  bob = await h.stripe.customers.create({ email: 'bob@example.com', name: 'Bob', metadata: { user_id: '7' } });
});

describe('search', () => {
  it('finds customers by exact field, metadata, substring and OR', async () => {
    expect((await h.stripe.customers.search({ query: "email:'ada@example.com'" })).data.map((c) => c.id)).toEqual([ada.id]);
    expect((await h.stripe.customers.search({ query: "metadata['user_id']:'7'" })).data.map((c) => c.id)).toEqual([bob.id]);
    expect((await h.stripe.customers.search({ query: "name~'love'" })).data.map((c) => c.id)).toEqual([ada.id]);
    const either = await h.stripe.customers.search({ query: "email:'ada@example.com' OR email:'bob@example.com'" });
    expect(either.object).toBe('search_result');
    expect(either.data.map((c) => c.id).sort()).toEqual([ada.id, bob.id].sort());
    expect((await h.stripe.customers.search({ query: "-email:'ada@example.com' AND name:'Bob'" })).data.map((c) => c.id)).toEqual([bob.id]);
  });

  it('compares numbers and pages with next_page', async () => {
    for (const amount of [1000, 2000, 3000]) await h.stripe.paymentIntents.create({ amount, currency: 'usd', metadata: { batch: 'b1' } });
    const big = await h.stripe.paymentIntents.search({ query: "amount>=2000 AND metadata['batch']:'b1'" });
    expect(big.data.map((pi) => pi.amount).sort()).toEqual([2000, 3000]);
    const first = await h.stripe.paymentIntents.search({ query: "metadata['batch']:'b1'", limit: 2 });
    expect(first.has_more).toBe(true);
    const second = await h.stripe.paymentIntents.search({ query: "metadata['batch']:'b1'", limit: 2, page: first.next_page! });
    expect(second.data).toHaveLength(1);
    expect(second.has_more).toBe(false);
  });

  it('refuses malformed queries', async () => {
    expect((await stripeError(h.stripe.customers.search({ query: 'email ada' }))).statusCode).toBe(400);
    expect((await stripeError(h.stripe.customers.search({ query: "email:'a' AND name:'b' OR name:'c'" }))).statusCode).toBe(400);
  });
});
