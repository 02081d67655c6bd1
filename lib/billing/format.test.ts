import { describe, expect, it } from 'vitest';
import { cardBrandName, formatDate } from './format';

describe('formatDate and card brands', () => {
  it('formats in UTC so server and browser agree', () => {
    expect(formatDate(new Date('2026-12-31T23:30:00Z'))).toBe('Dec 31, 2026');
  });

  it('names card brands as customers know them', () => {
    expect(cardBrandName('amex')).toBe('American Express');
    expect(cardBrandName('cartes_bancaires')).toBe('Cartes_bancaires');
  });
});
