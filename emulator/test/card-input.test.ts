// The card number rules behind the emulator's card fields: while typing, a number is whole only at
// its brand's full length (so the field moves on then); once left, any length the brand allows.
import { describe, expect, it } from 'vitest';
import { isWholeNumber, validateNumber } from '../src/hosted/browser/card.js';

describe('card number length', () => {
  it('waits for 16 digits of a Visa while typing, though 13 and 19 are valid once the field is left', () => {
    expect(isWholeNumber('4000002500003', false)).toBe(false);
    expect(isWholeNumber('4000002500003155', false)).toBe(true);
    expect(isWholeNumber('4222222222222', true)).toBe(true);
    expect(validateNumber('4222222222222', true)).toBeUndefined();
    expect(validateNumber('40000025000031', true)?.code).toBe('incomplete_number');
  });

  it('knows the other brands’ full lengths: Amex 15, Diners 14 (36…) or 16, Mastercard 16', () => {
    expect(isWholeNumber('37828224631000', false)).toBe(false);
    expect(isWholeNumber('378282246310005', false)).toBe(true);
    expect(isWholeNumber('36227206271667', false)).toBe(true);
    expect(isWholeNumber('30569309025904', false)).toBe(false);
    expect(isWholeNumber('30569309025904', true)).toBe(true);
    expect(isWholeNumber('3056930009020004', false)).toBe(true);
    expect(isWholeNumber('555555555555444', false)).toBe(false);
  });

  it('reports a bad checksum only once the number is whole', () => {
    expect(validateNumber('4000002500003', false)).toBeUndefined();
    expect(validateNumber('4242424242424241', false)?.code).toBe('invalid_number');
  });
});
