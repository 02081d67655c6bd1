// Money at the edges: formatting minor units per currency and parsing what admins type, without floats.
import { describe, expect, it } from 'vitest';
import { decimalAmount, formatMoney, parseMoney } from '@/lib/money';
import { csvField, csvLine } from '@/lib/billing/admin/payments-csv';

describe('money', () => {
  it('formats minor units with the currency’s own decimals', () => {
    expect(formatMoney(1999, 'usd')).toBe('$19.99');
    expect(formatMoney(123456, 'eur')).toBe('€1,234.56');
    expect(formatMoney(500, 'jpy')).toBe('¥500');
    expect(formatMoney(-250, 'usd')).toBe('-$2.50');
    expect(formatMoney(1000, 'kwd')).toMatch(/^KWD\s1\.000$/); // three decimals
    expect(decimalAmount(5, 'usd')).toBe('0.05');
    expect(decimalAmount(123456, 'usd')).toBe('1234.56');
    expect(decimalAmount(500, 'jpy')).toBe('500');
  });

  it('parses typed amounts into minor units and refuses what it cannot read exactly', () => {
    const amount = (text: string, currency = 'usd') => {
      const parsed = parseMoney(text, currency);
      return parsed.ok ? parsed.amount : parsed.message;
    };
    expect(amount('12')).toBe(1200);
    expect(amount(' 12.5 ')).toBe(1250);
    expect(amount('0.07')).toBe(7);
    expect(amount('500', 'jpy')).toBe(500);
    expect(amount('12.')).toBe(1200);
    expect(amount('1.005', 'kwd')).toBe(1005);
    // A comma is never guessed at: "12,50" must not refund $1,250.00.
    expect(amount('12,50')).toBe('Use a point for decimals and no commas, like 12.50.');
    expect(amount('1,234.56')).toBe('Use a point for decimals and no commas, like 12.50.');
    expect(amount('1.234')).toBe('Use at most 2 decimals, like 12.50.');
    expect(amount('5.5', 'jpy')).toBe('JPY amounts have no decimals.');
    expect(amount('')).toBe('Enter an amount.');
    for (const bad of ['-5', '1e3', 'abc', '$5', '1.2.3', '.5']) expect(amount(bad), bad).toBe('Enter the amount in digits, like 12.50.');
  });
});

describe('CSV fields', () => {
  it('quotes only what needs quoting and doubles inner quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvLine(['a', 'b,c', ''])).toBe('a,"b,c",\r\n');
  });
});
