// What is for sale, read from the mirrored catalog: plans (products with a `tier`, each with monthly
// and yearly prices) and one-time add-ons (products with `kind: addon`). The pricing page lists
// them; actions look a price up here before using it, so a form can only buy what the catalog offers.
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb, type Database } from '@/lib/db/client';
import { stripePrices, stripeProducts } from '@/lib/db/schema/billing';
import { tierOrder } from './entitlements';
import type { BillingInterval } from './format';
import { isPerSeat } from './seat-count';

export interface CatalogPrice {
  id: string;
  productId: string;
  productName: string;
  tier: string | null;
  unitAmount: number;
  currency: string;
  /** null for one-time prices. */
  interval: BillingInterval | null;
  /** Free days before the first charge (from price or product metadata `trial_period_days`, or the price's recurring trial). */
  trialDays: number | null;
  /** Sold per seat: the quantity is the number of seats. */
  perSeat: boolean;
}

export interface Plan {
  productId: string;
  name: string;
  description: string | null;
  tier: string;
  features: string[];
  prices: Partial<Record<BillingInterval, CatalogPrice>>;
}

export interface AddOn {
  productId: string;
  name: string;
  description: string | null;
  features: string[];
  price: CatalogPrice;
}

export interface Catalog {
  plans: Plan[];
  addOns: AddOn[];
}

type Metadata = Record<string, string>;
interface RawProduct {
  description?: string | null;
  metadata?: Metadata;
  marketing_features?: { name?: string }[];
}
interface RawPrice {
  metadata?: Metadata;
  recurring?: { interval?: string; interval_count?: number; trial_period_days?: number | null } | null;
}

interface PriceRow {
  priceId: string;
  productId: string;
  productName: string;
  productRaw: unknown;
  priceRaw: unknown;
  unitAmount: number | null;
  currency: string;
  type: string;
  interval: string | null;
  intervalCount: number | null;
}

async function activePriceRows(db: Database, priceId?: string): Promise<PriceRow[]> {
  return db
    .select({
      priceId: stripePrices.id,
      productId: stripeProducts.id,
      productName: stripeProducts.name,
      productRaw: stripeProducts.raw,
      priceRaw: stripePrices.raw,
      unitAmount: stripePrices.unitAmount,
      currency: stripePrices.currency,
      type: stripePrices.type,
      interval: stripePrices.recurringInterval,
      intervalCount: stripePrices.recurringIntervalCount,
    })
    .from(stripePrices)
    .innerJoin(stripeProducts, eq(stripeProducts.id, stripePrices.productId))
    .where(
      and(
        eq(stripePrices.active, true),
        eq(stripePrices.deleted, false),
        eq(stripeProducts.active, true),
        eq(stripeProducts.deleted, false),
        priceId ? eq(stripePrices.id, priceId) : undefined,
      ),
    )
    .orderBy(stripePrices.unitAmount, stripePrices.id);
}

function toCatalogPrice(row: PriceRow): CatalogPrice | null {
  if (row.unitAmount == null) return null;
  // Only plain monthly or yearly plans are sold here (no "every 3 months").
  const interval = row.type === 'recurring' ? row.interval : null;
  if (row.type === 'recurring' && ((interval !== 'month' && interval !== 'year') || (row.intervalCount ?? 1) !== 1)) return null;
  const product = row.productRaw as RawProduct;
  // One-time prices are sold only on products marked as add-ons, as plans need a `tier`: other
  // products in the account (say, items for hand-made invoices) are not for sale on the pricing page.
  if (!interval && product.metadata?.kind !== 'addon') return null;
  const price = row.priceRaw as RawPrice;
  return {
    id: row.priceId,
    productId: row.productId,
    productName: row.productName,
    tier: product.metadata?.tier ?? null,
    unitAmount: row.unitAmount,
    currency: row.currency,
    interval: interval as BillingInterval | null,
    trialDays: interval ? trialDaysOf(price, product) : null,
    perSeat: Boolean(interval) && isPerSeat(product.metadata),
  };
}

function trialDaysOf(price: RawPrice, product: RawProduct): number | null {
  const days = Number(price.metadata?.trial_period_days ?? product.metadata?.trial_period_days ?? price.recurring?.trial_period_days ?? 0);
  return Number.isInteger(days) && days > 0 ? days : null;
}

function featuresOf(product: RawProduct): string[] {
  const marketing = (product.marketing_features ?? []).map((f) => f.name?.trim() ?? '').filter(Boolean);
  if (marketing.length) return marketing;
  return (product.metadata?.features ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean)
    .map(featureLabel);
}

const featureLabels: Record<string, string> = {
  dashboard: 'Billing dashboard',
  'email-support': 'Email support',
  reports: 'Revenue reports',
  'api-access': 'API access',
  'team-seats': 'Team seats',
  'audit-log': 'Audit log',
};

/** The words for an entitlement slug from product metadata (`api-access` → "API access"). */
function featureLabel(slug: string): string {
  return featureLabels[slug] ?? slug.charAt(0).toUpperCase() + slug.slice(1).replace(/[-_]/g, ' ');
}

/** The catalog as the pricing page shows it: plans from lowest to highest tier, then add-ons. */
export async function pricingCatalog(options: { db?: Database } = {}): Promise<Catalog> {
  const db = options.db ?? (await getDb());
  const plans = new Map<string, Plan>();
  const addOns: AddOn[] = [];
  for (const row of await activePriceRows(db)) {
    const price = toCatalogPrice(row);
    if (!price) continue;
    const product = row.productRaw as RawProduct;
    if (price.interval && price.tier) {
      const plan = plans.get(row.productId) ?? {
        productId: row.productId,
        name: row.productName,
        description: product.description ?? null,
        tier: price.tier,
        features: featuresOf(product),
        prices: {},
      };
      // One price per interval: the cheapest active one wins (rows come sorted by amount).
      plan.prices[price.interval] ??= price;
      plans.set(row.productId, plan);
    } else if (!price.interval) {
      addOns.push({ productId: row.productId, name: row.productName, description: product.description ?? null, features: featuresOf(product), price });
    }
  }
  const rank = (tier: string) => {
    const at = tierOrder.indexOf(tier as (typeof tierOrder)[number]);
    return at === -1 ? tierOrder.length : at;
  };
  return { plans: [...plans.values()].sort((a, b) => rank(a.tier) - rank(b.tier) || a.name.localeCompare(b.name)), addOns };
}

/** An active price the catalog sells, or null (inactive, deleted, unknown, or not a plain plan/add-on). */
export async function catalogPrice(priceId: string, options: { db?: Database } = {}): Promise<CatalogPrice | null> {
  const db = options.db ?? (await getDb());
  const [row] = await activePriceRows(db, priceId);
  const price = row ? toCatalogPrice(row) : null;
  // A recurring price must belong to a plan (a product with a tier) to be sold as one.
  if (price?.interval && !price.tier) return null;
  return price;
}
