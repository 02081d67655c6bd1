// Coupons, promotion codes and the discounts they create on customers, subscriptions and
// invoices: redemption rules, and the per-line discount amounts Stripe shows on invoices.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import type { Params } from '../protocol/params.js';
import { invalidRequest } from '../protocol/errors.js';
import { newId, randomToken } from '../ids.js';
import { snapshot } from '../events.js';
import { idOf, mustGet, nowForCustomer } from './lookup.js';
import { recomputeTotals } from './invoice-lines.js';
import { addInterval } from './billing/periods.js';

export function createCoupon(emu: Emulator, params: Params): Stripe.Coupon {
  params.only('id', 'amount_off', 'currency', 'percent_off', 'duration', 'duration_in_months', 'max_redemptions', 'redeem_by', 'name', 'metadata', 'applies_to', 'currency_options');
  const id = params.str('id') || randomToken(8);
  if (emu.store.byId(id)) throw invalidRequest('Coupon already exists.', 'id', 'resource_already_exists');
  const percentOff = percentFrom(params);
  const amountOff = params.int('amount_off', { min: 1 });
  if ((percentOff === undefined) === (amountOff === undefined)) {
    throw invalidRequest('You must pass exactly one of amount_off or percent_off.', percentOff === undefined ? 'amount_off' : 'percent_off', 'parameters_exclusive');
  }
  const currency = params.str('currency')?.toLowerCase();
  if (amountOff !== undefined && !currency) throw invalidRequest('You must pass currency when passing amount_off.', 'currency', 'parameter_missing');
  const duration = params.oneOf('duration', ['once', 'repeating', 'forever'] as const) ?? 'once';
  const months = params.int('duration_in_months', { min: 1 });
  if (duration === 'repeating' && months === undefined) throw invalidRequest('You must pass duration_in_months when duration is repeating.', 'duration_in_months', 'parameter_missing');
  if (duration !== 'repeating' && months !== undefined) throw invalidRequest('duration_in_months can only be set when duration is repeating.', 'duration_in_months');
  const now = emu.clock.now();
  const redeemBy = params.int('redeem_by');
  if (redeemBy !== undefined && redeemBy <= now) throw invalidRequest('redeem_by must be in the future.', 'redeem_by');
  const products = params.obj('applies_to')?.only('products').strList('products');
  for (const product of products ?? []) mustGet(emu, 'product', product, 'applies_to[products]');
  const coupon = emu.store.insert({
    id,
    object: 'coupon',
    amount_off: amountOff ?? null,
    ...(products ? { applies_to: { products } } : {}),
    created: now,
    currency: amountOff !== undefined ? currency! : null,
    duration,
    duration_in_months: months ?? null,
    livemode: false,
    max_redemptions: params.int('max_redemptions', { min: 1 }) ?? null,
    metadata: params.metadata(),
    name: params.nullableStr('name') ?? null,
    percent_off: percentOff ?? null,
    redeem_by: redeemBy ?? null,
    times_redeemed: 0,
    valid: true,
  });
  emu.events.emit('coupon.created', coupon);
  return coupon;
}

/** `percent_off` is a decimal (up to two places) above 0 and at most 100. */
function percentFrom(params: Params): number | undefined {
  const raw = params.str('percent_off');
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!/^\d+(\.\d{1,2})?$/.test(raw) || value <= 0 || value > 100) {
    throw invalidRequest('percent_off must be a number greater than 0 and at most 100.', 'percent_off');
  }
  return value;
}

export function updateCoupon(emu: Emulator, coupon: Stripe.Coupon, params: Params): Stripe.Coupon {
  params.only('name', 'metadata', 'currency_options');
  return emu.events.update('coupon.updated', coupon, () => {
    params.assignNullableStrs(coupon, 'name');
    coupon.metadata = params.metadata(coupon.metadata ?? {});
  });
}

