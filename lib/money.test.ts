// Edges of the money helpers that an admin or a CSV reader would notice: zero and negative
// amounts, three-decimal currencies, upper-case codes, and amounts too large to hold exactly.
import { describe, expect, it } from 'vitest';
import { decimalAmount, formatMoney, minorUnitDigits, parseMoney } from './money';

/** The parsed amount in minor units, or null when the text is refused. */
const amountOf = (text: string, currency: string) => {
  const parsed = parseMoney(text, currency);
  return parsed.ok ? parsed.amount : null;
};

describe('money edges', () => {
  it('knows each currency’s minor unit whatever the case of its code', () => {
    expect(minorUnitDigits('usd')).toBe(2);
    expect(minorUnitDigits('JPY')).toBe(0);
    expect(minorUnitDigits('kwd')).toBe(3);
    expect(formatMoney(1999, 'USD')).toBe(formatMoney(1999, 'usd'));
  });

  it('writes zero, negative and three-decimal amounts for CSV', () => {
    expect(decimalAmount(0, 'usd')).toBe('0.00');
    expect(decimalAmount(-250, 'usd')).toBe('-2.50');
    expect(decimalAmount(-5, 'usd')).toBe('-0.05');
    expect(decimalAmount(1, 'kwd')).toBe('0.001');
    expect(decimalAmount(-500, 'jpy')).toBe('-500');
  });

  it('reads two typed decimals, and three for a three-decimal currency', () => {
    expect(amountOf('12.50', 'usd')).toBe(1250);
    expect(amountOf('0.125', 'kwd')).toBe(125);
    expect(amountOf('0.1255', 'kwd')).toBeNull();
    expect(amountOf('7', 'kwd')).toBe(7000);
  });

  it('refuses text around an amount and amounts too large to hold exactly', () => {
    for (const bad of ['12 usd', 'usd 12', '1.2.3', '12,50.5.']) expect(amountOf(bad, 'usd'), bad).toBeNull();
    expect(amountOf('90071992547409.92', 'usd')).toBeNull();
    expect(parseMoney('90071992547409.92', 'usd')).toEqual({ ok: false, message: 'That amount is too large.' });
    expect(amountOf('90071992547409.91', 'usd')).toBe(9_007_199_254_740_991);
  });

  it('shows an example in the currency’s own decimals when refusing text', () => {
    expect(parseMoney('ten', 'jpy')).toEqual({ ok: false, message: 'Enter the amount in digits, like 1250.' });
    expect(parseMoney('ten', 'usd')).toEqual({ ok: false, message: 'Enter the amount in digits, like 12.50.' });
    expect(parseMoney('ten', 'kwd')).toEqual({ ok: false, message: 'Enter the amount in digits, like 12.500.' });
  });
});
