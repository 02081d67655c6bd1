// What a customer may use, derived from mirrored subscription state: `entitlementsFor` is pure;
// `entitlementsForOrganisation` loads the state from the mirror and applies it.
// Plans declare themselves in product metadata: `tier` (a name) and `features` (comma-separated).
// Fail closed: a status we do not know grants nothing.

import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { column, getDb, rows, type Database } from '@/lib/db/client';

export interface SubscriptionState {
  status: string;
  items: { productMetadata: Record<string, string> | null | undefined }[];
}

export interface Entitlements {
  /** The highest tier among granting subscriptions, or null for none. */
  tier: string | null;
  features: ReadonlySet<string>;
  /** The customer must act (payment failed, or the first payment is incomplete). */
  needsPayment: boolean;
}

/** Statuses that grant access. `past_due` keeps access while Stripe retries the payment. */
const granting = new Set(['active', 'trialing', 'past_due']);
const needingPayment = new Set(['past_due', 'incomplete', 'unpaid']);

/** Tiers from lowest to highest; an unknown tier name ranks below every known one. */
export const tierOrder = ['starter', 'pro', 'team'] as const;

export function entitlementsFor(subscriptions: SubscriptionState[]): Entitlements {
  let tier: string | null = null;
  const features = new Set<string>();
  let needsPayment = false;
  for (const subscription of subscriptions) {
    if (needingPayment.has(subscription.status)) needsPayment = true;
    if (!granting.has(subscription.status)) continue;
    for (const item of subscription.items) {
      const metadata = item.productMetadata ?? {};
      if (metadata.tier && rank(metadata.tier) >= rank(tier)) tier = metadata.tier;
      for (const feature of (metadata.features ?? '').split(',')) if (feature.trim()) features.add(feature.trim());
    }
  }
  return { tier, features, needsPayment };
}

function rank(tier: string | null): number {
  if (tier === null) return -2;
  return tierOrder.indexOf(tier as (typeof tierOrder)[number]);
}

/** An organisation's entitlements (what its members may use), from its customer's mirrored subscriptions. */
export async function entitlementsForOrganisation(organisationId: string, options: { db?: Database } = {}): Promise<Entitlements> {
  const db = options.db ?? (await getDb());
  const found = await rows(
    db,
    sql`
      select s.id, s.status, p.raw -> 'metadata' as metadata
      from stripe_customers c
      join stripe_subscriptions s on s.customer_id = c.id
      left join stripe_subscription_items si on si.subscription_id = s.id
      left join stripe_products p on p.id = si.product_id
      where c.organisation_id = ${organisationId}`,
    z.object({ id: column.text, status: column.text, metadata: z.record(z.string(), z.string()).nullable() }),
  );
  const byId = new Map<string, SubscriptionState>();
  for (const row of found) {
    const state = byId.get(row.id) ?? { status: row.status, items: [] };
    state.items.push({ productMetadata: row.metadata });
    byId.set(row.id, state);
  }
  return entitlementsFor([...byId.values()]);
}
