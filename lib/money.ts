// Money at the edges: amounts live as integers in the currency's smallest unit everywhere else;
// these turn them into text for people (Intl.NumberFormat) and parse what admins type back into
// minor units without going through floating point.

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: string): Intl.NumberFormat {
  const code = currency.toUpperCase();
  let format = formatters.get(code);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency: code });
    formatters.set(code, format);
  }
  return format;
}

/** Digits after the decimal point for a currency: 2 for USD, 0 for JPY, 3 for KWD. */
export function minorUnitDigits(currency: string): number {
  return formatter(currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/** `formatMoney(1999, 'usd')` → "$19.99"; `formatMoney(500, 'jpy')` → "¥500". */
export function formatMoney(amount: number, currency: string): string {
  return formatter(currency).format(amount / 10 ** minorUnitDigits(currency));
}

/** The amount as a plain decimal string without symbol or grouping: `1999, 'usd'` → "19.99" (for CSV). */
export function decimalAmount(amount: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  const sign = amount < 0 ? '-' : '';
  const abs = String(Math.abs(Math.trunc(amount))).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${abs}` : `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/**
 * Minor units from what someone typed ("12", "12.5", "1,250.00"), or null when it is not a
 * non-negative amount with at most the currency's number of decimals.
 */
export function parseMoney(input: string, currency: string): number | null {
  const digits = minorUnitDigits(currency);
  const text = input.trim().replace(/,/g, '');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return null;
  const [, whole, fraction = ''] = match;
  if (fraction.length > digits) return null;
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) ? minor : null;
}
