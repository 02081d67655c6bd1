// How dates, billing intervals and card brands read on screen (money: lib/money.ts; statuses:
// ./statuses.ts). Always UTC, so server and browser agree and admins in different time zones read
// the same numbers; times say so. Safe to import from client components.

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC', hourCycle: 'h23' });
const timeFormat = new Intl.DateTimeFormat('en-US', { timeStyle: 'short', timeZone: 'UTC', hourCycle: 'h23' });

/** "Nov 22, 2026" (UTC, so server and browser agree). */
export function formatDate(date: Date): string {
  return dateFormat.format(date);
}

/** "Nov 22, 2026, 14:05 UTC". */
export function formatDateTime(date: Date): string {
  return `${dateTimeFormat.format(date)} UTC`;
}

/** "14:05 UTC": the time of day, for tables that show the date on a line of its own. */
export function formatTime(date: Date): string {
  return `${timeFormat.format(date)} UTC`;
}

/** "Nov 29, 2026 – Dec 29, 2026": a billing period, both ends in the app's date format. */
export function formatPeriod(start: Date, end: Date): string {
  return `${formatDate(start)} – ${formatDate(end)}`;
}

/**
 * How an invoice line (or a line of a plan-switch preview) reads: a proration credit says what it
 * credits; anything else is the product's name. Built from Stripe's structured fields (the line's
 * `proration` flag, amount and product), never from its English description.
 */
export function invoiceLineName(line: { name: string; proration: boolean; amount: number }): string {
  return line.proration && line.amount < 0 ? `Credit for unused ${line.name}` : line.name;
}

export type BillingInterval = 'month' | 'year';

/** "per month" / "per year". */
export function perInterval(interval: BillingInterval): string {
  return interval === 'year' ? 'per year' : 'per month';
}

/** "Visa", "Mastercard", "American Express"… from Stripe's card brand codes. */
export function cardBrandName(brand: string): string {
  const names: Record<string, string> = {
    visa: 'Visa',
    mastercard: 'Mastercard',
    amex: 'American Express',
    discover: 'Discover',
    diners: 'Diners Club',
    jcb: 'JCB',
    unionpay: 'UnionPay',
  };
  return names[brand] ?? brand.charAt(0).toUpperCase() + brand.slice(1);
}
