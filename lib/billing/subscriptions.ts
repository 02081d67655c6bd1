// The changes a customer makes to their subscription in the app (reading it from the mirror is
// subscription-mirror.ts): start one (paid in the Payment Element), cancel at period end, resume, switch
// plans with a proration preview. Every write goes to Stripe first, then through the sync path so
// the mirror (and the next page render) reflects it at once; webhooks converge it anyway.
import 'server-only';
import { getDb, type Database } from '@/lib/db/client';
import { stripe, type Stripe } from '@/lib/stripe/client';
import { UserError } from '@/lib/errors';
import { usageItemChanges, usagePriceFor } from './usage/plan-items';
import { idOf } from '@/lib/stripe/ids';
import { catalogPrice, type CatalogPrice } from './catalog-queries';
import { isLive, offersTrial, subscriptionForCustomer, type SubscriptionSummary } from './subscription-mirror';
import { customerIdForOrganisation, ensureStripeCustomer, type CustomerOwner } from './customers';
import { purchaseQuantity, seatsInUse } from './seat-count';
import type { BillingInterval } from './format';
import { quotePromotionCode } from './promotions';
import { syncSubscription, syncWith } from './sync';

/** The organisation's live subscription (looked up through its own customer), or a UserError. */
export async function liveSubscriptionOf(user: CustomerOwner, options: { db?: Database } = {}): Promise<SubscriptionSummary & { customerId: string }> {
  const db = options.db ?? (await getDb());
  const customerId = await customerIdForOrganisation(db, user.organisation.id);
  const subscription = customerId ? await subscriptionForCustomer(customerId, { db }) : null;
  if (!customerId || !subscription || !isLive(subscription.status)) throw new UserError('You do not have an active plan.');
  return { ...subscription, customerId };
}

export interface SubscriptionPayment {
  subscriptionId: string;
  /** 'payment': confirm the first invoice's PaymentIntent; 'setup': a trial, save the card with a SetupIntent. */
  kind: 'payment' | 'setup';
  clientSecret: string;
}

/**
 * Starts a subscription paid in the app: created `default_incomplete`, so nothing is active until the
 * browser confirms the first invoice's payment (or, for a trial, saves the card). `attemptId` makes a
 * repeated submit of the same form return the same subscription instead of a second one.
 */
export async function startSubscription(
  user: CustomerOwner,
  priceId: string,
  attemptId: string,
  { seats, promotionCode = null }: { seats?: number; promotionCode?: string | null } = {},
): Promise<SubscriptionPayment> {
  const price = await recurringPlanPrice(priceId);
  const db = await getDb();
  const quantity = purchaseQuantity(price, seats, await seatsInUse(db, user.organisation.id));
  const customerId = await ensureStripeCustomer(user, { db });
  await refuseSecondSubscription(customerId, { db });
  const trialDays = (await offersTrial(customerId, { db })) ? price.trialDays : null;
  const usagePrice = await usagePriceFor(db, price);

  // Checked again here, with the customer now known: the code the form showed may have run out since.
  const promotion = promotionCode ? await quotePromotionCode(promotionCode, price, customerId, { db, quantity }) : null;

  const subscription = await stripe().subscriptions.create(
    {
      customer: customerId,
      items: [{ price: price.id, quantity }, ...(usagePrice ? [{ price: usagePrice }] : [])],
      payment_behavior: 'default_incomplete',
      payment_settings: { save_default_payment_method: 'on_subscription' },
      ...(trialDays ? { trial_period_days: trialDays } : {}),
      ...(promotion ? { discounts: [{ promotion_code: promotion.promotionCodeId }] } : {}),
      metadata: { organisation_id: user.organisation.id, user_id: user.id },
      expand: ['latest_invoice.confirmation_secret', 'pending_setup_intent'],
    },
    { idempotencyKey: `paydesk-subscribe-${user.id}-${attemptId}` },
  );
  const payment = await paymentFor(subscription, customerId);
  await Promise.all([syncSubscription(subscription.id, { db }), cancelAbandonedStarts(customerId, subscription.id)]);
  return payment;
}