/** Deleting a coupon stops new redemptions; discounts already applied keep going. */
export function deleteCoupon(emu: Emulator, coupon: Stripe.Coupon): Stripe.DeletedCoupon {
  emu.store.delete(coupon.id);
  coupon.valid = false;
  emu.store.extras(coupon.id).deletedCoupon = snapshot(coupon);
  emu.events.emit('coupon.deleted', coupon);
  return { id: coupon.id, object: 'coupon', deleted: true };
}

export function createPromotionCode(emu: Emulator, params: Params): Stripe.PromotionCode {
  // `coupon` at the top level is the pre-`promotion` form Stripe CLI's fixtures still send.
  params.only('promotion', 'coupon', 'code', 'active', 'customer', 'expires_at', 'max_redemptions', 'metadata', 'restrictions', 'customer_account');
  const promotion = params.obj('promotion')?.only('type', 'coupon');
  if (promotion && promotion.oneOf('type', ['coupon'] as const) === undefined) throw invalidRequest('Missing required param: promotion[type].', 'promotion[type]', 'parameter_missing');
  const couponId = promotion?.str('coupon') ?? params.str('coupon');
  if (!couponId) throw invalidRequest('Missing required param: promotion[coupon].', 'promotion[coupon]', 'parameter_missing');
  const coupon = mustGet(emu, 'coupon', couponId, promotion ? 'promotion[coupon]' : 'coupon');
  const code = params.str('code') || randomToken(8).toUpperCase();
  if (!/^[a-zA-Z0-9_-]{1,500}$/.test(code)) throw invalidRequest('The code may contain only letters, digits, dashes and underscores.', 'code');
  if (emu.store.list('promotion_code').some((p) => p.active && p.code.toLowerCase() === code.toLowerCase())) {
    throw invalidRequest(`An active promotion code with \`code: ${code}\` already exists.`, 'code', 'resource_already_exists');
  }
  const customer = params.str('customer');
  if (customer) mustGet(emu, 'customer', customer, 'customer');
  const now = emu.clock.now();
  const expiresAt = params.int('expires_at');
  if (expiresAt !== undefined && expiresAt <= now) throw invalidRequest('expires_at must be in the future.', 'expires_at');
  const restrictions = params.obj('restrictions')?.only('first_time_transaction', 'minimum_amount', 'minimum_amount_currency', 'currency_options');
  const minimumAmount = restrictions?.int('minimum_amount', { min: 1 });
  const minimumCurrency = restrictions?.str('minimum_amount_currency')?.toLowerCase();
  if (minimumAmount !== undefined && !minimumCurrency) throw invalidRequest('You must pass minimum_amount_currency with minimum_amount.', 'restrictions[minimum_amount_currency]', 'parameter_missing');
  const promotionCode = emu.store.insert({
    id: newId('promo'),
    object: 'promotion_code',
    active: params.bool('active') ?? true,
    code,
    created: now,
    customer: customer ?? null,
    customer_account: null,
    expires_at: expiresAt ?? null,
    livemode: false,
    max_redemptions: params.int('max_redemptions', { min: 1 }) ?? null,
    metadata: params.metadata(),
    promotion: { coupon: coupon.id, type: 'coupon' },
    restrictions: {
      first_time_transaction: restrictions?.bool('first_time_transaction') ?? false,
      minimum_amount: minimumAmount ?? null,
      minimum_amount_currency: minimumAmount !== undefined ? minimumCurrency! : null,
    },
    times_redeemed: 0,
  });
  emu.events.emit('promotion_code.created', promotionCode);
  return promotionCode;
}

export function updatePromotionCode(emu: Emulator, promotionCode: Stripe.PromotionCode, params: Params): Stripe.PromotionCode {
  params.only('active', 'metadata', 'restrictions');
  const before = snapshot(promotionCode);
  const active = params.bool('active');
  if (active === true && !promotionCode.active) throw invalidRequest('A promotion code cannot be reactivated once it has been deactivated.', 'active');
  if (active !== undefined) promotionCode.active = active;
  promotionCode.metadata = params.metadata(promotionCode.metadata ?? {});
  emu.events.emitUpdate('promotion_code.updated', promotionCode, before);
  return promotionCode;
}

