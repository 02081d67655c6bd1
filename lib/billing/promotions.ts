// Promotion codes in the app: the code a customer types on the in-app payment form, looked up in
// Stripe (`promotionCodes.list({ code, active })`) and checked against every restriction Stripe
// enforces before anything is charged — so the customer reads why a code does not apply instead of
// a declined payment — and what it takes off the price, computed as Stripe computes it.
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb, type Database } from '@/lib/db/client';
import { stripeCharges } from '@/lib/db/schema/billing';
import { stripe, type Stripe } from '@/lib/stripe/client';
import { UserError } from '@/lib/errors';
import { idOf } from '@/lib/stripe/ids';
import { formatMoney } from '@/lib/money';
import type { CatalogPrice } from './catalog-queries';
import { couponTerms, discountOff, type CouponTerms } from './discounts';

export interface PromotionQuote {
  promotionCodeId: string;
  /** The code as the merchant wrote it (customers may type it in any case). */
  code: string;
  /** "20% off for 3 months", from the coupon. */
  terms: string;
  /** Taken off the purchase (the price times its quantity, such as seats), in minor units. */
  amountOff: number;
  currency: string;
}

/**
 * The promotion code `code` checked for `price` and the customer (null before their first purchase),
 * with what it takes off; a UserError saying plainly why when it does not apply.
 */
export async function quotePromotionCode(
  code: string,
  price: Pick<CatalogPrice, 'productId' | 'productName' | 'unitAmount' | 'currency'>,
  customerId: string | null,
  options: { db?: Database; now?: number; quantity?: number } = {},
): Promise<PromotionQuote> {
  const typed = code.trim();
  const found = await stripe().promotionCodes.list({ code: typed, active: true, limit: 1 });
  const promotionCode = found.data[0];
  const couponRef = promotionCode?.promotion.coupon;
  if (!promotionCode || !couponRef) throw new UserError(`“${typed}” is not a valid code. Check it and try again.`);
  const coupon = typeof couponRef === 'object' ? couponRef : await stripe().coupons.retrieve(couponRef);
  const now = options.now ?? Math.floor(Date.now() / 1000);
  // What Stripe discounts (and checks a minimum against) is the line: the price times its quantity.
  const purchase = { ...price, unitAmount: price.unitAmount * (options.quantity ?? 1) };
  refuseUnredeemable(promotionCode, coupon, purchase, customerId, now);
  if (promotionCode.restrictions.first_time_transaction && customerId && (await hasPaid(customerId, options.db))) {
    throw new UserError(`The code ${promotionCode.code} is for a first purchase only.`);
  }
  const terms = couponTerms(coupon);
  return {
    promotionCodeId: promotionCode.id,
    code: promotionCode.code,
    terms: describeTerms(terms),
    amountOff: discountOff(terms, purchase.unitAmount, price.currency),
    currency: price.currency,
  };
}

/** The checks that need no database: active, expiry, redemptions, customer, minimum, products, currency. */
export function refuseUnredeemable(
  promotionCode: Stripe.PromotionCode,
  coupon: Stripe.Coupon,
  price: Pick<CatalogPrice, 'productId' | 'productName' | 'unitAmount' | 'currency'>,
  customerId: string | null,
  now: number,
): void {
  const code = promotionCode.code;
  const expired = (at: number | null) => at !== null && at <= now;
  if (!promotionCode.active || !coupon.valid || expired(promotionCode.expires_at) || expired(coupon.redeem_by)) {
    throw new UserError(`The code ${code} has expired.`);
  }
  const usedUp = (max: number | null, used: number) => max !== null && used >= max;
  if (usedUp(promotionCode.max_redemptions, promotionCode.times_redeemed) || usedUp(coupon.max_redemptions, coupon.times_redeemed)) {
    throw new UserError(`The code ${code} has been used as many times as it allows.`);
  }
  if (promotionCode.customer && idOf(promotionCode.customer) !== customerId) throw new UserError(`The code ${code} is not valid for your account.`);
  const { minimum_amount: minimum, minimum_amount_currency: minimumCurrency } = promotionCode.restrictions;
  if (minimum !== null && (minimumCurrency !== price.currency || price.unitAmount < minimum)) {
    throw new UserError(`The code ${code} needs a purchase of at least ${formatMoney(minimum, minimumCurrency ?? price.currency)}.`);
  }
  if (coupon.applies_to && !coupon.applies_to.products.includes(price.productId)) throw new UserError(`The code ${code} does not apply to ${price.productName}.`);
  if (coupon.amount_off !== null && coupon.currency !== price.currency) throw new UserError(`The code ${code} does not apply to purchases in ${price.currency.toUpperCase()}.`);
}

/** Stripe's "first-time transaction": the customer has no successful payment yet (from the mirror). */
async function hasPaid(customerId: string, db?: Database): Promise<boolean> {
  const database = db ?? (await getDb());
  const [paid] = await database
    .select({ id: stripeCharges.id })
    .from(stripeCharges)
    .where(and(eq(stripeCharges.customerId, customerId), eq(stripeCharges.status, 'succeeded')))
    .limit(1);
  return Boolean(paid);
}

/** "20% off for 3 months", "$5.00 off once", "10% off forever". */
export function describeTerms(terms: CouponTerms): string {
  const off = terms.percentOff !== null ? `${terms.percentOff}% off` : `${formatMoney(terms.amountOff ?? 0, terms.currency ?? 'usd')} off`;
  if (terms.duration === 'repeating') return `${off} for ${terms.durationInMonths} month${terms.durationInMonths === 1 ? '' : 's'}`;
  return terms.duration === 'forever' ? `${off} every payment` : `${off} the first payment`;
}
