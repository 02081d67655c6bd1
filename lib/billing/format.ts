// How money, dates and billing intervals read on screen. Amounts stay integers in the currency's
// smallest unit everywhere else; they become text only here. Safe to import from client components.

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string): Intl.NumberFormat {
  const code = currency.toUpperCase();
  let format = moneyFormats.get(code);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency: code });
    moneyFormats.set(code, format);
  }
  return format;
}

/** `1999, 'usd'` → "$19.99"; `500, 'jpy'` → "¥500" (the currency decides how many minor digits there are). */
export function formatMoney(minorUnits: number, currency: string): string {
  const format = moneyFormat(currency);
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minorUnits / 10 ** digits);
}

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** "Nov 22, 2026" (UTC, so server and browser agree). */
export function formatDate(date: Date): string {
  return dateFormat.format(date);
}

/** "Nov 22, 2026, 2:05 AM UTC". */
export function formatDateTime(date: Date): string {
  return `${dateTimeFormat.format(date)} UTC`;
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