/** Where a discount is being redeemed, for the restriction checks. */
export interface Redemption {
  customer: string | null;
  /** The amount the discount would reduce (first invoice or session subtotal), for `minimum_amount`. */
  amount?: number;
  currency?: string;
  param: string;
}

/** The coupon to redeem, checked: still valid, not past `redeem_by` or `max_redemptions`. */
export function redeemableCoupon(emu: Emulator, couponId: string, param: string): Stripe.Coupon {
  const coupon = mustGet(emu, 'coupon', couponId, param);
  const now = emu.clock.now();
  if (!coupon.valid || (coupon.redeem_by !== null && coupon.redeem_by <= now) || (coupon.max_redemptions !== null && coupon.times_redeemed >= coupon.max_redemptions)) {
    throw invalidRequest(`Coupon expired: ${coupon.id}`, param, 'coupon_expired');
  }
  return coupon;
}

/** The promotion code to redeem, checked against every restriction Stripe enforces. */
export function redeemablePromotionCode(emu: Emulator, promotionCodeId: string, where: Redemption): { promotionCode: Stripe.PromotionCode; coupon: Stripe.Coupon } {
  const promotionCode = mustGet(emu, 'promotion_code', promotionCodeId, where.param);
  const now = nowForCustomer(emu, where.customer);
  const refuse = (message: string) => invalidRequest(message, where.param);
  if (!promotionCode.active) throw refuse(`This promotion code is inactive: ${promotionCode.code}`);
  if (promotionCode.expires_at !== null && promotionCode.expires_at <= now) throw refuse(`This promotion code has expired: ${promotionCode.code}`);
  if (promotionCode.max_redemptions !== null && promotionCode.times_redeemed >= promotionCode.max_redemptions) {
    throw refuse(`This promotion code has reached its maximum number of redemptions: ${promotionCode.code}`);
  }
  if (promotionCode.customer !== null && idOf(promotionCode.customer) !== where.customer) throw refuse(`This promotion code cannot be redeemed by this customer: ${promotionCode.code}`);
  const { restrictions } = promotionCode;
  if (restrictions.first_time_transaction && where.customer && hasPaid(emu, where.customer)) {
    throw refuse(`This promotion code is only valid for a customer's first transaction: ${promotionCode.code}`);
  }
  if (restrictions.minimum_amount !== null && where.amount !== undefined && (where.currency !== restrictions.minimum_amount_currency || where.amount < restrictions.minimum_amount)) {
    throw refuse(`This promotion code requires a minimum amount of ${restrictions.minimum_amount} ${restrictions.minimum_amount_currency}: ${promotionCode.code}`);
  }
  const coupon = redeemableCoupon(emu, idOf(promotionCode.promotion.coupon)!, where.param);
  return { promotionCode, coupon };
}

function hasPaid(emu: Emulator, customerId: string): boolean {
  return emu.store.list('charge').some((c) => c.customer === customerId && c.status === 'succeeded');
}

export interface DiscountTarget {
  customer: string | null;
  subscription?: string | null;
  invoice?: string | null;
  checkoutSession?: string | null;
}

/** Creates the discount a redemption makes, counting it against the coupon and promotion code. */
export function createDiscount(emu: Emulator, coupon: Stripe.Coupon, promotionCode: Stripe.PromotionCode | null, target: DiscountTarget): Stripe.Discount {
  const start = nowForCustomer(emu, target.customer);
  coupon.times_redeemed += 1;
  if (promotionCode) promotionCode.times_redeemed += 1;
  return emu.store.insert({
    id: newId('di'),
    object: 'discount',
    checkout_session: target.checkoutSession ?? null,
    customer: target.customer,
    customer_account: null,
    end: coupon.duration === 'repeating' ? addInterval(start, { interval: 'month', interval_count: coupon.duration_in_months ?? 1 }) : null,
    invoice: target.invoice ?? null,
    invoice_item: null,
    promotion_code: promotionCode?.id ?? null,
    source: { coupon: coupon.id, type: 'coupon' },
    start,
    subscription: target.subscription ?? null,
    subscription_item: null,
  });
}

