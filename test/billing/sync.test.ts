// Webhooks → inbox → mirror against the Stripe emulator over HTTP, on PGlite and PostgreSQL:
// any order, duplicates, same-second races, missing parents, crashes, failing handlers, the
// history join on real objects, "linking…", and reconciliation from an empty mirror.
import { describe, expect, it, vi } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Database } from '@/lib/db/client';
import * as t from '@/lib/db/schema';
import { stripe as appStripe } from '@/lib/stripe/client';
import { customerIdForOrganisation, ensureStripeCustomer } from '@/lib/billing/customers';
import { pricingCatalog } from '@/lib/billing/catalog-queries';
import { owedSubscriptionInvoice } from '@/lib/billing/open-invoices';
import { offersTrial, subscriptionForCustomer } from '@/lib/billing/subscription-mirror';
import { billingHistory } from '@/lib/billing/history';
import { resolveLinking } from '@/lib/billing/linking';
import { createOrderPayment } from '@/lib/billing/orders';
import { reconcile } from '@/lib/billing/reconcile';
import { storeEvent } from '@/lib/billing/sync/inbox';
import { processPendingEvents } from '@/lib/billing/sync/processor';
import { kickProcessing } from '@/lib/billing/sync/scheduler';
import { SyncRun, syncCheckoutSession, syncPaymentIntent } from '@/lib/billing/sync';
import { entitlementsForOrganisation } from '@/lib/billing/entitlements';
import { defaultCard } from '@/lib/billing/payment-methods';
import { inAppPaymentOutcome } from '@/lib/billing/payment-results';
import { POST } from '@/app/api/stripe/webhook/route';
import { databaseKinds, freshDatabase } from '../support/databases';
import { testStripeForFile } from './emulator';
import { eventFor, waitFor, webhookRequest, useAppDatabase } from './support';
import { asMember } from '../support/members';

vi.mock('server-only', () => ({}));

const stripe = testStripeForFile();

// — scenario helpers —

let userCount = 0;
async function newCustomer(db: Database): Promise<{ organisationId: string; customerId: string }> {
  const [user] = await db.insert(t.users).values({ email: `buyer${++userCount}-${Date.now()}@example.com` }).returning();
  const member = await asMember(db, user);
  return { organisationId: member.organisation.id, customerId: await ensureStripeCustomer(member, { db }) };
}

async function newPlan(tier = 'pro'): Promise<Stripe.Price> {
  const product = await stripe.api.products.create({ name: `Plan ${tier}`, metadata: { tier, features: 'reports' } });
  return stripe.api.prices.create({ product: product.id, currency: 'usd', unit_amount: 2000, recurring: { interval: 'month' } });
}

async function subscribe(customerId: string, price: Stripe.Price): Promise<Stripe.Subscription> {
  const method = await stripe.api.paymentMethods.attach('pm_card_visa', { customer: customerId });
  return stripe.api.subscriptions.create({ customer: customerId, items: [{ price: price.id }], default_payment_method: method.id });
}

async function payOnce(customerId: string, amount: number, paymentMethod = 'pm_card_visa'): Promise<Stripe.PaymentIntent> {
  return stripe.api.paymentIntents.create({
    amount,
    currency: 'usd',
    customer: customerId,
    payment_method: paymentMethod,
    confirm: true,
    automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
  });
}

/** The events Stripe recorded while `act` ran, oldest first. */
async function eventsDuring(act: () => Promise<unknown>): Promise<Stripe.Event[]> {
  const [newest] = (await stripe.api.events.list({ limit: 1 })).data;
  await act();
  const events: Stripe.Event[] = [];
  for await (const event of stripe.api.events.list({ limit: 100 })) {
    if (event.id === newest?.id) break;
    events.push(event);
  }
  return events.reverse();
}

/**
 * Posts events to the webhook route. `oneByOne` processes each before the next is posted, so the
 * mirror really sees them in the given order (the inbox would otherwise work a batch oldest first).
 */
async function deliver(events: Stripe.Event[], { oneByOne = false } = {}): Promise<void> {
  for (const event of events) {
    const response = await POST(webhookRequest(JSON.stringify(event), { secret: process.env.STRIPE_WEBHOOK_SECRET }));
    expect(response.status).toBe(200);
    if (oneByOne) await kickProcessing();
  }
  await kickProcessing();
}

