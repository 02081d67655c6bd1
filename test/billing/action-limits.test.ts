// Per-customer limits and idempotent attempts on the actions that create Stripe objects, through the
// real actions against the emulator and both databases: a customer past their limit gets a clear
// refusal and nothing reaches Stripe; the same attempt sent twice (one after the other, or at once)
// gets back the one PaymentIntent, order, subscription or Checkout session the first call created.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { actionContext, formData, redirectOf, useActionDatabase } from '../support/server-actions';
import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { attemptCounts, orders, stripeCustomers, users } from '@/lib/db/schema';
import { databaseKinds } from '../support/databases';
import { testStripeForFile } from './emulator';
import { personalOrganisationId } from '../support/members';


// Low limits, so reaching them takes a few calls; read once, at the first use of the configuration.
process.env.ACTION_LIMITS = 'payment=4,checkout=2';

const stripe = testStripeForFile();

describe.each(databaseKinds)('Stripe-calling actions per customer (%s)', (kind) => {
  const { handle, prices } = useActionDatabase(kind);
  let actions: typeof import('@/app/checkout/actions') & typeof import('@/app/pricing/actions');

  beforeAll(async () => {
    actions = { ...(await import('@/app/checkout/actions')), ...(await import('@/app/pricing/actions')) };
  }, 120_000);

  let customerEmail: string;
  beforeEach(async () => {
    customerEmail = `buyer-${crypto.randomUUID()}@example.com`;
    const [user] = await handle.db.insert(users).values({ email: customerEmail }).returning();
    actionContext.session = { user: { id: user.id, role: 'customer' } };
  });

  const customerId = async () => (await handle.db.select().from(stripeCustomers).where(eq(stripeCustomers.email, customerEmail)))[0]!.id;
  const intentsInStripe = async () => (await stripe.api.paymentIntents.list({ customer: await customerId(), limit: 100 })).data;
  const startCheckout = (priceId: string, attemptId: string) => redirectOf(() => actions.startCheckoutAction({}, formData({ priceId, attemptId })));

  it('refuses an order past the customer’s limit with a clear message, creating nothing in Stripe', async () => {
    for (let i = 0; i < 4; i++) expect(await actions.prepareOrderPayment(prices.support_pack!, crypto.randomUUID())).toMatchObject({ ok: true });
    expect(await intentsInStripe()).toHaveLength(4);

    const refused = await actions.prepareOrderPayment(prices.support_pack!, crypto.randomUUID());
    expect(refused).toEqual({ ok: false, error: 'Too many attempts in a short time. Try again in 15 minutes.' });
    expect(await actions.prepareSubscriptionPayment(prices.pro_monthly!, crypto.randomUUID())).toEqual(refused);
    expect(await intentsInStripe()).toHaveLength(4);
    expect(await handle.db.select().from(orders).where(eq(orders.userId, actionContext.session!.user.id))).toHaveLength(4);
    expect((await stripe.api.subscriptions.list({ customer: await customerId(), status: 'all' })).data).toEqual([]);

    // The limit is this customer's: someone else still buys.
    const [other] = await handle.db.insert(users).values({ email: `other-${crypto.randomUUID()}@example.com` }).returning();
    actionContext.session = { user: { id: other.id, role: 'customer' } };
    expect(await actions.prepareOrderPayment(prices.support_pack!, crypto.randomUUID())).toMatchObject({ ok: true });
  });

  it('refuses Checkout sessions past the limit, and counts the limit in the database for every instance', async () => {
    expect(await startCheckout(prices.starter_monthly!, crypto.randomUUID())).toMatch(/^http/);
    expect(await startCheckout(prices.starter_monthly!, crypto.randomUUID())).toMatch(/^http/);
    expect(await startCheckout(prices.starter_monthly!, crypto.randomUUID())).toBe(
      `answered ${JSON.stringify({ error: 'Too many attempts in a short time. Try again in 15 minutes.' })}`,
    );
    expect((await stripe.api.checkout.sessions.list({ customer: await customerId(), limit: 100 })).data).toHaveLength(2);
    const [count] = await handle.db.select().from(attemptCounts).where(eq(attemptCounts.key, `action:checkout:${actionContext.session!.user.id}`));
    expect(count?.attempts).toBe(3);
  });

  it('answers the same order attempt with the same order and PaymentIntent, one after the other or at once', async () => {
    const attempt = crypto.randomUUID();
    const first = await actions.prepareOrderPayment(prices.support_pack!, attempt);
    const again = await actions.prepareOrderPayment(prices.support_pack!, attempt);
    expect(first).toMatchObject({ ok: true, kind: 'payment' });
    expect(again).toEqual(first);

    const together = crypto.randomUUID();
    const [a, b] = await Promise.all([actions.prepareOrderPayment(prices.support_pack!, together), actions.prepareOrderPayment(prices.support_pack!, together)]);
    expect(a).toMatchObject({ ok: true });
    expect(b).toEqual(a);

    const intents: Stripe.PaymentIntent[] = await intentsInStripe();
    expect(intents).toHaveLength(2);
    expect(new Set(intents.map((i) => i.client_secret))).toEqual(new Set([first, a].map((p) => (p as { clientSecret: string }).clientSecret)));
    expect(await handle.db.select().from(orders).where(eq(orders.userId, actionContext.session!.user.id))).toHaveLength(2);
  });

  it('answers the same subscription attempt and the same Checkout attempt with what the first call created', async () => {
    const attempt = crypto.randomUUID();
    const first = await actions.prepareSubscriptionPayment(prices.starter_monthly!, attempt);
    expect(first).toMatchObject({ ok: true, kind: 'payment' });
    expect(await actions.prepareSubscriptionPayment(prices.starter_monthly!, attempt)).toEqual(first);
    expect((await stripe.api.subscriptions.list({ customer: await customerId(), status: 'all' })).data).toHaveLength(1);

    const [other] = await handle.db.insert(users).values({ email: `checkout-${crypto.randomUUID()}@example.com` }).returning();
    actionContext.session = { user: { id: other.id, role: 'customer' } };
    const checkoutAttempt = crypto.randomUUID();
    const url = await startCheckout(prices.team_monthly!, checkoutAttempt);
    expect(url).toMatch(/^http/);
    expect(await startCheckout(prices.team_monthly!, checkoutAttempt)).toBe(url);
    const [bound] = await handle.db.select().from(stripeCustomers).where(eq(stripeCustomers.organisationId, await personalOrganisationId(handle.db, other.id)));
    expect((await stripe.api.checkout.sessions.list({ customer: bound!.id })).data).toHaveLength(1);
  });
});