/**
 * Earlier in-app starts the customer walked away from (still `incomplete`, first invoice unpaid)
 * are canceled once they start again, so exactly one subscription is waiting for its first payment.
 */
async function cancelAbandonedStarts(customerId: string, keep: string): Promise<void> {
  const waiting = await stripe().subscriptions.list({ customer: customerId, status: 'incomplete', limit: 100 });
  await Promise.all(
    waiting.data
      .filter((s) => s.id !== keep)
      .map(async (s) => {
        await stripe().subscriptions.cancel(s.id);
        await syncSubscription(s.id);
      }),
  );
}

async function paymentFor(subscription: Stripe.Subscription, customerId: string): Promise<SubscriptionPayment> {
  const invoice = subscription.latest_invoice as Stripe.Invoice | null;
  const invoiceSecret = invoice?.confirmation_secret?.client_secret;
  if (invoiceSecret && (invoice?.amount_due ?? 0) > 0) {
    return { subscriptionId: subscription.id, kind: 'payment', clientSecret: invoiceSecret };
  }
  // Nothing to pay now (a trial): Stripe offers a pending SetupIntent to save the card for later.
  const pending = subscription.pending_setup_intent as Stripe.SetupIntent | null;
  const setup =
    pending && typeof pending === 'object'
      ? pending
      : await stripe().setupIntents.create(
          {
            customer: customerId,
            usage: 'off_session',
            automatic_payment_methods: { enabled: true },
            metadata: { subscription_id: subscription.id },
          },
          { idempotencyKey: `paydesk-trial-card-${subscription.id}` },
        );
  return { subscriptionId: subscription.id, kind: 'setup', clientSecret: setup.client_secret! };
}

/** Refuses to start a second subscription next to a live one: the customer should switch plans instead. */
export async function refuseSecondSubscription(customerId: string, options: { db?: Database } = {}): Promise<void> {
  const existing = await subscriptionForCustomer(customerId, options);
  if (existing && isLive(existing.status)) {
    throw new UserError(
      `You already have the ${existing.plan?.name ?? 'current'} plan. To change it, switch plans from your account page.`,
    );
  }
}

async function recurringPlanPrice(priceId: string): Promise<CatalogPrice & { interval: BillingInterval }> {
  const price = await catalogPrice(priceId);
  if (!price?.interval) throw new UserError('That plan is no longer available. Pick one from the pricing page.');
  return price as CatalogPrice & { interval: BillingInterval };
}

/** Cancels at the end of the paid period (`cancel: true`), or takes a scheduled cancellation back. */
export async function setCancelAtPeriodEnd(user: CustomerOwner, cancel: boolean): Promise<void> {
  const subscription = await liveSubscriptionOf(user);
  if (subscription.cancelAtPeriodEnd === cancel) return;
  await stripe().subscriptions.update(subscription.id, { cancel_at_period_end: cancel });
  await syncSubscription(subscription.id);
}

export interface PlanSwitchPreview {
  subscription: SubscriptionSummary;
  target: CatalogPrice & { interval: BillingInterval };
  /** Charged now by the switch (prorations, always invoiced), in minor units. */
  amountDueNow: number;
  currency: string;
  /** The proration moment the preview used; the switch reuses it so the charge matches. */
  prorationDate: number;
  lines: PreviewLine[];
}

export interface PreviewLine {
  /** The product's name (the line label comes from `invoiceLineName`). */
  name: string;
  /** Seats (or units) on the line, when Stripe says. */
  quantity?: number | null;
  proration: boolean;
  amount: number;
  periodStart: Date;
  periodEnd: Date;
}

