// Stripe-hosted Checkout: start a session for a plan or a one-time add-on (the customer is bound to
// the user first), and read a finished session back for the success page — verified with Stripe,
// owned by the signed-in user's customer, and synced into the mirror.
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { stripeCheckoutLineItems, stripeCheckoutSessions, stripeProducts, stripeSubscriptions } from '@/lib/db/schema/billing';
import { stripe } from '@/lib/stripe/client';
import { UserError } from '@/lib/errors';
import { idOf } from '@/lib/stripe/ids';
import { appUrl } from './app-url';
import { catalogPrice } from './catalog-queries';
import { customerIdForOrganisation, ensureStripeCustomer, type CustomerOwner } from './customers';
import { purchaseQuantity, seatsInUse } from './seat-count';
import { isMissingResource } from './errors';
import { offersTrial } from './subscription-mirror';
import { refuseSecondSubscription } from './subscriptions';
import { usagePriceFor } from './usage/plan-items';
import { syncCheckoutSession } from './sync';

/** Creates a Checkout Session for one price and returns the URL to send the customer to. */
export async function startHostedCheckout(user: CustomerOwner, priceId: string, attemptId: string, seats?: number): Promise<string> {
  const price = await catalogPrice(priceId);
  if (!price) throw new UserError('That item is no longer available. Pick one from the pricing page.');
  const db = await getDb();
  const quantity = purchaseQuantity(price, seats, await seatsInUse(db, user.organisation.id));
  const customerId = await ensureStripeCustomer(user, { db });
  if (price.interval) await refuseSecondSubscription(customerId, { db });
  const trialDays = price.interval && (await offersTrial(customerId, { db })) ? price.trialDays : null;
  const usagePrice = await usagePriceFor(db, price);

  const metadata = { organisation_id: user.organisation.id, user_id: user.id, price_id: price.id };
  const session = await stripe().checkout.sessions.create(
    {
      customer: customerId,
      client_reference_id: user.organisation.id,
      metadata,
      // A metered price takes no quantity: its meter says how much, billed at the period's end.
      line_items: [{ price: price.id, quantity }, ...(usagePrice ? [{ price: usagePrice }] : [])],
      // Stripe's page offers a promotion code field and checks the code's restrictions itself.
      allow_promotion_codes: true,
      success_url: `${appUrl('/checkout/success')}?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: appUrl('/pricing?checkout=canceled'),
      ...(price.interval
        ? {
            mode: 'subscription' as const,
            subscription_data: { metadata, ...(trialDays ? { trial_period_days: trialDays } : {}) },
          }
        : {
            mode: 'payment' as const,
            // So the one-time purchase gets an invoice (number, PDF) like a subscription payment.
            invoice_creation: { enabled: true, invoice_data: { metadata } },
            payment_intent_data: { metadata },
          }),
    },
    { idempotencyKey: `paydesk-checkout-${user.id}-${attemptId}` },
  );
  if (!session.url) throw new Error(`Checkout Session ${session.id} has no URL`);
  return session.url;
}

export interface CheckoutOutcome {
  sessionId: string;
  mode: string;
  /** 'done' once the mirror holds the paid session (and an active subscription, for plans). */
  state: 'done' | 'finishing' | 'open' | 'expired';
  items: { name: string; quantity: number | null; amount: number }[];
  amountTotal: number | null;
  currency: string | null;
  trialEnd: Date | null;
}

/**
 * The session behind a success URL, or null when it does not exist or belongs to someone else
 * (the id in the URL is never trusted on its own).
 */
export async function hostedCheckoutOutcome(user: CustomerOwner, sessionId: string): Promise<CheckoutOutcome | null> {
  const db = await getDb();
  const customerId = await customerIdForOrganisation(db, user.organisation.id);
  if (!customerId) return null;
  let session;
  try {
    session = await stripe().checkout.sessions.retrieve(sessionId);
  } catch (error) {
    if (isMissingResource(error)) return null;
    throw error;
  }
  if (idOf(session.customer) !== customerId) return null;
  await syncCheckoutSession(session.id, { db });

  const [row] = await db.select().from(stripeCheckoutSessions).where(and(eq(stripeCheckoutSessions.id, session.id), eq(stripeCheckoutSessions.customerId, customerId)));
  const lines = await db
    .select({ name: stripeProducts.name, description: stripeCheckoutLineItems.description, quantity: stripeCheckoutLineItems.quantity, amount: stripeCheckoutLineItems.amountTotal })
    .from(stripeCheckoutLineItems)
    .leftJoin(stripeProducts, eq(stripeProducts.id, stripeCheckoutLineItems.productId))
    .where(eq(stripeCheckoutLineItems.sessionId, session.id));
  const [subscription] = row?.subscriptionId
    ? await db.select({ status: stripeSubscriptions.status, trialEnd: stripeSubscriptions.trialEnd }).from(stripeSubscriptions).where(eq(stripeSubscriptions.id, row.subscriptionId))
    : [];

  const paid = row?.status === 'complete' && (row.paymentStatus === 'paid' || row.paymentStatus === 'no_payment_required');
  const settled = row?.mode !== 'subscription' || (subscription && ['active', 'trialing'].includes(subscription.status));
  return {
    sessionId: session.id,
    mode: session.mode,
    state: session.status === 'expired' ? 'expired' : session.status === 'open' ? 'open' : paid && settled ? 'done' : 'finishing',
    items: lines.map((l) => ({ name: l.name ?? l.description ?? 'Item', quantity: l.quantity, amount: l.amount })),
    amountTotal: row?.amountTotal ?? session.amount_total,
    currency: row?.currency ?? session.currency,
    trialEnd: subscription?.trialEnd ?? null,
  };
}
