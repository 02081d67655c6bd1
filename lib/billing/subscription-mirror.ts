// A customer's subscription as the mirror holds it: the one the account and pricing pages show,
// one by id, and whether a first plan may still start with a free trial. Reads only, no Stripe
// call and no 'server-only' guard, so the background sweeper (seats.ts) can use it outside Next.
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { getDb, type Database } from '@/lib/db/client';
import { stripeInvoices, stripePrices, stripeProducts, stripeSubscriptionItems, stripeSubscriptions } from '@/lib/db/schema/billing';
import type { Stripe } from '@/lib/stripe/client';
import { idOf } from '@/lib/stripe/ids';
import type { BillingInterval } from './format';
import { isPerSeat } from './seat-count';

/** Statuses of a subscription the customer still has (paying, trialing, or owing). */
const liveStatuses = ['active', 'trialing', 'past_due', 'unpaid', 'paused'];

export function isLive(status: string): boolean {
  return liveStatuses.includes(status);
}

export interface SubscriptionSummary {
  id: string;
  status: string;
  cancelAtPeriodEnd: boolean;
  /** When a scheduled cancellation takes effect. */
  cancelAt: Date | null;
  endedAt: Date | null;
  trialEnd: Date | null;
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  latestInvoiceId: string | null;
  defaultPaymentMethodId: string | null;
  /** The subscription schedule managing it (a downgrade waiting for the period end), if any. */
  scheduleId: string | null;
  plan: {
    itemId: string;
    priceId: string;
    productId: string;
    name: string;
    tier: string | null;
    unitAmount: number | null;
    currency: string;
    interval: BillingInterval | null;
    /** Seats on a per-seat plan; 1 otherwise. */
    quantity: number;
    /** Priced per seat (the product grants `team-seats`): the quantity follows the organisation's members. */
    perSeat: boolean;
  } | null;
  metadata: Record<string, string>;
}

/**
 * The customer's most relevant subscription from the mirror: a live one if any, else an incomplete
 * one (started, first payment pending), else the most recently ended one.
 */
export async function subscriptionForCustomer(customerId: string, options: { db?: Database } = {}): Promise<SubscriptionSummary | null> {
  return mirroredSubscription(eq(stripeSubscriptions.customerId, customerId), options);
}

/** One subscription from the mirror by id, whoever's it is (callers check `customerId`); null when not mirrored. */
export async function subscriptionById(id: string, options: { db?: Database } = {}): Promise<(SubscriptionSummary & { customerId: string }) | null> {
  return mirroredSubscription(eq(stripeSubscriptions.id, id), options);
}

async function mirroredSubscription(where: SQL, options: { db?: Database }): Promise<(SubscriptionSummary & { customerId: string }) | null> {
  const db = options.db ?? (await getDb());
  const found = await db
    .select({
      id: stripeSubscriptions.id,
      customerId: stripeSubscriptions.customerId,
      status: stripeSubscriptions.status,
      cancelAtPeriodEnd: stripeSubscriptions.cancelAtPeriodEnd,
      cancelAt: stripeSubscriptions.cancelAt,
      endedAt: stripeSubscriptions.endedAt,
      trialEnd: stripeSubscriptions.trialEnd,
      currentPeriodStart: stripeSubscriptions.currentPeriodStart,
      currentPeriodEnd: stripeSubscriptions.currentPeriodEnd,
      latestInvoiceId: stripeSubscriptions.latestInvoiceId,
      raw: stripeSubscriptions.raw,
      itemId: stripeSubscriptionItems.id,
      priceId: stripeSubscriptionItems.priceId,
      productId: stripeSubscriptionItems.productId,
      quantity: stripeSubscriptionItems.quantity,
      productName: stripeProducts.name,
      productRaw: stripeProducts.raw,
      unitAmount: stripePrices.unitAmount,
      currency: stripePrices.currency,
      interval: stripePrices.recurringInterval,
    })
    .from(stripeSubscriptions)
    // The plan is the licensed item; a metered one beside it (usage/plan-items.ts) is not the plan.
    .leftJoin(
      stripeSubscriptionItems,
      and(
        eq(stripeSubscriptionItems.subscriptionId, stripeSubscriptions.id),
        sql`not exists (select 1 from ${stripePrices} mp where mp.id = ${stripeSubscriptionItems.priceId} and mp.raw->'recurring'->>'usage_type' = 'metered')`,
      ),
    )
    .leftJoin(stripePrices, eq(stripePrices.id, stripeSubscriptionItems.priceId))
    .leftJoin(stripeProducts, eq(stripeProducts.id, stripeSubscriptionItems.productId))
    .where(where)
    .orderBy(
      sql`case when ${stripeSubscriptions.status} in ('active', 'trialing', 'past_due', 'unpaid', 'paused') then 0
               when ${stripeSubscriptions.status} = 'incomplete' then 1 else 2 end`,
      desc(stripeSubscriptions.created),
      desc(stripeSubscriptions.id),
    )
    .limit(1);
  const row = found[0];
  if (!row) return null;
  const raw = row.raw as Pick<Stripe.Subscription, 'default_payment_method' | 'schedule' | 'metadata'>;
  const productMetadata = (row.productRaw as { metadata?: Record<string, string> } | null)?.metadata;
  return {
    id: row.id,
    customerId: row.customerId,
    status: row.status,
    cancelAtPeriodEnd: row.cancelAtPeriodEnd,
    cancelAt: row.cancelAt,
    endedAt: row.endedAt,
    trialEnd: row.trialEnd,
    currentPeriodStart: row.currentPeriodStart,
    currentPeriodEnd: row.currentPeriodEnd,
    latestInvoiceId: row.latestInvoiceId,
    defaultPaymentMethodId: idOf(raw.default_payment_method),
    scheduleId: idOf(raw.schedule),
    metadata: raw.metadata ?? {},
    plan:
      row.itemId && row.priceId && row.productId
        ? {
            itemId: row.itemId,
            priceId: row.priceId,
            productId: row.productId,
            name: row.productName ?? 'Your plan',
            tier: productMetadata?.tier ?? null,
            unitAmount: row.unitAmount,
            currency: row.currency ?? 'usd',
            interval: row.interval === 'month' || row.interval === 'year' ? row.interval : null,
            quantity: row.quantity ?? 1,
            perSeat: isPerSeat(productMetadata),
          }
        : null,
  };
}

/**
 * Free trials are for a customer's first plan: none once they have or had a subscription that
 * started (live now, trialed, or with a paid invoice). Abandoned in-app starts, never paid, do not count.
 */
export async function offersTrial(customerId: string | null, options: { db?: Database } = {}): Promise<boolean> {
  if (!customerId) return true;
  const db = options.db ?? (await getDb());
  const started = await db
    .select({ id: stripeSubscriptions.id })
    .from(stripeSubscriptions)
    .where(
      sql`${stripeSubscriptions.customerId} = ${customerId} and (
        ${stripeSubscriptions.status} in (${sql.join(liveStatuses.map((s) => sql`${s}`), sql`, `)})
        or ${stripeSubscriptions.trialEnd} is not null
        or exists (select 1 from ${stripeInvoices} where ${stripeInvoices.subscriptionId} = ${stripeSubscriptions.id} and ${stripeInvoices.status} = 'paid'))`,
    )
    .limit(1);
  return started.length === 0;
}
