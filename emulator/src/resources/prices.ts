// Prices: one-time and recurring amounts for a product, findable by lookup key.
import { wireDecimal } from '../decimal.js';
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import type { ApiRouter } from '../api.js';
import type { Params } from '../protocol/params.js';
import { LIST_PARAMS, paginate } from '../protocol/list.js';
import { invalidRequest, parameterMissing } from '../protocol/errors.js';
import { newId } from '../ids.js';
import { snapshot } from '../events.js';
import { mustGet, retrieveRoute } from './lookup.js';
import { createProduct } from './products.js';

const INTERVALS = ['day', 'week', 'month', 'year'] as const;

export function registerPriceRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/prices', {
    run: ({ emu, params }) => {
      params.only('currency', 'unit_amount', 'unit_amount_decimal', 'product', 'product_data', 'recurring', 'lookup_key', 'transfer_lookup_key', 'active', 'nickname', 'metadata', 'tax_behavior', 'billing_scheme', 'custom_unit_amount', 'currency_options', 'tiers', 'tiers_mode', 'transform_quantity');
      let productId = params.str('product');
      const productData = params.obj('product_data');
      if (!productId && productData) productId = createProduct(emu, productData).id;
      if (!productId) throw parameterMissing('product');
      mustGet(emu, 'product', productId, 'product');
      return createPriceFor(emu, productId, params);
    },
  });
  api.add('GET', '/v1/prices', {
    run: ({ emu, params, url }) => {
      params.only(...LIST_PARAMS, 'active', 'currency', 'product', 'type', 'lookup_keys', 'recurring');
      const active = params.bool('active');
      const currency = params.str('currency');
      const product = params.str('product');
      const type = params.oneOf('type', ['one_time', 'recurring'] as const);
      const lookupKeys = params.strList('lookup_keys');
      const interval = params.obj('recurring')?.only('interval', 'usage_type', 'meter').oneOf('interval', INTERVALS);
      const items = emu.store.list('price').filter(
        (p) =>
          (active === undefined || p.active === active) &&
          (currency === undefined || p.currency === currency) &&
          (product === undefined || p.product === product) &&
          (type === undefined || p.type === type) &&
          (!lookupKeys || (p.lookup_key !== null && lookupKeys.includes(p.lookup_key))) &&
          (interval === undefined || p.recurring?.interval === interval),
      );
      return paginate(items, params, url, 'price');
    },
  });
  api.add('GET', '/v1/prices/:id', retrieveRoute('price'));
  api.add('POST', '/v1/prices/:id', {
    run: ({ emu, params, path }) => {
      params.only('active', 'nickname', 'metadata', 'lookup_key', 'transfer_lookup_key', 'tax_behavior', 'currency_options');
      const price = mustGet(emu, 'price', path.id);
      const before = snapshot(price);
      const active = params.bool('active');
      if (active !== undefined) price.active = active;
      const nickname = params.nullableStr('nickname');
      if (nickname !== undefined) price.nickname = nickname;
      const lookupKey = params.nullableStr('lookup_key');
      if (lookupKey !== undefined) price.lookup_key = claimLookupKey(emu, lookupKey, params.bool('transfer_lookup_key') ?? false);
      price.metadata = params.metadata(price.metadata);
      emu.events.emitUpdate('price.updated', price, before);
      return price;
    },
  });
}

/** Creates a price for `productId` from price params (also used by product default_price_data and price_data). */
export function createPriceFor(emu: Emulator, productId: string, params: Params): Stripe.Price {
  const currency = params.requiredStr('currency').toLowerCase();
  const decimal = params.str('unit_amount_decimal');
  const unitAmount = params.int('unit_amount', { min: 0 }) ?? (decimal !== undefined ? Math.round(Number(decimal)) : undefined);
  if (unitAmount === undefined) throw parameterMissing('unit_amount');
  const recurring = params.obj('recurring')?.only('interval', 'interval_count', 'usage_type', 'trial_period_days', 'meter', 'aggregate_usage');
  const interval = recurring?.oneOf('interval', INTERVALS);
  if (recurring && !interval) throw parameterMissing(recurring.path('interval'));
  const lookupKey = params.str('lookup_key');
  const price = emu.store.insert({
    id: newId('price'),
    object: 'price',
    active: params.bool('active') ?? true,
    billing_scheme: 'per_unit',
    created: emu.clock.now(),
    currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: lookupKey ? claimLookupKey(emu, lookupKey, params.bool('transfer_lookup_key') ?? false) : null,
    metadata: params.metadata(),
    nickname: params.str('nickname') ?? null,
    product: productId,
    recurring: interval
      ? {
          interval,
          interval_count: recurring!.int('interval_count', { min: 1 }) ?? 1,
          meter: null,
          trial_period_days: recurring!.int('trial_period_days') ?? null,
          usage_type: recurring!.oneOf('usage_type', ['licensed', 'metered'] as const) ?? 'licensed',
        }
      : null,
    tax_behavior: params.oneOf('tax_behavior', ['exclusive', 'inclusive', 'unspecified'] as const) ?? 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: interval ? 'recurring' : 'one_time',
    unit_amount: unitAmount,
    unit_amount_decimal: wireDecimal(unitAmount),
  });
  emu.events.emit('price.created', price);
  return price;
}

/** Lookup keys are unique; `transfer_lookup_key` moves one from the price that holds it. */
function claimLookupKey(emu: Emulator, key: string | null, transfer: boolean): string | null {
  if (key === null) return null;
  const holder = emu.store.list('price').find((p) => p.lookup_key === key);
  if (holder) {
    if (!transfer) throw invalidRequest(`A price (\`${holder.id}\`) already uses that lookup key.`, 'lookup_key');
    const before = snapshot(holder);
    holder.lookup_key = null;
    emu.events.emitUpdate('price.updated', holder, before);
  }
  return key;
}

/** The legacy Plan view of a recurring price, which subscription items still carry. */
export function planFromPrice(price: Stripe.Price): Stripe.Plan {
  return {
    id: price.id,
    object: 'plan',
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: price.billing_scheme,
    created: price.created,
    currency: price.currency,
    interval: price.recurring?.interval ?? 'month',
    interval_count: price.recurring?.interval_count ?? 1,
    livemode: false,
    metadata: price.metadata,
    meter: null,
    nickname: price.nickname,
    product: typeof price.product === 'string' ? price.product : price.product.id,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: price.recurring?.trial_period_days ?? null,
    usage_type: price.recurring?.usage_type ?? 'licensed',
  };
}
