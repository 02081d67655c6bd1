// Crafted page cursors and dates are refused at the boundary (a message, or the first page) instead
// of reaching the database as dates it cannot read.
import { describe, expect, it } from 'vitest';
import { parsePaymentSearch } from './admin/payment-filters';
import { revenueSearchSchema } from './admin/revenue';
import { decodePageCursor, encodePageCursor, isoDaySchema } from './page-params';

const crafted = (text: string) => Buffer.from(text).toString('base64url');

describe('page cursors and dates in URLs', () => {
  it('round-trips the cursors the lists hand out', () => {
    const created = new Date('2026-03-01T10:20:30.123Z');
    expect(decodePageCursor(encodePageCursor(created, 'pi_123'))).toEqual({ created, id: 'pi_123' });
  });

  it('refuses cursors with dates JavaScript reads but the database does not, or with anything else in them', () => {
    for (const cursor of [
      crafted(`${new Date(8.64e15).toISOString()}|pi_1`), // +275760-09-13T00:00:00.000Z
      crafted('9999-12-31T23:59:59Z|pi_1'),
      crafted('1969-12-31T23:59:59Z|pi_1'),
      crafted('2026-01-01|pi_1'),
      crafted("2026-01-01T00:00:00Z|pi_1' or 1=1"),
      crafted('2026-01-01T00:00:00Z'),
      'not base64!',
      'A'.repeat(500),
    ]) {
      expect(decodePageCursor(cursor), cursor).toBeNull();
    }
  });

  it('refuses days outside 1970–2999 and days that do not exist', () => {
    expect(isoDaySchema.safeParse('2026-02-28').success).toBe(true);
    for (const day of ['9999-01-01', '3000-01-01', '1969-12-31', '2026-02-30', '275760-09-13']) expect(isoDaySchema.safeParse(day).success, day).toBe(false);
  });

  it('turns crafted filters into messages, not queries', () => {
    expect(revenueSearchSchema.safeParse({ from: '9999-01-01', to: '9999-12-31', granularity: 'day' }).success).toBe(false);
    const search = parsePaymentSearch({ cursor: crafted(`${new Date(8.64e15).toISOString()}|pi_1`), from: '9999-01-01' });
    expect(search).toMatchObject({ ok: false, errors: ['Not a real date.', 'Not a page cursor.'], filters: {} });
  });
});
