// What a customer is buying, in words: line item descriptions, recurring prices and trials.
import type Stripe from 'stripe';
import { formatMoney, intervalText } from './format.js';

export function priceOf(item: Stripe.LineItem): Stripe.Price | null {
  return item.price && typeof item.price === 'object' ? item.price : null;
}

/** "$12.00 per month" or "$12.00". */
export function unitPriceText(price: Stripe.Price): string {
  const amount = formatMoney(price.unit_amount ?? 0, price.currency);
  return price.recurring ? `${amount} ${intervalText(price.recurring)}` : amount;
}

/** "7 days free, then $12.00 per month": how Stripe words a trial on Checkout. */
export function trialText(trialDays: number, recurringTotal: number, currency: string, recurring: Stripe.Price.Recurring): string {
  const days = trialDays === 1 ? '1 day' : `${trialDays} days`;
  return `${days} free, then ${formatMoney(recurringTotal, currency)} ${intervalText(recurring)}`;
}
