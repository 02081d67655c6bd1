// The plans and add-ons Paydesk sells, and the idempotent seeding of them into Stripe (the emulator,
// or a real test-mode account) followed by mirroring. Prices are found again by their lookup keys,
// so seeding twice creates nothing new.
import { stripe as defaultStripe, type Stripe } from '@/lib/stripe/client';
import { syncPrice, type SyncOptions } from './sync';
import type { UsageTier } from './usage/pricing';

export interface CatalogPrice {
  lookupKey: string;
  /** Minor units (per unit when `tiers` is unset). */
  unitAmount: number;
  interval?: 'month' | 'year';
  /** Metered on the catalog's meter and billed in arrears by these graduated tiers. */
  tiers?: UsageTier[];
}

/**
 * Reports are metered: every report generated on /features/reports is one unit of the
 * `report_generated` meter. Plans that include reports (Pro, Team) carry a metered item besides
 * the plan's own: the first tier is the allowance (free), the rest is billed per report at the
 * period's end. Graduated tiers express "N included, then per unit" directly, so Stripe computes
 * the charge and the invoice line shows the period's full count.
 */
export const reportsUsage = {
  eventName: 'report_generated',
  meterName: 'Reports generated',
  /** The product feature (metadata `features`) whose plans carry the metered item. */
  feature: 'reports',
  lookupKeys: { month: 'reports_usage_monthly', year: 'reports_usage_yearly' },
} as const;

export interface CatalogProduct {
  key: string;
  name: string;
  description: string;
  /** `tier` and `features` drive entitlements (lib/billing/entitlements.ts). */
  metadata: Record<string, string>;
  /** Free trial offered on this product's recurring prices. */
  trialDays?: number;
  prices: CatalogPrice[];
}

const currency = 'usd';

export const catalog: CatalogProduct[] = [
  {
    key: 'starter',
    name: 'Starter',
    description: 'For individuals getting their billing in order.',
    metadata: { tier: 'starter', features: 'dashboard,email-support' },
    prices: [
      { lookupKey: 'starter_monthly', unitAmount: 900, interval: 'month' },
      { lookupKey: 'starter_yearly', unitAmount: 9_000, interval: 'year' },
    ],
  },
  {
    key: 'pro',
    name: 'Pro',
    description: 'For growing teams that need reports and the API.',
    metadata: { tier: 'pro', features: 'dashboard,email-support,reports,api-access' },
    trialDays: 14,
    prices: [
      { lookupKey: 'pro_monthly', unitAmount: 2_900, interval: 'month' },
      { lookupKey: 'pro_yearly', unitAmount: 29_000, interval: 'year' },
    ],
  },
  {
    key: 'team',
    name: 'Team',
    description: 'For organisations with many seats and an audit trail.',
    metadata: { tier: 'team', features: 'dashboard,email-support,reports,api-access,team-seats,audit-log' },
    prices: [
      { lookupKey: 'team_monthly', unitAmount: 7_900, interval: 'month' },
      { lookupKey: 'team_yearly', unitAmount: 79_000, interval: 'year' },
    ],
  },
  {
    key: 'reports-usage',
    name: 'Reports generated',
    description: 'Reports beyond the ones your plan includes, billed at the end of each period.',
    metadata: { kind: 'usage', meter_event: reportsUsage.eventName },
    prices: [
      { lookupKey: reportsUsage.lookupKeys.month, unitAmount: 0, interval: 'month', tiers: [{ upTo: 100, unitAmount: 0 }, { upTo: null, unitAmount: 10 }] },
      { lookupKey: reportsUsage.lookupKeys.year, unitAmount: 0, interval: 'year', tiers: [{ upTo: 1_200, unitAmount: 0 }, { upTo: null, unitAmount: 10 }] },
    ],
  },
  {
    key: 'support-pack',
    name: 'Priority support pack',
    description: 'A one-time pack of priority support hours.',
    metadata: { kind: 'addon' },
    prices: [{ lookupKey: 'support_pack', unitAmount: 4_900 }],
  },
];

export interface SeedResult {
  created: string[];
  /** Stripe price id per lookup key. */
  prices: Record<string, string>;
}

/** Creates whatever of the catalog Stripe lacks, then mirrors every catalog price and product. */
export async function seedCatalog(options: SyncOptions = {}): Promise<SeedResult> {
  const client = options.stripe ?? defaultStripe();
  const lookupKeys = catalog.flatMap((product) => product.prices.map((price) => price.lookupKey));
  const existing = await client.prices.list({ lookup_keys: lookupKeys, limit: 100 });
  const prices: Record<string, string> = {};
  for (const price of existing.data) if (price.lookup_key) prices[price.lookup_key] = price.id;

  const created: string[] = [];
  let meterId: string | undefined;
  for (const product of catalog) {
    const missing = product.prices.filter((price) => !prices[price.lookupKey]);
    if (missing.length === 0) continue;
    const productId = await findOrCreateProduct(client, product, existing.data);
    for (const price of missing) {
      if (price.tiers) meterId ??= await findOrCreateMeter(client);
      const createdPrice = await client.prices.create(
        {
          product: productId,
          currency,
          lookup_key: price.lookupKey,
          ...(price.tiers
            ? {
                billing_scheme: 'tiered' as const,
                tiers_mode: 'graduated' as const,
                tiers: price.tiers.map((tier) => ({ up_to: tier.upTo ?? ('inf' as const), unit_amount: tier.unitAmount, ...(tier.flatAmount ? { flat_amount: tier.flatAmount } : {}) })),
                recurring: { interval: price.interval!, usage_type: 'metered' as const, meter: meterId },
              }
            : { unit_amount: price.unitAmount, ...(price.interval ? { recurring: { interval: price.interval } } : {}) }),
          metadata: product.trialDays && price.interval ? { trial_period_days: String(product.trialDays) } : {},
        },
        { idempotencyKey: `paydesk-catalog-price-${price.lookupKey}` },
      );
      prices[price.lookupKey] = createdPrice.id;
      created.push(price.lookupKey);
    }
  }
  for (const id of Object.values(prices)) await syncPrice(id, options);
  return { created, prices };
}

/** The active meter counting reports (meters are found again by event name). */
async function findOrCreateMeter(client: Stripe): Promise<string> {
  for await (const meter of client.billing.meters.list({ status: 'active', limit: 100 })) {
    if (meter.event_name === reportsUsage.eventName) return meter.id;
  }
  const meter = await client.billing.meters.create(
    { display_name: reportsUsage.meterName, event_name: reportsUsage.eventName, default_aggregation: { formula: 'sum' } },
    { idempotencyKey: `paydesk-catalog-meter-${reportsUsage.eventName}` },
  );
  return meter.id;
}

/** The catalog's tiers of a metered price, by its lookup key. */
export function usageTiers(lookupKey: string): UsageTier[] | null {
  for (const product of catalog) for (const price of product.prices) if (price.lookupKey === lookupKey && price.tiers) return price.tiers;
  return null;
}

async function findOrCreateProduct(client: Stripe, product: CatalogProduct, knownPrices: Stripe.Price[]): Promise<string> {
  const lookupKeys = new Set(product.prices.map((price) => price.lookupKey));
  const sibling = knownPrices.find((price) => price.lookup_key && lookupKeys.has(price.lookup_key));
  if (sibling) return typeof sibling.product === 'string' ? sibling.product : sibling.product.id;
  const created = await client.products.create(
    { name: product.name, description: product.description, metadata: { ...product.metadata, catalog_key: product.key } },
    { idempotencyKey: `paydesk-catalog-product-${product.key}` },
  );
  return created.id;
}
