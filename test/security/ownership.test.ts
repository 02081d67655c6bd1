// Customer-facing pages and actions act on ids the browser sends (return pages after a payment,
// Checkout, a saved card) or on the signed-in user's own records. Tried with another customer's
// payment, setup intent, subscription, invoice and Checkout session, each refuses (null: the page
// shows "not found") and changes nothing; with the customer's own ids the same calls work, so the
// refusals are not vacuous. Portal, plan changes and pay-now act on the user's own customer only.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type Stripe from 'stripe';
import type { DatabaseHandle } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { freshDatabase } from '../support/databases';
import { startTestStripe, type TestStripe } from '../billing/emulator';
import { useAsAppDatabase } from '../billing/support';
import { asMember } from '../support/members';
import type { CustomerOwner } from '@/lib/billing/customers';

vi.mock('server-only', () => ({}));

const { ensureStripeCustomer } = await import('@/lib/billing/customers');
const { inAppPaymentOutcome } = await import('@/lib/billing/payment-results');
const { hostedCheckoutOutcome } = await import('@/lib/billing/checkout');
const { adoptSavedCard } = await import('@/lib/billing/payment-methods');
const { owedByUser } = await import('@/lib/billing/open-invoices');
const { billingHistory } = await import('@/lib/billing/history');

