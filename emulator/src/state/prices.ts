// Prices: one-time and recurring amounts for a product, findable by lookup key.
import { wireDecimal } from '../decimal.js';
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import type { Params } from '../protocol/params.js';
import { invalidRequest, parameterMissing } from '../protocol/errors.js';
import { newId } from '../ids.js';
import { snapshot } from '../events.js';
import { mustGet } from './lookup.js';

export const INTERVALS = ['day', 'week', 'month', 'year'] as const;

/** Creates a price for `productId` from price params (also used by product default_price_data and price_data). */
export function createPriceFor(emu: Emulator, productId: string, params: Params, id = newId('price')): Stripe.Price {
  const currency = params.requiredStr('currency').toLowerCase();
  const decimal = params.str('unit_amount_decimal');
  const billingScheme = params.oneOf('billing_scheme', ['per_unit', 'tiered'] as const) ?? 'per_unit';
  const tiers = billingScheme === 'tiered' ? tiersFrom(params) : undefined;
  const unitAmount = tiers ? null : (params.int('unit_amount', { min: 0 }) ?? (decimal !== undefined ? Math.round(Number(decimal)) : undefined));
  if (unitAmount === undefined) throw parameterMissing('unit_amount');
  const recurring = params.obj('recurring')?.only('interval', 'interval_count', 'usage_type', 'trial_period_days', 'meter', 'aggregate_usage');
  const interval = recurring?.oneOf('interval', INTERVALS);
  if (recurring && !interval) throw parameterMissing(recurring.path('interval'));
  const usageType = recurring?.oneOf('usage_type', ['licensed', 'metered'] as const) ?? 'licensed';
  const meter = recurring?.str('meter') ?? null;
  if (usageType === 'metered' && !meter) throw parameterMissing(recurring!.path('meter'));
  if (meter) {
    if (usageType !== 'metered') throw invalidRequest('A meter can only be set on prices with `recurring[usage_type]=metered`.', recurring!.path('meter'));
    mustGet(emu, 'billing.meter', meter, recurring!.path('meter'));
  }
  const lookupKey = params.str('lookup_key');
  const price = emu.store.insert({
    id,
    object: 'price',
    active: params.bool('active') ?? true,
    billing_scheme: billingScheme,
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
          meter,
          trial_period_days: recurring!.int('trial_period_days') ?? null,
          usage_type: usageType,
        }
      : null,
    tax_behavior: params.oneOf('tax_behavior', ['exclusive', 'inclusive', 'unspecified'] as const) ?? 'unspecified',
    tiers_mode: tiers ? params.oneOf('tiers_mode', ['graduated', 'volume'] as const)! : null,
    transform_quantity: null,
    type: interval ? 'recurring' : 'one_time',
    unit_amount: unitAmount,
    unit_amount_decimal: unitAmount === null ? null : wireDecimal(unitAmount),
  });
  if (tiers) emu.store.extras(price.id).tiers = tiers;
  emu.events.emit('price.created', price);
  return price;
}

/** `tiers[i][up_to|unit_amount|flat_amount]` of a tiered price: ascending, the last one `up_to=inf`. */
function tiersFrom(params: Params): Stripe.Price.Tier[] {
  if (!params.oneOf('tiers_mode', ['graduated', 'volume'] as const)) throw parameterMissing('tiers_mode');
  const list = params.objList('tiers');
  if (list.length === 0) throw parameterMissing('tiers');
  if (params.has('unit_amount') || params.has('unit_amount_decimal')) {
    throw invalidRequest('You may not specify `unit_amount` with `billing_scheme=tiered`; set the amounts on the tiers.', 'unit_amount');
  }
  const tiers = list.map((tier, i): Stripe.Price.Tier => {
    tier.only('up_to', 'unit_amount', 'unit_amount_decimal', 'flat_amount', 'flat_amount_decimal');
    const upTo = tier.str('up_to');
    if (upTo === undefined) throw parameterMissing(tier.path('up_to'));
    const last = i === list.length - 1;
    if ((upTo === 'inf') !== last) throw invalidRequest('The last tier must have `up_to=inf`, and only the last one.', tier.path('up_to'));
    const unitAmount = tier.int('unit_amount', { min: 0 }) ?? null;
    const flatAmount = tier.int('flat_amount', { min: 0 }) ?? null;
    if (unitAmount === null && flatAmount === null) throw parameterMissing(tier.path('unit_amount'));
    return {
      flat_amount: flatAmount,
      flat_amount_decimal: flatAmount === null ? null : wireDecimal(flatAmount),
      unit_amount: unitAmount,
      unit_amount_decimal: unitAmount === null ? null : wireDecimal(unitAmount),
      up_to: upTo === 'inf' ? null : tier.requiredInt('up_to', { min: 1 }),
    };
  });
  for (let i = 1; i < tiers.length - 1; i++) {
    if (tiers[i]!.up_to! <= tiers[i - 1]!.up_to!) throw invalidRequest('Tiers must be in ascending order of `up_to`.', `tiers[${i}][up_to]`);
  }
  return tiers;
}

/** The tiers of a tiered price (kept aside: Stripe shows them only when `tiers` is expanded). */
export function tiersOf(emu: Emulator, price: Stripe.Price): Stripe.Price.Tier[] {
  return emu.store.extras(price.id).tiers ?? [];
}

/** What `quantity` units of `price` cost: per unit, or by its tiers (graduated: each tier's share; volume: the tier the quantity falls in). */
export function amountFor(emu: Emulator, price: Stripe.Price, quantity: number): number {
  if (price.billing_scheme !== 'tiered') return (price.unit_amount ?? 0) * quantity;
  const tiers = tiersOf(emu, price);
  if (price.tiers_mode === 'volume') {
    const tier = tiers.find((t) => t.up_to === null || quantity <= t.up_to) ?? tiers[tiers.length - 1]!;
    return (tier.unit_amount ?? 0) * quantity + (tier.flat_amount ?? 0);
  }
  let amount = 0;
  let below = 0;
  for (const tier of tiers) {
    if (quantity <= below) break;
    const upTo = tier.up_to ?? Infinity;
    const units = Math.min(quantity, upTo) - below;
    amount += (tier.unit_amount ?? 0) * units + (tier.flat_amount ?? 0);
    below = upTo;
  }
  return amount;
}

/** Stripe refuses a quantity on an item or line item of a metered price: its meter says how much. */
export function rejectMeteredQuantity(price: Stripe.Price, item: Params): void {
  if (price.recurring?.usage_type === 'metered' && item.has('quantity')) {
    throw invalidRequest(`Quantity should not be specified where usage_type is \`metered\`. Remove quantity from \`${item.path('quantity').replace(/\[quantity\]$/, '')}\`.`, item.path('quantity'));
  }
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
    meter: price.recurring?.meter ?? null,
    nickname: price.nickname,
    product: typeof price.product === 'string' ? price.product : price.product.id,
    tiers_mode: price.tiers_mode,
    transform_usage: null,
    trial_period_days: price.recurring?.trial_period_days ?? null,
    usage_type: price.recurring?.usage_type ?? 'licensed',
  };
}
