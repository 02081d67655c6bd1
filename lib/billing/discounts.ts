// What a coupon takes off an amount, as Stripe computes it: a percentage rounded to the nearest
// minor unit, or a fixed amount in the coupon's currency, never more than the amount itself. Pure,
// shared by the in-app code check (server) and the tests.

export interface CouponTerms {
  /** A number up to two decimals (12.5), or null for an amount-off coupon. */
  percentOff: number | null;
  amountOff: number | null;
  currency: string | null;
  duration: 'once' | 'repeating' | 'forever';
  durationInMonths: number | null;
}

/** The fields of a Stripe coupon (or its mirror row) that price a discount. */
export function couponTerms(coupon: {
  percent_off: number | null;
  amount_off: number | null;
  currency: string | null;
  duration: string;
  duration_in_months: number | null;
}): CouponTerms {
  const duration = coupon.duration === 'repeating' || coupon.duration === 'forever' ? coupon.duration : 'once';
  return { percentOff: coupon.percent_off, amountOff: coupon.amount_off, currency: coupon.currency, duration, durationInMonths: coupon.duration_in_months };
}

/** Minor units `terms` take off `amount` (same currency for an amount off; otherwise nothing). */
export function discountOff(terms: CouponTerms, amount: number, currency: string): number {
  if (amount <= 0) return 0;
  if (terms.percentOff !== null) return Math.min(amount, Math.round((amount * terms.percentOff) / 100));
  if (terms.amountOff === null || terms.currency !== currency) return 0;
  return Math.min(amount, terms.amountOff);
}
