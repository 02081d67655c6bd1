// The plans and add-ons Paydesk sells, and the idempotent seeding of them into Stripe (the emulator,
// or a real test-mode account) followed by mirroring. Prices are found again by their lookup keys,
// so seeding twice creates nothing new.
import { stripe as defaultStripe, type Stripe } from '@/lib/stripe/client';
import { syncPrice, type SyncOptions } from './sync';

export interface CatalogPrice {
  lookupKey: string;
  /** Minor units. */
  unitAmount: number;
  interval?: 'month' | 'year';
}

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
  for (const product of catalog) {
    const missing = product.prices.filter((price) => !prices[price.lookupKey]);
    if (missing.length === 0) continue;
    const productId = await findOrCreateProduct(client, product, existing.data);
    for (const price of missing) {
      const createdPrice = await client.prices.create(
        {
          product: productId,
          currency,
          unit_amount: price.unitAmount,
          lookup_key: price.lookupKey,
          ...(price.interval ? { recurring: { interval: price.interval } } : {}),
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
