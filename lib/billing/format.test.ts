import { describe, expect, it } from 'vitest';
import { cardBrandName, formatDate, formatPeriod, invoiceLineName } from './format';

describe('formatDate and card brands', () => {
  it('formats in UTC so server and browser agree', () => {
    expect(formatDate(new Date('2026-12-31T23:30:00Z'))).toBe('Dec 31, 2026');
  });

  it('names card brands as customers know them', () => {
    expect(cardBrandName('amex')).toBe('American Express');
    expect(cardBrandName('cartes_bancaires')).toBe('Cartes_bancaires');
  });

  it("writes a billing period with both ends in the app's date format", () => {
    expect(formatPeriod(new Date('2026-11-29T10:00:00Z'), new Date('2026-12-29T10:00:00Z'))).toBe('Nov 29, 2026 – Dec 29, 2026');
  });

  it('names a proration credit after what it credits, and other lines after their product', () => {
    expect(invoiceLineName({ name: 'Starter', proration: true, amount: -900 })).toBe('Credit for unused Starter');
    expect(invoiceLineName({ name: 'Pro', proration: true, amount: 2900 })).toBe('Pro');
    expect(invoiceLineName({ name: 'Pro', proration: false, amount: 2900 })).toBe('Pro');
  });
});
