// The mirror-side refund rules an admin hears about before any money moves: which payments can be
// refunded, how much, and which reason comes first when several apply.
import { describe, expect, it } from 'vitest';
import { checkRefundable, type Refundable } from './refunds';

const paid = (overrides: Partial<Refundable> = {}): Refundable => ({
  paymentIntentId: 'pi_rules',
  status: 'succeeded',
  currency: 'usd',
  chargeId: 'ch_rules',
  received: 5000,
  refunded: 2000,
  refundable: 3000,
  openDispute: false,
  ...overrides,
});

const refusal = (state: Refundable, amount: number) => {
  try {
    checkRefundable(state, amount);
    return 'allowed';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('refund rules', () => {
  it('allows any whole amount from one cent up to what is left', () => {
    expect(refusal(paid(), 1)).toBe('allowed');
    expect(refusal(paid(), 3000)).toBe('allowed');
    expect(refusal(paid({ refundable: 1 }), 1)).toBe('allowed');
  });

  it('refuses more than what is left, naming what is left', () => {
    expect(refusal(paid(), 3001)).toBe('Only $30.00 can still be refunded on this payment.');
  });

  it('refuses zero, negative and fractional amounts', () => {
    for (const amount of [0, -100, 0.5, 10.5, Number.NaN]) expect(refusal(paid(), amount), String(amount)).toBe('Enter an amount greater than zero.');
  });

  it('refuses a payment that did not succeed or has no charge', () => {
    expect(refusal(paid({ status: 'processing' }), 100)).toBe('Only a succeeded payment can be refunded.');
    expect(refusal(paid({ chargeId: null }), 100)).toBe('Only a succeeded payment can be refunded.');
  });

  it('puts a failed payment before a dispute, a dispute before a full refund, a full refund before a bad amount', () => {
    expect(refusal(paid({ status: 'canceled', openDispute: true }), 100)).toBe('Only a succeeded payment can be refunded.');
    expect(refusal(paid({ openDispute: true, refundable: 0 }), 100)).toBe('This payment is disputed. Respond to the dispute instead of refunding it.');
    expect(refusal(paid({ refundable: 0 }), 0)).toBe('This payment has already been fully refunded.');
  });
});