describe('another customer’s ids are refused', () => {
  let stripe: TestStripe;
  let api: Stripe;
  let handle: DatabaseHandle;
  let alice: CustomerOwner;
  let mallory: CustomerOwner;
  let aliceCustomer: string;
  let victim: { paymentIntent: string; setupIntent: string; subscription: string; invoice: string; session: string; card: string };
  let own: { paymentIntent: string; setupIntent: string };
  let planPrice: string;

  beforeAll(async () => {
    stripe = await startTestStripe();
    api = stripe.api;
    handle = await freshDatabase('pglite');
    useAsAppDatabase(handle);
    [alice, mallory] = await Promise.all(
      ['alice@example.com', 'mallory@example.com'].map(async (email) => {
        const [row] = await handle.db.insert(users).values({ email }).returning({ id: users.id, email: users.email });
        return asMember(handle.db, row!);
      }),
    );
    aliceCustomer = await ensureStripeCustomer(alice, { db: handle.db });
    const malloryCustomer = await ensureStripeCustomer(mallory, { db: handle.db });

    const product = await api.products.create({ name: 'Pro' });
    const price = await api.prices.create({ product: product.id, currency: 'usd', unit_amount: 2900, recurring: { interval: 'month' } });
    const oneTime = await api.prices.create({ product: product.id, currency: 'usd', unit_amount: 4900 });
    const card = await api.paymentMethods.attach('pm_card_visa', { customer: aliceCustomer });
    await api.customers.update(aliceCustomer, { invoice_settings: { default_payment_method: card.id } });
    const subscription = await api.subscriptions.create({ customer: aliceCustomer, items: [{ price: price.id }], default_payment_method: card.id });
    const paid = await api.paymentIntents.create({
      amount: 4900, currency: 'usd', customer: aliceCustomer, payment_method: 'pm_card_visa', confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    const setup = await api.setupIntents.create({ customer: aliceCustomer, payment_method: 'pm_card_mastercard', confirm: true, usage: 'off_session' });
    const session = await api.checkout.sessions.create({
      mode: 'payment', customer: aliceCustomer, line_items: [{ price: oneTime.id, quantity: 1 }], success_url: 'http://localhost/checkout/success',
    });
    planPrice = price.id;
    victim = { paymentIntent: paid.id, setupIntent: setup.id, subscription: subscription.id, invoice: subscription.latest_invoice as string, session: session.id, card: card.id };

    const mine = await api.paymentIntents.create({
      amount: 1000, currency: 'usd', customer: malloryCustomer, payment_method: 'pm_card_visa', confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    const mySetup = await api.setupIntents.create({ customer: malloryCustomer, payment_method: 'pm_card_visa', confirm: true, usage: 'off_session' });
    own = { paymentIntent: mine.id, setupIntent: mySetup.id };
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
    await stripe?.close();
  });

  it('payment return page: another customer’s PaymentIntent, subscription, invoice or SetupIntent', async () => {
    expect(await inAppPaymentOutcome(mallory, { paymentIntentId: victim.paymentIntent })).toBeNull();
    expect(await inAppPaymentOutcome(mallory, { subscriptionId: victim.subscription })).toBeNull();
    expect(await inAppPaymentOutcome(mallory, { invoiceId: victim.invoice })).toBeNull();
    expect(await inAppPaymentOutcome(mallory, { setupIntentId: victim.setupIntent })).toBeNull();
    // Mixed: her own payment with someone else's invoice is refused as a whole.
    expect(await inAppPaymentOutcome(mallory, { paymentIntentId: own.paymentIntent, invoiceId: victim.invoice })).toBeNull();
    expect(await inAppPaymentOutcome(mallory, { paymentIntentId: own.paymentIntent })).not.toBeNull();
  });

  it('Checkout success page: another customer’s session', async () => {
    expect(await hostedCheckoutOutcome(mallory, victim.session)).toBeNull();
    expect(await hostedCheckoutOutcome(alice, victim.session)).not.toBeNull();
  });

  it('saved-card page: another customer’s SetupIntent does not become anyone’s default card', async () => {
    expect(await adoptSavedCard(mallory, victim.setupIntent)).toBeNull();
    const victimCustomer = (await api.customers.retrieve(aliceCustomer)) as Stripe.Customer;
    expect(victimCustomer.invoice_settings.default_payment_method).toBe(victim.card);
    expect(await adoptSavedCard(mallory, own.setupIntent)).toMatchObject({ state: 'saved' });
  });

  it('nothing of the victim’s is mirrored or shown through the attempts', async () => {
    const malloryCustomer = await ensureStripeCustomer(mallory, { db: handle.db });
    const history = await billingHistory({ db: handle.db, customerId: malloryCustomer });
    expect(history.payments.map((p) => p.id)).not.toContain(victim.paymentIntent);
    expect(await owedByUser(mallory, { db: handle.db })).toBeNull();
  });

  it('pay-now offers each customer their own open invoice, never another’s', async () => {
    // Both owe: each has a subscription whose first invoice is open, mirrored as webhooks would.
    // (Before, Mallory had no subscription at all, so a lookup through anyone's customer was null.)
    const { reconcile } = await import('@/lib/billing/reconcile');
    const malloryCustomer = await ensureStripeCustomer(mallory, { db: handle.db });
    const owing = async (customer: string) =>
      (await api.subscriptions.create({ customer, items: [{ price: planPrice }], payment_behavior: 'default_incomplete' })).latest_invoice as string;
    const alicesOpen = await owing(aliceCustomer);
    const mallorysOpen = await owing(malloryCustomer);
    await reconcile({ mode: 'full', db: handle.db });
    const owed = await owedByUser(mallory, { db: handle.db });
    expect(owed).toMatchObject({ id: mallorysOpen, customerId: malloryCustomer });
    expect(owed?.id).not.toBe(alicesOpen);
  });

  it('a signed-in user without a Stripe customer gets nothing for anyone’s ids', async () => {
    const [row] = await handle.db.insert(users).values({ email: 'newcomer@example.com' }).returning();
    const newcomer = await asMember(handle.db, { id: row!.id, email: 'newcomer@example.com' });
    expect(await inAppPaymentOutcome(newcomer, { paymentIntentId: victim.paymentIntent })).toBeNull();
    expect(await hostedCheckoutOutcome(newcomer, victim.session)).toBeNull();
    expect(await adoptSavedCard(newcomer, victim.setupIntent)).toBeNull();
  });
});
