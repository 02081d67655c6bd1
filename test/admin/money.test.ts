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
    expect(parseMoney('12', 'usd')).toBe(1200);
    expect(parseMoney(' 12.5 ', 'usd')).toBe(1250);
    expect(parseMoney('1,234.56', 'usd')).toBe(123456);
    expect(parseMoney('0.07', 'usd')).toBe(7);
    expect(parseMoney('500', 'jpy')).toBe(500);
    expect(parseMoney('12.', 'usd')).toBe(1200);
    for (const bad of ['', '1.234', '-5', '1e3', 'abc', '$5']) expect(parseMoney(bad, 'usd'), bad).toBeNull();
    expect(parseMoney('5.5', 'jpy')).toBeNull();
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
