// Money, dates and billing intervals as a customer reads them on Stripe's hosted pages.
import type Stripe from 'stripe';

const ZERO_DECIMAL = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']);

/** `amount` in the currency's smallest unit, as Stripe stores it. */
export function formatMoney(amount: number, currency: string): string {
  const divisor = ZERO_DECIMAL.has(currency.toLowerCase()) ? 1 : 100;
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(amount / divisor);
}

export function formatDate(unixSeconds: number): string {
  return new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(unixSeconds * 1000));
}

export function formatShortDate(unixSeconds: number): string {
  return new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(unixSeconds * 1000));
}

/** "per month", "every 3 months", "per year". */
export function intervalText(recurring: Pick<Stripe.Price.Recurring, 'interval' | 'interval_count'>): string {
  const count = recurring.interval_count ?? 1;
  return count === 1 ? `per ${recurring.interval}` : `every ${count} ${recurring.interval}s`;
}

const ADVERBS: Record<string, string> = { day: 'daily', week: 'weekly', month: 'monthly', year: 'yearly' };

/** "Billed monthly", "Billed every 3 months". */
export function billedText(recurring: Pick<Stripe.Price.Recurring, 'interval' | 'interval_count'>): string {
  return (recurring.interval_count ?? 1) === 1 ? `Billed ${ADVERBS[recurring.interval] ?? recurring.interval}` : `Billed ${intervalText(recurring)}`;
}

export function brandName(brand: string): string {
  const names: Record<string, string> = { visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express', discover: 'Discover', diners: 'Diners Club', jcb: 'JCB', unionpay: 'UnionPay' };
  return names[brand] ?? brand.charAt(0).toUpperCase() + brand.slice(1);
}