const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe.each(databaseKinds)('Stripe mirror on %s', (kind) => {
  const handle = useAppDatabase(kind);

  const row = async <T extends typeof t.stripeInvoices | typeof t.stripePaymentIntents | typeof t.stripeSubscriptions>(table: T, id: string) =>
    (await handle.db.select().from(table as typeof t.stripeInvoices).where(eq((table as typeof t.stripeInvoices).id, id)))[0] as T['$inferSelect'] | undefined;

  it('mirrors a subscription purchase from its events delivered newest first', async () => {
    const { customerId } = await newCustomer(handle.db);
    const price = await newPlan();
    let subscription!: Stripe.Subscription;
    const events = await eventsDuring(async () => {
      subscription = await subscribe(customerId, price);
    });
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['invoice.paid', 'invoice_payment.paid', 'customer.subscription.created']));
    await deliver([...events].reverse(), { oneByOne: true });

    const invoice = await stripe.api.invoices.retrieve(subscription.latest_invoice as string, { expand: ['payments'] });
    const payment = invoice.payments!.data[0];
    const paymentIntentId = payment.payment.payment_intent as string;
    expect(await row(t.stripeSubscriptions, subscription.id)).toMatchObject({ status: 'active', customerId });
    const { payments: _expandOnly, ...storedInvoice } = invoice;
    expect(await row(t.stripeInvoices, invoice.id!)).toMatchObject({ status: 'paid', amountPaid: 2000, subscriptionId: subscription.id, raw: plain(storedInvoice) });
    expect(await row(t.stripePaymentIntents, paymentIntentId)).toMatchObject({ status: 'succeeded', amount: 2000 });

    const { payments } = await billingHistory({ db: handle.db, customerId });
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({
      id: paymentIntentId,
      linking: false,
      card: { brand: 'visa', last4: '4242' },
      invoices: [{ id: invoice.id, number: invoice.number, amountPaid: 2000, lines: [{ name: 'Plan pro', quantity: 1, amount: 2000 }] }],
    });
  });

  it('mirrors saved cards from their events, so the account page reads its card without asking Stripe', async () => {
    const { customerId } = await newCustomer(handle.db);
    let method!: Stripe.PaymentMethod;
    const events = await eventsDuring(async () => {
      method = await stripe.api.paymentMethods.attach('pm_card_mastercard', { customer: customerId });
      await stripe.api.customers.update(customerId, { invoice_settings: { default_payment_method: method.id } });
    });
    await deliver(events);
    const card = { id: method.id, brand: 'mastercard', last4: '4444', expMonth: method.card!.exp_month, expYear: method.card!.exp_year };

    await stripe.control('rate_limit', { clear_counts: true });
    expect(await defaultCard(customerId, null)).toEqual(card);
    expect(await stripe.control('rate_limit', {})).toMatchObject({ requests: 0 });

    // Detaching the default clears it on the customer; the card stays mirrored, without a customer.
    await deliver(await eventsDuring(() => stripe.api.paymentMethods.detach(method.id)));
    expect(await defaultCard(customerId, null)).toBeNull();
    const [detached] = await handle.db.select().from(t.stripePaymentMethods).where(eq(t.stripePaymentMethods.id, method.id));
    expect(detached).toMatchObject({ customerId: null, cardLast4: '4444' });
  });

  it('fetches a default card the mirror does not hold yet once, then reads it from the mirror', async () => {
    const { customerId } = await newCustomer(handle.db);
    const method = await stripe.api.paymentMethods.attach('pm_card_visa', { customer: customerId }); // its events are never delivered
    await stripe.control('rate_limit', { clear_counts: true });
    expect(await defaultCard(customerId, method.id)).toMatchObject({ id: method.id, brand: 'visa', last4: '4242' });
    expect(await stripe.control('rate_limit', {})).toMatchObject({ requests: 1 });
    await stripe.control('rate_limit', { clear_counts: true });
    expect(await defaultCard(customerId, method.id)).toMatchObject({ id: method.id, last4: '4242' });
    expect(await stripe.control('rate_limit', {})).toMatchObject({ requests: 0 });
  });

  it("makes no Stripe call for a customer's pages (pricing, account, billing history) once the mirror has their events", async () => {
    const { organisationId, customerId } = await newCustomer(handle.db);
    const price = await newPlan();
    let subscription!: Stripe.Subscription;
    await deliver(
      await eventsDuring(async () => {
        subscription = await subscribe(customerId, price);
        await payOnce(customerId, 700);
      }),
    );

    // What each page loads, as app/pricing, app/account and app/account/billing load it.
    const options = { db: handle.db };
    const viewPages = async () => {
      await stripe.control('rate_limit', { clear_counts: true });
      expect(await customerIdForOrganisation(handle.db, organisationId)).toBe(customerId);
      await pricingCatalog(options);
      await offersTrial(customerId, options);
      const summary = await subscriptionForCustomer(customerId, options);
      expect(summary).toMatchObject({ id: subscription.id, status: 'active' });
      expect(await owedSubscriptionInvoice(customerId, subscription.id, options)).toBeNull();
      expect(await defaultCard(customerId, summary!.defaultPaymentMethodId)).toMatchObject({ brand: 'visa', last4: '4242' });
      const { payments } = await billingHistory({ db: handle.db, customerId });
      expect(payments).toHaveLength(2);
      await resolveLinking(payments.filter((p) => p.linking).map((p) => p.id), options);
      return ((await stripe.control('rate_limit', {})) as { requests: number }).requests;
    };
    // The payment made outside any order or invoice is looked up once (is an InvoicePayment late?);
    // after that, every view is served by the mirror alone.
    expect(await viewPages()).toBe(1);
    expect(await viewPages()).toBe(0);
  });

  it("reads a finished payment's return page from the mirror with no Stripe call; one round of fetches when the mirror is behind", async () => {
    const [user] = await handle.db.insert(t.users).values({ email: `returning${++userCount}-${Date.now()}@example.com` }).returning();
    const member = await asMember(handle.db, user);
    const customerId = await ensureStripeCustomer(member, { db: handle.db });
    const price = await newPlan();
    const requests = async () => ((await stripe.control('rate_limit', {})) as { requests: number }).requests;

    // Behind: Stripe has the paid subscription, the mirror none of it (no webhook has come yet).
    const subscription = await subscribe(customerId, price);
    await stripe.control('rate_limit', { clear_counts: true });
    const outcome = await inAppPaymentOutcome(member, { subscriptionId: subscription.id }, { db: handle.db });
    expect(outcome).toMatchObject({ state: 'done', purchase: 'subscription', amount: 2000, currency: 'usd', items: [{ name: 'Plan pro', quantity: 1, amount: 2000 }] });
    expect(await requests()).toBeGreaterThan(0);

    // Once mirrored, the same page (a reload, the browser's back button) is served by the mirror alone.
    await stripe.control('rate_limit', { clear_counts: true });
    expect(await inAppPaymentOutcome(member, { subscriptionId: subscription.id }, { db: handle.db })).toEqual(outcome);
    expect(await requests()).toBe(0);

    // Another organisation's member cannot read it, from the mirror or from Stripe.
    const [other] = await handle.db.insert(t.users).values({ email: `other${++userCount}-${Date.now()}@example.com` }).returning();
    const stranger = await asMember(handle.db, other);
    await ensureStripeCustomer(stranger, { db: handle.db });
    expect(await inAppPaymentOutcome(stranger, { subscriptionId: subscription.id }, { db: handle.db })).toBeNull();
    expect(await inAppPaymentOutcome(stranger, { paymentIntentId: (await payOnce(customerId, 900)).id }, { db: handle.db })).toBeNull();
  });

  it('changes nothing on duplicate deliveries, sequential or concurrent', async () => {
    const { customerId } = await newCustomer(handle.db);
    const events = await eventsDuring(() => payOnce(customerId, 1234));
    await deliver(events);
    const snapshot = async () => ({
      intents: await handle.db.select().from(t.stripePaymentIntents).where(eq(t.stripePaymentIntents.customerId, customerId)),
      charges: await handle.db.select().from(t.stripeCharges).where(eq(t.stripeCharges.customerId, customerId)),
      events: (await handle.db.select({ id: t.stripeEvents.id, status: t.stripeEvents.status }).from(t.stripeEvents)).length,
    });
    const before = await snapshot();
    expect(before.intents).toMatchObject([{ status: 'succeeded', amount: 1234 }]);

    await deliver(events);
    await Promise.all(events.flatMap((e) => [deliver([e]), deliver([e])]));
    const after = await snapshot();
    expect(after).toEqual(before); // same rows, same freshness stamps: nothing was rewritten
  });

  it('never lets a stale read of the same second overwrite newer state', async () => {
    const { customerId } = await newCustomer(handle.db);
    const intent = await stripe.api.paymentIntents.create({ amount: 500, currency: 'usd', customer: customerId, automatic_payment_methods: { enabled: true, allow_redirects: 'never' } });
    // Worker A reads the intent before it is paid…
    const slow = new SyncRun(appStripe(), handle.db);
    await slow.paymentIntent(intent.id);
    await stripe.api.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });
    // …worker B reads it after, within the same second, and commits first.
    await syncPaymentIntent(intent.id, { db: handle.db });
    expect((await row(t.stripePaymentIntents, intent.id))?.status).toBe('succeeded');
    // A commits its older read last: the mirror keeps the newer state.
    await handle.db.transaction((tx) => slow.write(tx));
    expect((await row(t.stripePaymentIntents, intent.id))?.status).toBe('succeeded');
  });

  it('never lets a stale read overwrite a newer one when neither is terminal', async () => {
    // The terminal-status guard cannot help here: only the freshness of each read can.
    const { customerId } = await newCustomer(handle.db);
    const intent = await stripe.api.paymentIntents.create({ amount: 500, currency: 'usd', customer: customerId, description: 'first', automatic_payment_methods: { enabled: true, allow_redirects: 'never' } });
    const slow = new SyncRun(appStripe(), handle.db);
    await slow.paymentIntent(intent.id);
    await stripe.api.paymentIntents.update(intent.id, { description: 'second' });
    await syncPaymentIntent(intent.id, { db: handle.db });
    expect(await row(t.stripePaymentIntents, intent.id)).toMatchObject({ status: 'requires_payment_method', description: 'second' });
    await handle.db.transaction((tx) => slow.write(tx));
    expect(await row(t.stripePaymentIntents, intent.id)).toMatchObject({ status: 'requires_payment_method', description: 'second' });
  });

  it('keeps a deletion when older product and customer events arrive after it', async () => {
    const product = await stripe.api.products.create({ name: 'Short-lived' });
    const { customerId } = await newCustomer(handle.db);
    const events = await eventsDuring(async () => {
      await stripe.api.products.update(product.id, { name: 'Renamed' });
      await stripe.api.products.del(product.id);
      await stripe.api.customers.update(customerId, { name: 'Leaving' });
      await stripe.api.customers.del(customerId);
    });
    await deliver([...events].reverse(), { oneByOne: true });
    const [mirroredProduct] = await handle.db.select().from(t.stripeProducts).where(eq(t.stripeProducts.id, product.id));
    const [mirroredCustomer] = await handle.db.select().from(t.stripeCustomers).where(eq(t.stripeCustomers.id, customerId));
    expect(mirroredProduct.deleted).toBe(true);
    expect(mirroredCustomer).toMatchObject({ deleted: true, email: expect.stringContaining('@example.com') });
    const unfinished = await handle.db.select().from(t.stripeEvents).where(inArray(t.stripeEvents.id, events.map((e) => e.id)));
    expect(unfinished.map((e) => e.status)).toEqual(events.map(() => 'processed'));
  });

  it('fetches missing parents instead of dropping an event', async () => {
    const { customerId } = await newCustomer(handle.db);
    await handle.db.delete(t.stripeCustomers).where(eq(t.stripeCustomers.id, customerId));
    const price = await newPlan('team');
    const events = await eventsDuring(() => subscribe(customerId, price));
    // Only the InvoicePayment event arrives; everything it refers to is unknown to the mirror.
    await deliver(events.filter((e) => e.type === 'invoice_payment.paid'));
    const [payment] = await handle.db.select().from(t.stripeInvoicePayments).where(eq(t.stripeInvoicePayments.id, (events.find((e) => e.type === 'invoice_payment.paid')!.data.object as Stripe.InvoicePayment).id));
    expect(payment).toMatchObject({ status: 'paid', amountPaid: 2000 });
    const invoice = await row(t.stripeInvoices, payment.invoiceId);
    expect(invoice).toMatchObject({ status: 'paid', customerId });
    expect(await row(t.stripeSubscriptions, invoice!.subscriptionId!)).toMatchObject({ status: 'active' });
    expect(await row(t.stripePaymentIntents, payment.paymentIntentId!)).toMatchObject({ status: 'succeeded' });
    expect(await handle.db.select().from(t.stripeCustomers).where(eq(t.stripeCustomers.id, customerId))).toHaveLength(1);
    expect(await handle.db.select().from(t.stripePrices).where(eq(t.stripePrices.id, price.id))).toMatchObject([{ productId: price.product }]);
    expect(await handle.db.select().from(t.stripeProducts).where(eq(t.stripeProducts.id, price.product as string))).toMatchObject([{ name: 'Plan team' }]);
  });

  it('recovers an event stored just before a crash', async () => {
    const { customerId } = await newCustomer(handle.db);
    const events = await eventsDuring(() => payOnce(customerId, 777));
    const succeeded = events.find((e) => e.type === 'payment_intent.succeeded')!;
    await storeEvent(handle.db, succeeded); // stored, then the process died before any processing
    expect(await row(t.stripePaymentIntents, (succeeded.data.object as Stripe.PaymentIntent).id)).toBeUndefined();
    await processPendingEvents({ db: handle.db }); // the next process's sweep
    expect(await row(t.stripePaymentIntents, (succeeded.data.object as Stripe.PaymentIntent).id)).toMatchObject({ status: 'succeeded', amount: 777 });
  });

  it('retries an event whose object cannot be fetched, then shows it as failed', async () => {
    const event = eventFor('payment_intent.succeeded', { id: 'pi_does_not_exist' });
    await storeEvent(handle.db, event);
    const result = await processPendingEvents({ db: handle.db, maxAttempts: 3, retryDelayMs: () => 0 });
    expect(result).toMatchObject({ failed: 1 });
    const [stored] = await handle.db.select().from(t.stripeEvents).where(eq(t.stripeEvents.id, event.id));
    expect(stored).toMatchObject({ status: 'failed', attempts: 3 });
    expect(stored.lastError).toMatch(/No such payment_intent/);
  });

  it('shows refunds and disputes on the payments they belong to, from their events alone', async () => {
    const { customerId } = await newCustomer(handle.db);
    let refunded!: Stripe.PaymentIntent;
    let disputed!: Stripe.PaymentIntent;
    const events = await eventsDuring(async () => {
      refunded = await payOnce(customerId, 5000);
      await stripe.api.refunds.create({ payment_intent: refunded.id, amount: 1000, reason: 'requested_by_customer' });
      await stripe.api.refunds.create({ payment_intent: refunded.id, amount: 500 });
      disputed = await payOnce(customerId, 7000, 'pm_card_createDispute');
    });
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['charge.dispute.created', 'refund.created']));
    // Only the refund and dispute events arrive: the payments and charges are fetched as their parents.
    await deliver(events.filter((e) => e.type.startsWith('charge.dispute.') || e.type.startsWith('refund.')), { oneByOne: true });
    const { payments } = await billingHistory({ db: handle.db, customerId });
    const byId = Object.fromEntries(payments.map((p) => [p.id, p]));
    expect(byId[refunded.id]).toMatchObject({ amountRefunded: 1500, disputes: [] });
    expect(byId[refunded.id].refunds.map((r) => r.amount).sort((a, b) => a - b)).toEqual([500, 1000]);
    expect(byId[disputed.id]).toMatchObject({ amountRefunded: 0, disputes: [{ amount: 7000, status: expect.any(String) }] });
    const [charge] = await handle.db.select().from(t.stripeCharges).where(eq(t.stripeCharges.paymentIntentId, refunded.id));
    expect(charge.amountRefunded).toBe(1500);
  });

  it('creates one customer per organisation even when asked concurrently (two tabs subscribing at once)', async () => {
    // Several organisations, each asked for from several requests at once: on PostgreSQL the
    // bindings of one owner used to deadlock each other (40P01) one run in a few.
    const users = await handle.db
      .insert(t.users)
      .values(Array.from({ length: 8 }, (_, i) => ({ email: `racer-${i}-${Date.now()}@example.com` })))
      .returning();
    const members = await Promise.all(users.map((user) => asMember(handle.db, user)));
    const idsPerUser = await Promise.all(members.map((member) => Promise.all(Array.from({ length: 6 }, () => ensureStripeCustomer(member, { db: handle.db })))));
    for (const [i, user] of members.entries()) {
      const ids = idsPerUser[i];
      expect(new Set(ids).size).toBe(1);
      expect(await handle.db.select().from(t.stripeCustomers).where(eq(t.stripeCustomers.organisationId, user.organisation.id))).toHaveLength(1);
      const inStripe = await stripe.api.customers.list({ email: user.email, limit: 10 });
      expect(inStripe.data.map((c) => c.id)).toEqual([ids[0]]);
    }
  });

  it('shows an in-app one-time purchase with its order lines', async () => {
    const product = await stripe.api.products.create({ name: 'Onboarding call' });
    const price = await stripe.api.prices.create({ product: product.id, currency: 'usd', unit_amount: 4900 });
    // The catalog reaches the mirror: with no saved cursor yet, an incremental run backfills in full.
    expect((await reconcile({ mode: 'incremental', db: handle.db })).mode).toBe('full');
    const [user] = await handle.db.insert(t.users).values({ email: `shopper-${Date.now()}@example.com` }).returning();
    const order = await createOrderPayment(await asMember(handle.db, user), [{ priceId: price.id, quantity: 2 }], crypto.randomUUID(), { db: handle.db });
    expect(order).toMatchObject({ amount: 9800, currency: 'usd' });
    const events = await eventsDuring(() => stripe.api.paymentIntents.confirm(order.paymentIntentId, { payment_method: 'pm_card_visa' }));
    await deliver(events);
    const [saved] = await handle.db.select().from(t.orders).where(eq(t.orders.id, order.orderId));
    expect(saved.status).toBe('paid');
    const { payments } = await billingHistory({ db: handle.db, customerId: saved.customerId });
    expect(payments[0]).toMatchObject({ id: order.paymentIntentId, invoices: [], linking: false, items: [{ source: 'order', name: 'Onboarding call', quantity: 2, amount: 9800 }] });
  });

  it('shows a one-time Checkout purchase with its line items, and its invoice when one was created', async () => {
    const { customerId } = await newCustomer(handle.db);
    const product = await stripe.api.products.create({ name: 'Priority support' });
    const price = await stripe.api.prices.create({ product: product.id, currency: 'usd', unit_amount: 2500 });
    const plainSession = await stripe.api.checkout.sessions.create({
      mode: 'payment', customer: customerId, client_reference_id: 'user-1', success_url: 'http://localhost/ok?session_id={CHECKOUT_SESSION_ID}',
      line_items: [{ price: price.id, quantity: 3 }],
    });
    const invoicedSession = await stripe.api.checkout.sessions.create({
      mode: 'payment', customer: customerId, success_url: 'http://localhost/ok', invoice_creation: { enabled: true },
      line_items: [{ price: price.id, quantity: 1 }],
    });
    const events = await eventsDuring(async () => {
      await stripe.control(`checkout/sessions/${plainSession.id}/complete`, { payment_method: 'pm_card_visa' });
      await stripe.control(`checkout/sessions/${invoicedSession.id}/complete`, { payment_method: 'pm_card_visa' });
    });
    await deliver(events.filter((e) => e.type === 'checkout.session.completed'));

    const { payments } = await billingHistory({ db: handle.db, customerId });
    const lineItemsOnly = payments.find((p) => p.amount === 7500);
    const invoiced = payments.find((p) => p.amount === 2500);
    expect(lineItemsOnly).toMatchObject({ amount: 7500, invoices: [], linking: false, items: [{ source: 'checkout', name: 'Priority support', quantity: 3, amount: 7500 }] });
    expect(invoiced).toMatchObject({ linking: false, items: [], invoices: [{ amountPaid: 2500, lines: [{ name: 'Priority support', quantity: 1 }] }] });
  });

  it('lets the success page sync a subscription Checkout before any webhook arrives', async () => {
    const { customerId } = await newCustomer(handle.db);
    const price = await newPlan('team');
    const session = await stripe.api.checkout.sessions.create({
      mode: 'subscription', customer: customerId, success_url: 'http://localhost/ok', line_items: [{ price: price.id, quantity: 2 }],
    });
    await stripe.control(`checkout/sessions/${session.id}/complete`, { payment_method: 'pm_card_visa' });
    await syncCheckoutSession(session.id, { db: handle.db });
    const [mirrored] = await handle.db.select().from(t.stripeCheckoutSessions).where(eq(t.stripeCheckoutSessions.id, session.id));
    expect(mirrored).toMatchObject({ status: 'complete', paymentStatus: 'paid', customerId });
    expect(await row(t.stripeSubscriptions, mirrored.subscriptionId!)).toMatchObject({ status: 'active' });
    expect(await entitlementsForOrganisation((await handle.db.select().from(t.stripeCustomers).where(eq(t.stripeCustomers.id, customerId)))[0].organisationId!, { db: handle.db })).toMatchObject({ tier: 'team' });
  });

  it('shows a subscription payment as linking until the live lookup finds its invoice', async () => {
    const { customerId } = await newCustomer(handle.db);
    const subscription = await subscribe(customerId, await newPlan());
    const invoice = await stripe.api.invoices.retrieve(subscription.latest_invoice as string, { expand: ['payments'] });
    const paymentIntentId = invoice.payments!.data[0].payment.payment_intent as string;
    await syncPaymentIntent(paymentIntentId, { db: handle.db }); // only the payment's own webhook has landed
    expect((await billingHistory({ db: handle.db, customerId })).payments[0]).toMatchObject({ id: paymentIntentId, linking: true, invoices: [] });

    expect(await resolveLinking([paymentIntentId], { db: handle.db })).toEqual([paymentIntentId]);
    expect((await billingHistory({ db: handle.db, customerId })).payments[0]).toMatchObject({ linking: false, invoices: [{ id: invoice.id, amountPaid: 2000 }] });
  });

  it('rebuilds an empty mirror with a full reconciliation, then replays new events incrementally', async () => {
    const empty = await freshDatabase(kind);
    try {
      const progress: string[] = [];
      const full = await reconcile({ mode: 'full', db: empty.db, onProgress: ({ step }) => progress.push(step) });
      expect(progress).toEqual(expect.arrayContaining(['customers', 'invoices', 'invoice payments', 'payment intents', 'checkout sessions']));
      const customers = await stripe.api.customers.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 });
      const invoicePayments = await stripe.api.invoicePayments.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 });
      expect(full.listed.customers).toBe(customers.length);
      expect(await empty.db.select().from(t.stripeCustomers)).toHaveLength(customers.length);
      expect(await empty.db.select().from(t.stripeInvoicePayments)).toHaveLength(invoicePayments.length);
      for (const payment of invoicePayments) {
        const [mirrored] = await empty.db.select().from(t.stripeInvoicePayments).where(eq(t.stripeInvoicePayments.id, payment.id));
        expect(mirrored.raw).toEqual(plain(payment));
      }
      // Run again: nothing changes.
      expect((await reconcile({ mode: 'full', db: empty.db })).changed).toEqual({});

      const { customerId } = await newCustomer(handle.db);
      const intent = await payOnce(customerId, 4321);
      const incremental = await reconcile({ mode: 'incremental', db: empty.db });
      expect(incremental.eventsReplayed).toBeGreaterThan(0);
      const [mirrored] = await empty.db.select().from(t.stripePaymentIntents).where(eq(t.stripePaymentIntents.id, intent.id));
      expect(mirrored).toMatchObject({ status: 'succeeded', amount: 4321 });
    } finally {
      await empty.close();
    }
  }, 120_000); // lists everything every test before it created, twice

  it('backfills every page of every kind, not only the first', async () => {
    // At least three of each kind exist, listed two per page, so every step needs several pages.
    for (let i = 0; i < 3; i++) {
      const { customerId } = await newCustomer(handle.db);
      await subscribe(customerId, await newPlan());
      const paid = await payOnce(customerId, 700 + i);
      await stripe.api.refunds.create({ payment_intent: paid.id, amount: 100 });
      await payOnce(customerId, 800 + i, 'pm_card_createDispute');
      await stripe.api.checkout.sessions.create({ mode: 'payment', customer: customerId, success_url: 'http://localhost/ok', line_items: [{ price_data: { currency: 'usd', unit_amount: 500, product_data: { name: `Extra ${i}` } }, quantity: 1 }] });
      const coupon = await stripe.api.coupons.create({ percent_off: 10 + i, duration: 'once' });
      await stripe.api.promotionCodes.create({ promotion: { type: 'coupon', coupon: coupon.id }, code: `BACKFILL${i}${Date.now()}` });
      await stripe.api.subscriptionSchedules.create({ customer: customerId, start_date: 'now', end_behavior: 'release', phases: [{ items: [{ price: (await newPlan()).id }], duration: { interval: 'month', interval_count: 1 } }] });
    }
    const inStripe = {
      customers: await stripe.api.customers.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 }),
      products: await stripe.api.products.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 }),
      prices: await stripe.api.prices.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 }),
      subscriptions: await stripe.api.subscriptions.list({ limit: 100, status: 'all' }).autoPagingToArray({ limit: 10_000 }),
      invoices: await stripe.api.invoices.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 }),
      'payment intents': await stripe.api.paymentIntents.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 }),
      charges: await stripe.api.charges.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 }),
      'invoice payments': await stripe.api.invoicePayments.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 }),
      refunds: await stripe.api.refunds.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 }),
      disputes: await stripe.api.disputes.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 }),
      'checkout sessions': await stripe.api.checkout.sessions.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 }),
      coupons: await stripe.api.coupons.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 }),
      'promotion codes': await stripe.api.promotionCodes.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 }),
      'subscription schedules': await stripe.api.subscriptionSchedules.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 }),
    };
    const empty = await freshDatabase(kind);
    try {
      const full = await reconcile({ mode: 'full', db: empty.db, pageSize: 2 });
      const counts = Object.fromEntries(Object.entries(inStripe).map(([step, objects]) => [step, objects.length]));
      for (const n of Object.values(counts)) expect(n).toBeGreaterThanOrEqual(3);
      expect(full.listed).toEqual(counts);
      const mirrored = async (table: typeof t.stripeCustomers | typeof t.stripeProducts | typeof t.stripePrices | typeof t.stripeSubscriptions | typeof t.stripeInvoices | typeof t.stripePaymentIntents | typeof t.stripeCharges | typeof t.stripeInvoicePayments | typeof t.stripeRefunds | typeof t.stripeDisputes | typeof t.stripeCheckoutSessions | typeof t.stripeCoupons | typeof t.stripePromotionCodes | typeof t.stripeSubscriptionSchedules) =>
        (await empty.db.select({ id: table.id }).from(table)).map((row) => row.id).sort();
      const ids = (objects: { id?: string }[]) => objects.map((o) => o.id!).sort();
      expect(await mirrored(t.stripeCustomers)).toEqual(ids(inStripe.customers));
      expect(await mirrored(t.stripeProducts)).toEqual(ids(inStripe.products));
      expect(await mirrored(t.stripePrices)).toEqual(ids(inStripe.prices));
      expect(await mirrored(t.stripeSubscriptions)).toEqual(ids(inStripe.subscriptions));
      expect(await mirrored(t.stripeInvoices)).toEqual(ids(inStripe.invoices));
      expect(await mirrored(t.stripePaymentIntents)).toEqual(ids(inStripe['payment intents']));
      expect(await mirrored(t.stripeCharges)).toEqual(ids(inStripe.charges));
      expect(await mirrored(t.stripeInvoicePayments)).toEqual(ids(inStripe['invoice payments']));
      expect(await mirrored(t.stripeRefunds)).toEqual(ids(inStripe.refunds));
      expect(await mirrored(t.stripeDisputes)).toEqual(ids(inStripe.disputes));
      expect(await mirrored(t.stripeCheckoutSessions)).toEqual(ids(inStripe['checkout sessions']));
      expect(await mirrored(t.stripeCoupons)).toEqual(ids(inStripe.coupons));
      expect(await mirrored(t.stripePromotionCodes)).toEqual(ids(inStripe['promotion codes']));
      expect(await mirrored(t.stripeSubscriptionSchedules)).toEqual(ids(inStripe['subscription schedules']));
    } finally {
      await empty.close();
    }
  }, 120_000);

  it('ends equal to Stripe after a scenario delivered with duplicates and shuffling, reconciled meanwhile', async () => {
    await stripe.control('webhooks/config', { duplicate_rate: 0.5, shuffle: true, max_delay_ms: 30, retry_schedule_ms: [20, 40, 80] });
    await stripe.deliverWebhooks(true);
    try {
      const scenario: string[] = [];
      for (let i = 0; i < 3; i++) {
        const { customerId } = await newCustomer(handle.db);
        scenario.push(customerId);
        await subscribe(customerId, await newPlan(i === 2 ? 'team' : 'pro'));
        const paid = await payOnce(customerId, 1000 + i);
        await stripe.api.refunds.create({ payment_intent: paid.id, amount: 300 });
        await payOnce(customerId, 999, 'pm_card_chargeDeclined').catch(() => null);
      }
      // A full reconciliation runs while the deliveries are still flowing.
      const reconciling = reconcile({ mode: 'full', db: handle.db });
      await stripe.control('webhooks/flush');
      await reconciling;
      const deliveries = (await (await fetch(`${stripe.url}/_emulator/webhooks/deliveries`)).json()) as { data: { duplicate: boolean; ok: boolean }[] };
      expect(deliveries.data.filter((d) => d.duplicate && d.ok).length).toBeGreaterThan(0);
      await waitFor(async () => {
        await kickProcessing();
        const pending = await handle.db.select().from(t.stripeEvents).where(eq(t.stripeEvents.status, 'pending'));
        return pending.length === 0;
      }, { what: 'the inbox to drain', timeoutMs: 60_000 });

      for (const customerId of scenario) {
        for (const intent of await handle.db.select().from(t.stripePaymentIntents).where(eq(t.stripePaymentIntents.customerId, customerId))) {
          expect(intent.raw).toEqual(plain(await stripe.api.paymentIntents.retrieve(intent.id)));
        }
        for (const invoice of await handle.db.select().from(t.stripeInvoices).where(eq(t.stripeInvoices.customerId, customerId))) {
          expect(invoice.raw).toEqual(plain(await stripe.api.invoices.retrieve(invoice.id)));
        }
        for (const subscription of await handle.db.select().from(t.stripeSubscriptions).where(eq(t.stripeSubscriptions.customerId, customerId))) {
          expect(subscription.raw).toEqual(plain(await stripe.api.subscriptions.retrieve(subscription.id)));
        }
        for (const charge of await handle.db.select().from(t.stripeCharges).where(eq(t.stripeCharges.customerId, customerId))) {
          expect(charge.raw).toEqual(plain(await stripe.api.charges.retrieve(charge.id)));
        }
        const liveRefunds = await stripe.api.refunds.list({ limit: 100 });
        for (const refund of await handle.db.select().from(t.stripeRefunds)) {
          const live = liveRefunds.data.find((r) => r.id === refund.id) ?? (await stripe.api.refunds.retrieve(refund.id));
          expect(refund.raw).toEqual(plain(live));
        }
        const history = await billingHistory({ db: handle.db, customerId });
        expect(history.payments.filter((p) => p.status === 'succeeded')).toHaveLength(2);
        expect(history.payments.find((p) => p.amountRefunded > 0)?.amountRefunded).toBe(300);
      }
    } finally {
      await stripe.deliverWebhooks(false);
      await stripe.control('webhooks/config', { duplicate_rate: 0, shuffle: false, max_delay_ms: 0 });
    }
  }, 120_000);
});
