// Stripe's decimal fields travel as strings; the SDK's types call them Decimal (it parses them).
import type Stripe from 'stripe';

export function wireDecimal(value: number | string): Stripe.Decimal {
  return String(value) as unknown as Stripe.Decimal;
}
