// Card details as Stripe's card inputs judge them: brand from the leading digits, Luhn, expiry in
// the future, CVC length, with Stripe's own validation codes and messages.

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'diners' | 'jcb' | 'unionpay' | 'unknown';

export interface ValidationError {
  type: 'validation_error';
  code: string;
  message: string;
}

/**
 * `lengths`: what the brand allows once the customer leaves the field. `typedLength`: when the
 * number counts as whole while it is typed, so the field moves on: Stripe's own BIN table
 * (stripe-ios STPBINRange, stripe-js behaves alike) waits for 16 digits of a Visa although 13 and
 * 19 are valid, and 14 only for Diners numbers starting 36.
 */
const BRANDS: { brand: CardBrand; pattern: RegExp; lengths: number[]; typedLength: number; cvc: number; gaps: number[] }[] = [
  { brand: 'amex', pattern: /^3[47]/, lengths: [15], typedLength: 15, cvc: 4, gaps: [4, 10] },
  { brand: 'diners', pattern: /^36/, lengths: [14], typedLength: 14, cvc: 3, gaps: [4, 10] },
  { brand: 'diners', pattern: /^3(0[0-5]|[89])/, lengths: [14, 16], typedLength: 16, cvc: 3, gaps: [4, 8, 12] },
  { brand: 'jcb', pattern: /^35/, lengths: [16], typedLength: 16, cvc: 3, gaps: [4, 8, 12] },
  { brand: 'discover', pattern: /^(6011|64[4-9]|65)/, lengths: [16], typedLength: 16, cvc: 3, gaps: [4, 8, 12] },
  { brand: 'unionpay', pattern: /^62/, lengths: [16, 17, 18, 19], typedLength: 16, cvc: 3, gaps: [4, 8, 12] },
  { brand: 'mastercard', pattern: /^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/, lengths: [16], typedLength: 16, cvc: 3, gaps: [4, 8, 12] },
  { brand: 'visa', pattern: /^4/, lengths: [13, 16, 19], typedLength: 16, cvc: 3, gaps: [4, 8, 12] },
];

function brandInfo(digits: string) {
  return BRANDS.find((b) => b.pattern.test(digits));
}

export function cardBrand(digits: string): CardBrand {
  return brandInfo(digits)?.brand ?? 'unknown';
}

export function digitsOnly(value: string): string {
  return value.replace(/\D/g, '');
}

export function maxNumberLength(digits: string): number {
  const info = brandInfo(digits);
  return info ? Math.max(...info.lengths) : 16;
}

/** "4242 4242 4242 4242", "3782 822463 10005": the grouping printed on the card. */
export function formatCardNumber(digits: string): string {
  const gaps = brandInfo(digits)?.gaps ?? [4, 8, 12];
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (gaps.includes(i)) out += ' ';
    out += digits[i];
  }
  return out;
}

export function cvcLength(numberDigits: string): number {
  return brandInfo(numberDigits)?.cvc ?? 3;
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function error(code: string, message: string): ValidationError {
  return { type: 'validation_error', code, message };
}

/**
 * Whether the digits are a whole card number. `final`: the field lost focus or the form was
 * submitted, so any length the brand allows will do; while typing, only its full length.
 */
export function isWholeNumber(digits: string, final: boolean): boolean {
  const info = brandInfo(digits);
  if (!final) return digits.length >= (info?.typedLength ?? 16);
  const lengths = info?.lengths ?? [16];
  return lengths.includes(digits.length) || digits.length >= Math.max(...lengths);
}

/** `final`: the field lost focus or the form was submitted, so "incomplete" is an error now. */
export function validateNumber(digits: string, final: boolean): ValidationError | undefined {
  if (!isWholeNumber(digits, final)) return final ? error('incomplete_number', 'Your card number is incomplete.') : undefined;
  if (!luhnValid(digits)) return error('invalid_number', 'Your card number is invalid.');
  return undefined;
}

export interface Expiry {
  month: number;
  year: number;
}

/** "MM / YY" from whatever was typed: "1", "12", "1225", "12 / 2", "3" (becomes "03 / "). */
export function formatExpiry(raw: string, deleting: boolean): string {
  let digits = digitsOnly(raw).slice(0, 4);
  if (digits.length === 1 && Number(digits) > 1) digits = `0${digits}`;
  if (digits.length < 2) return digits;
  if (digits.length === 2 && deleting) return digits;
  return `${digits.slice(0, 2)} / ${digits.slice(2)}`;
}

export function parseExpiry(value: string): Expiry | undefined {
  const digits = digitsOnly(value);
  if (digits.length !== 4) return undefined;
  return { month: Number(digits.slice(0, 2)), year: 2000 + Number(digits.slice(2)) };
}

export function validateExpiry(value: string, final: boolean, now = new Date()): ValidationError | undefined {
  const digits = digitsOnly(value);
  if (digits.length >= 2) {
    const month = Number(digits.slice(0, 2));
    if (month < 1 || month > 12) return error('invalid_expiry_month', "Your card's expiration date is invalid.");
  }
  const expiry = parseExpiry(value);
  if (!expiry) return final ? error('incomplete_expiry', "Your card's expiration date is incomplete.") : undefined;
  const year = now.getFullYear();
  if (expiry.year < year) return error('invalid_expiry_year_past', "Your card's expiration year is in the past.");
  if (expiry.year === year && expiry.month < now.getMonth() + 1) {
    return error('invalid_expiry_month_past', "Your card's expiration date is in the past.");
  }
  if (expiry.year > year + 50) return error('invalid_expiry_year', "Your card's expiration year is invalid.");
  return undefined;
}

export function validateCvc(cvc: string, numberDigits: string, final: boolean): ValidationError | undefined {
  const needed = cvcLength(numberDigits);
  if (cvc.length >= needed && cvc.length <= 4) return undefined;
  return final ? error('incomplete_cvc', "Your card's security code is incomplete.") : undefined;
}

export function validatePostalCode(code: string, country: string, final: boolean): ValidationError | undefined {
  const trimmed = code.trim();
  if (country === 'US') {
    if (/^\d{5}(-?\d{4})?$/.test(trimmed)) return undefined;
    if (!final) return undefined;
    return trimmed ? error('invalid_zip', 'Your ZIP is invalid.') : error('incomplete_zip', 'Your ZIP is incomplete.');
  }
  if (trimmed || !final) return undefined;
  return error('incomplete_zip', 'Your postal code is incomplete.');
}