/** `coupon` / `promotion_code` on a customer: the customer's discount (its own events). */
export function setCustomerDiscount(emu: Emulator, customer: Stripe.Customer, params: Params): void {
  const cleared = params.isCleared('coupon') || params.isCleared('promotion_code');
  const couponId = params.str('coupon');
  const promotionCodeId = params.str('promotion_code');
  if (!couponId && !promotionCodeId && !cleared) return;
  const previous = customer.discount ?? null;
  if (cleared && !couponId && !promotionCodeId) {
    if (previous) removeCustomerDiscount(emu, customer);
    return;
  }
  const redemption = promotionCodeId
    ? redeemablePromotionCode(emu, promotionCodeId, { customer: customer.id, param: 'promotion_code' })
    : { promotionCode: null, coupon: redeemableCoupon(emu, couponId!, 'coupon') };
  const discount = createDiscount(emu, redemption.coupon, redemption.promotionCode, { customer: customer.id });
  customer.discount = discount;
  if (previous) {
    emu.store.delete(previous.id);
    emu.events.emit('customer.discount.updated', discount, { source: previous.source, start: previous.start, end: previous.end, promotion_code: previous.promotion_code });
  } else {
    emu.events.emit('customer.discount.created', discount);
  }
}

export function removeCustomerDiscount(emu: Emulator, customer: Stripe.Customer): Stripe.DeletedDiscount {
  const discount = customer.discount;
  if (!discount) throw invalidRequest(`No active discount for customer: ${customer.id}`, undefined, 'resource_missing');
  customer.discount = null;
  emu.store.delete(discount.id);
  emu.events.emit('customer.discount.deleted', discount);
  return { ...discount, deleted: true };
}

/** A coupon (through a promotion code or not) checked as redeemable, not yet counted. */
export interface Redeemable {
  coupon: Stripe.Coupon;
  promotionCode: Stripe.PromotionCode | null;
}

/** `discounts[][coupon|promotion_code]` checked for redemption by `customer` (amount for `minimum_amount`). */
export function redeemablesFromParams(emu: Emulator, list: Params[], customer: string | null, amount?: { amount: number; currency: string }): Redeemable[] {
  return list.map((entry) => {
    entry.only('coupon', 'promotion_code');
    const promotionCodeId = entry.str('promotion_code');
    return promotionCodeId
      ? redeemablePromotionCode(emu, promotionCodeId, { customer, param: entry.path('promotion_code'), ...amount })
      : { promotionCode: null, coupon: redeemableCoupon(emu, entry.requiredStr('coupon'), entry.path('coupon')) };
  });
}

/** `discounts[][coupon|promotion_code|discount]` on a subscription or invoice: the discounts made. */
export function discountsFromParams(emu: Emulator, list: Params[], target: DiscountTarget, amount?: { amount: number; currency: string }): Stripe.Discount[] {
  return list.map((entry) => {
    const existing = entry.str('discount');
    if (existing) {
      entry.only('discount');
      return mustGet(emu, 'discount', existing, entry.path('discount'));
    }
    const [redeemable] = redeemablesFromParams(emu, [entry], target.customer, amount);
    return createDiscount(emu, redeemable!.coupon, redeemable!.promotionCode, target);
  });
}

/** What a set of coupons takes off `amount` (percent off rounded, amount off in the same currency, never below zero). */
export function discountAmount(redeemables: Redeemable[], amount: number, currency: string): number {
  let left = amount;
  for (const { coupon } of redeemables) {
    const off = coupon.percent_off !== null ? Math.round((left * coupon.percent_off) / 100) : coupon.currency === currency ? Math.min(coupon.amount_off ?? 0, left) : 0;
    left -= off;
  }
  return amount - left;
}

