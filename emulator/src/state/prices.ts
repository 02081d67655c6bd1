// Prices: one-time and recurring amounts for a product, findable by lookup key.
import { wireDecimal } from '../decimal.js';
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import type { Params } from '../protocol/params.js';
import { invalidRequest, parameterMissing } from '../protocol/errors.js';
import { newId } from '../ids.js';
import { snapshot } from '../events.js';

export const INTERVALS = ['day', 'week', 'month', 'year'] as const;

/** Creates a price for `productId` from price params (also used by product default_price_data and price_data). */
export function createPriceFor(emu: Emulator, productId: string, params: Params, id = newId('price')): Stripe.Price {
  const currency = params.requiredStr('currency').toLowerCase();
  const decimal = params.str('unit_amount_decimal');
  const unitAmount = params.int('unit_amount', { min: 0 }) ?? (decimal !== undefined ? Math.round(Number(decimal)) : undefined);
  if (unitAmount === undefined) throw parameterMissing('unit_amount');
  const recurring = params.obj('recurring')?.only('interval', 'interval_count', 'usage_type', 'trial_period_days', 'meter', 'aggregate_usage');
  const interval = recurring?.oneOf('interval', INTERVALS);
  if (recurring && !interval) throw parameterMissing(recurring.path('interval'));
  const lookupKey = params.str('lookup_key');
  const price = emu.store.insert({
    id,
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
export function claimLookupKey(emu: Emulator, key: string | null, transfer: boolean): string | null {
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