/** What switching to `priceId` would charge today, from Stripe's invoice preview. */
export async function previewPlanSwitch(user: CustomerOwner, priceId: string): Promise<PlanSwitchPreview> {
  const subscription = await liveSubscriptionOf(user);
  const target = await switchTarget(subscription, priceId);
  const usageChanges = await usageItemChanges(await getDb(), subscription.id, target);
  const preview = await stripe().invoices.createPreview({
    customer: subscription.customerId,
    subscription: subscription.id,
    subscription_details: { items: [{ id: subscription.plan!.itemId, price: target.id }, ...usageChanges], proration_behavior: 'always_invoice' },
  });
  // The preview prorates as of Stripe's "now" (its clock, which test clocks can move), stamped as
  // the preview's creation time; the switch passes the same moment so the charge matches.
  const prorationDate = preview.created;
  return {
    subscription,
    target,
    amountDueNow: preview.amount_due,
    currency: preview.currency,
    prorationDate,
    // A line of nothing (the metered usage item moving along, with no usage billed yet) tells the customer nothing.
    lines: preview.lines.data
      .filter((line) => line.amount !== 0)
      .map((line) => previewLine(line, { [subscription.plan!.productId]: subscription.plan!.name, [target.productId]: target.productName })),
  };
}

/** A preview line from Stripe's structured fields (product, proration flag, period), not its English description. */
function previewLine(line: Stripe.InvoiceLineItem, productNames: Record<string, string>): PreviewLine {
  const productId = line.pricing?.price_details?.product ?? null;
  const proration = Boolean(line.parent?.subscription_item_details?.proration ?? line.parent?.invoice_item_details?.proration);
  return {
    name: (productId && productNames[productId]) || 'Plan change',
    proration,
    amount: line.amount,
    periodStart: new Date(line.period.start * 1000),
    periodEnd: new Date(line.period.end * 1000),
  };
}

/**
 * Switches plans now, invoicing the prorations at once; a declined card leaves the plan unchanged.
 * The same attempt sent again replays Stripe's first answer instead of switching twice.
 */
export async function switchPlan(
  user: CustomerOwner,
  { priceId, prorationDate, attemptId }: { priceId: string; prorationDate: number; attemptId: string },
): Promise<SubscriptionSummary & { customerId: string }> {
  const subscription = await liveSubscriptionOf(user);
  const target = await switchTarget(subscription, priceId);
  const at = prorationDate * 1000;
  // Stripe only prorates within the current period: an older preview must be looked at again.
  if ((subscription.currentPeriodStart && at < subscription.currentPeriodStart.getTime()) || (subscription.currentPeriodEnd && at > subscription.currentPeriodEnd.getTime())) {
    throw new UserError('This preview is out of date. Review the change again before confirming.');
  }
  const usageChanges = await usageItemChanges(await getDb(), subscription.id, target);
  const updated = await stripe().subscriptions.update(
    subscription.id,
    {
      items: [{ id: subscription.plan!.itemId, price: target.id }, ...usageChanges],
      proration_behavior: 'always_invoice',
      proration_date: prorationDate,
      payment_behavior: 'error_if_incomplete',
      // A cancellation scheduled on the old plan should not silently end the new one.
      cancel_at_period_end: false,
    },
    { idempotencyKey: `paydesk-switch-${user.id}-${attemptId}` },
  );
  const invoiceId = idOf(updated.latest_invoice);
  await syncWith((run) => Promise.all([run.subscription(updated.id), invoiceId ? run.invoice(invoiceId) : null]));
  return subscription;
}

export async function switchTarget(subscription: SubscriptionSummary, priceId: string): Promise<CatalogPrice & { interval: BillingInterval }> {
  if (!subscription.plan) throw new UserError('Your current plan cannot be changed here. Use Manage billing instead.');
  const target = await recurringPlanPrice(priceId);
  if (target.id === subscription.plan.priceId) throw new UserError('You are already on that plan.');
  if (target.currency !== subscription.plan.currency) throw new UserError('That plan is billed in a different currency.');
  return target;
}
