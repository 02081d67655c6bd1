import { describe, expect, it } from 'vitest';
import { disputeReasonLabel, filterablePaymentStatuses, paymentDisplayStatus, refundReasonLabel, statusLabel, statusWords } from './statuses';

describe('status words', () => {
  it('gives admins Stripe’s terms and customers what the payment means to them', () => {
    expect(statusWords('payment', 'succeeded')).toEqual({ label: 'Succeeded', tone: 'good' });
    expect(statusWords('payment', 'succeeded', 'customer')).toEqual({ label: 'Paid', tone: 'good' });
    expect(statusLabel('subscription', 'trialing')).toBe('Trialing');
    expect(statusLabel('subscription', 'trialing', 'customer')).toBe('Free trial');
    expect(statusLabel('subscription', 'past_due', 'customer')).toBe('Past due');
  });

  it('reads a status Paydesk does not know yet as its own words, in a neutral badge', () => {
    expect(statusWords('dispute', 'appeal_needs_response')).toEqual({ label: 'Appeal needs response', tone: 'neutral' });
  });

  it('shows a succeeded payment as refunded once refunds took all of it back, partially before', () => {
    const paid = { status: 'succeeded', amountReceived: 5000, amountRefunded: 0 };
    expect(paymentDisplayStatus(paid)).toBe('succeeded');
    expect(paymentDisplayStatus({ ...paid, amountRefunded: 2000 })).toBe('partially_refunded');
    expect(paymentDisplayStatus({ ...paid, amountRefunded: 5000 })).toBe('refunded');
    expect(paymentDisplayStatus({ status: 'requires_payment_method', amountReceived: 0, amountRefunded: 0 })).toBe('requires_payment_method');
  });

  it('names every payment status an admin can filter on', () => {
    expect(filterablePaymentStatuses.map((s) => statusLabel('payment', s))).toEqual(['Succeeded', 'Failed', 'Processing', 'Needs authentication', 'Uncaptured', 'Canceled']);
  });

  it('words refund and dispute reasons', () => {
    expect(refundReasonLabel('requested_by_customer')).toBe('Requested by the customer');
    expect(disputeReasonLabel('product_not_received')).toBe('Product not received');
  });
});
