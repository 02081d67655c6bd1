// The metered item a plan carries: plans whose product includes reports (metadata `features`) get
// the "Reports generated" price of the same interval as a second subscription item, at checkout,
// in-app starts and plan switches (Stripe requires one interval across a subscription's items).
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { stripePrices, stripeProducts, stripeSubscriptionItems } from '@/lib/db/schema/billing';
import { reportsUsage } from '../catalog';

interface PlanPrice {
  productId: string;
  interval: 'month' | 'year' | null;
}

/** The metered price to add beside `plan`, or null when its product has no metered feature. */
export async function usagePriceFor(db: Database, plan: PlanPrice): Promise<string | null> {
  if (!plan.interval) return null;
  const [product] = await db.select({ raw: stripeProducts.raw }).from(stripeProducts).where(eq(stripeProducts.id, plan.productId));
  const features = ((product?.raw as { metadata?: Record<string, string> } | undefined)?.metadata?.features ?? '').split(',').map((f) => f.trim());
  if (!features.includes(reportsUsage.feature)) return null;
  const [price] = await db
    .select({ id: stripePrices.id })
    .from(stripePrices)
    .where(and(eq(stripePrices.lookupKey, reportsUsage.lookupKeys[plan.interval]), eq(stripePrices.active, true), eq(stripePrices.deleted, false)));
  return price?.id ?? null;
}

/** The subscription's metered item, if it has one. */
async function meteredItemOf(db: Database, subscriptionId: string): Promise<{ id: string; priceId: string } | null> {
  const [item] = await db
    .select({ id: stripeSubscriptionItems.id, priceId: stripeSubscriptionItems.priceId })
    .from(stripeSubscriptionItems)
    .innerJoin(stripePrices, eq(stripePrices.id, stripeSubscriptionItems.priceId))
    .where(and(eq(stripeSubscriptionItems.subscriptionId, subscriptionId), sql`${stripePrices.raw}->'recurring'->>'usage_type' = 'metered'`));
  return item ?? null;
}

export type ItemChange = { id: string; price: string } | { id: string; deleted: true } | { price: string };

/** The item changes that give a subscription switching to `target` the target's metered item. */
export async function usageItemChanges(db: Database, subscriptionId: string, target: PlanPrice): Promise<ItemChange[]> {
  const [current, wanted] = await Promise.all([meteredItemOf(db, subscriptionId), usagePriceFor(db, target)]);
  if (current?.priceId === wanted || (!current && !wanted)) return [];
  if (current && !wanted) return [{ id: current.id, deleted: true }];
  if (current && wanted) return [{ id: current.id, price: wanted }];
  return [{ price: wanted! }];
}
