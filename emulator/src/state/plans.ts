// The legacy Plans API: a plan is a recurring per-unit price seen through the Plan shape (same id),
// so everything that takes a price takes a plan and the other way round.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import { Params } from '../protocol/params.js';
import type { ParamObject } from '../protocol/qs.js';
import { invalidRequest, parameterMissing } from '../protocol/errors.js';
import { snapshot } from '../events.js';
import { mustGet } from './lookup.js';
import { createPriceFor, INTERVALS, planFromPrice } from './prices.js';
import { createProduct } from './products.js';

export function createPlan(emu: Emulator, params: Params): Stripe.Plan {
  params.only('id', 'currency', 'interval', 'interval_count', 'amount', 'amount_decimal', 'product', 'nickname', 'metadata', 'active', 'trial_period_days', 'usage_type', 'billing_scheme', 'meter', 'tiers', 'tiers_mode', 'transform_usage');
  const id = params.str('id');
  if (id && emu.store.byId(id)) throw invalidRequest('Plan already exists.', 'id', 'resource_already_exists');
  const interval = params.oneOf('interval', INTERVALS);
  if (!interval) throw parameterMissing('interval');
  let productId: string;
  if (params.obj('product')) productId = createProduct(emu, params.obj('product')!).id;
  else if (params.str('product')) productId = mustGet(emu, 'product', params.str('product'), 'product').id;
  else throw parameterMissing('product');
  const recurring: ParamObject = { interval };
  for (const key of ['interval_count', 'trial_period_days', 'usage_type'] as const) if (params.has(key)) recurring[key] = params.raw[key]!;
  const priceParams: ParamObject = { currency: params.requiredStr('currency'), recurring };
  if (params.has('amount')) priceParams.unit_amount = params.raw.amount!;
  else if (params.has('amount_decimal')) priceParams.unit_amount_decimal = params.raw.amount_decimal!;
  else throw parameterMissing('amount');
  for (const key of ['nickname', 'metadata', 'active'] as const) if (params.has(key)) priceParams[key] = params.raw[key]!;
  const price = createPriceFor(emu, productId, new Params(priceParams), id);
  const plan = planFromPrice(price);
  emu.events.emit('plan.created', plan);
  return plan;
}

export function updatePlan(emu: Emulator, price: Stripe.Price, params: Params): Stripe.Plan {
  params.only('active', 'nickname', 'metadata', 'product', 'trial_period_days');
  const before = planFromPrice(price);
  const priceBefore = snapshot(price);
  params.assignBools(price, 'active');
  params.assignNullableStrs(price, 'nickname');
  const product = params.str('product');
  if (product) price.product = mustGet(emu, 'product', product, 'product').id;
  const trialDays = params.int('trial_period_days', { min: 0 });
  if (trialDays !== undefined && price.recurring) price.recurring.trial_period_days = trialDays;
  price.metadata = params.metadata(price.metadata);
  const plan = planFromPrice(price);
  emu.events.emitUpdate('price.updated', price, priceBefore);
  emu.events.emitUpdate('plan.updated', plan, before);
  return plan;
}

export function deletePlan(emu: Emulator, price: Stripe.Price): Stripe.DeletedPlan {
  const plan = planFromPrice(price);
  emu.store.delete(price.id);
  emu.events.emit('plan.deleted', plan);
  emu.events.emit('price.deleted', price);
  return { id: plan.id, object: 'plan', deleted: true };
}

/** A plan id names a recurring price. */
export function planPrice(emu: Emulator, id: string | undefined): Stripe.Price {
  const price = emu.store.get('price', id ?? '');
  if (!price || price.type !== 'recurring') throw invalidRequest(`No such plan: '${id ?? ''}'`, 'id', 'resource_missing');
  return price;
}
