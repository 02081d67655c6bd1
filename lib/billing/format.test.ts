import { describe, expect, it } from 'vitest';
import { cardBrandName, formatDate, formatMoney } from './format';

describe('formatMoney', () => {
  it('reads integer minor units in the currency’s own number of decimals', () => {
    expect(formatMoney(1999, 'usd')).toBe('$19.99');
    expect(formatMoney(79_000, 'USD')).toBe('$790.00');
    expect(formatMoney(500, 'jpy')).toBe('¥500');
    expect(formatMoney(1234, 'eur')).toBe('€12.34');
    expect(formatMoney(1000, 'kwd')).toMatch(/^KWD\s1\.000$/); // three decimals
  });

  it('keeps the sign of credits', () => {
    expect(formatMoney(-900, 'usd')).toBe('-$9.00');
  });
});

describe('formatDate and card brands', () => {
  it('formats in UTC so server and browser agree', () => {
    expect(formatDate(new Date('2026-12-31T23:30:00Z'))).toBe('Dec 31, 2026');
  });

  it('names card brands as customers know them', () => {
    expect(cardBrandName('amex')).toBe('American Express');
    expect(cardBrandName('cartes_bancaires')).toBe('Cartes_bancaires');
  });
});