/** The discounts an invoice gets: its own, else its subscription's, else its customer's — those still running. */
export function discountsForInvoice(emu: Emulator, invoice: Stripe.Invoice): Stripe.Discount[] {
  const own = invoice.discounts.map((d) => emu.store.get('discount', idOf(d)!)).filter((d): d is Stripe.Discount => Boolean(d));
  if (own.length) return own;
  const subscriptionId = invoice.parent?.subscription_details?.subscription;
  const subscription = subscriptionId ? emu.store.get('subscription', idOf(subscriptionId)!) : undefined;
  const inherited = subscription?.discounts.length
    ? subscription.discounts.map((d) => emu.store.get('discount', idOf(d)!))
    : [emu.store.get('customer', idOf(invoice.customer)!)?.discount ?? undefined];
  const at = invoice.period_start;
  return inherited.filter((d): d is Stripe.Discount => Boolean(d) && (d!.end === null || d!.end > at));
}

/**
 * Applies the invoice's discounts to its lines as Stripe shows them: each line's `discount_amounts`
 * (an amount off spread over the discountable lines in proportion, the last line taking the
 * rounding), `total_discount_amounts`, and the totals.
 */
export function applyInvoiceDiscounts(emu: Emulator, invoice: Stripe.Invoice): void {
  const discounts = discountsForInvoice(emu, invoice);
  invoice.discounts = discounts.map((d) => d.id);
  for (const line of invoice.lines.data) line.discount_amounts = [];
  for (const discount of discounts) {
    const coupon = emu.store.get('coupon', idOf(discount.source.coupon)!) ?? couponOfDeleted(emu, discount);
    if (!coupon) continue;
    const lines = invoice.lines.data.filter((line) => line.discountable && line.amount > 0 && appliesTo(coupon, line));
    const remaining = (line: Stripe.InvoiceLineItem) => line.amount - line.discount_amounts!.reduce((sum, d) => sum + d.amount, 0);
    const base = lines.reduce((sum, line) => sum + remaining(line), 0);
    if (base <= 0) continue;
    const off = coupon.percent_off !== null ? Math.round((base * coupon.percent_off) / 100) : coupon.currency === invoice.currency ? Math.min(coupon.amount_off ?? 0, base) : 0;
    let left = off;
    lines.forEach((line, i) => {
      const share = i === lines.length - 1 ? left : Math.round((off * remaining(line)) / base);
      left -= share;
      line.discount_amounts!.push({ amount: share, discount: discount.id });
    });
  }
  recomputeTotals(invoice);
}

function appliesTo(coupon: Stripe.Coupon, line: Stripe.InvoiceLineItem): boolean {
  if (!coupon.applies_to) return true;
  const product = line.pricing?.price_details?.product;
  return product !== undefined && coupon.applies_to.products.includes(product);
}

/** A coupon deleted after it was redeemed still prices the discounts made from it. */
function couponOfDeleted(emu: Emulator, discount: Stripe.Discount): Stripe.Coupon | undefined {
  const coupon = discount.source.coupon;
  return typeof coupon === 'object' && coupon ? coupon : emu.store.extras(idOf(coupon)!).deletedCoupon;
}

/** After an invoice was finalized with them: a `once` discount on a customer or subscription is used up. */
export function consumeOnceDiscounts(emu: Emulator, invoice: Stripe.Invoice): void {
  for (const id of invoice.discounts) {
    const discount = emu.store.get('discount', idOf(id)!);
    if (!discount || discount.invoice) continue;
    const coupon = emu.store.get('coupon', idOf(discount.source.coupon)!) ?? couponOfDeleted(emu, discount);
    if (coupon?.duration !== 'once') continue;
    const subscription = discount.subscription ? emu.store.get('subscription', discount.subscription) : undefined;
    if (subscription) {
      const before = snapshot(subscription);
      subscription.discounts = subscription.discounts.filter((d) => idOf(d) !== discount.id);
      emu.events.emitUpdate('customer.subscription.updated', subscription, before);
      continue;
    }
    const customer = discount.customer ? emu.store.get('customer', idOf(discount.customer)!) : undefined;
    if (customer?.discount?.id === discount.id) removeCustomerDiscount(emu, customer);
  }
}
