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

export type ParsedMoney = { ok: true; amount: number } | { ok: false; message: string };

/**
 * Minor units from what someone typed: digits with at most one decimal point and at most the
 * currency's decimals ("12", "12.5", "12.50" → 1250 for USD). Anything else is refused with a
 * sentence saying why, never guessed at: "12,50" is a European 12.50 or a mistyped 1,250, so it is
 * neither, and grouping commas are refused with it.
 */
export function parseMoney(input: string, currency: string): ParsedMoney {
  const digits = minorUnitDigits(currency);
  const text = input.trim();
  const example = digits === 0 ? '1250' : `12.${'5'.padEnd(digits, '0')}`;
  if (text === '') return { ok: false, message: 'Enter an amount.' };
  if (text.includes(',')) return { ok: false, message: `Use a point for decimals and no commas, like ${example}.` };
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return { ok: false, message: `Enter the amount in digits, like ${example}.` };
  const [, whole, fraction = ''] = match;
  if (fraction.length > digits) {
    return { ok: false, message: digits === 0 ? `${currency.toUpperCase()} amounts have no decimals.` : `Use at most ${digits} decimals, like ${example}.` };
  }
  const amount = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(amount)) return { ok: false, message: 'That amount is too large.' };
  return { ok: true, amount };
}
