import { describe, expect, it } from 'vitest';
import { eventHandlers, handlerFor } from '.';

// The events DESIGN.md §4 says the webhook consumes, with the families spelled out.
const required = [
  'checkout.session.completed', 'checkout.session.expired',
  'payment_intent.succeeded', 'payment_intent.payment_failed', 'payment_intent.requires_action', 'payment_intent.canceled',
  'charge.succeeded', 'charge.failed', 'charge.refunded', 'charge.updated',
  'refund.created', 'refund.updated', 'refund.failed',
  'charge.dispute.created', 'charge.dispute.updated', 'charge.dispute.closed', 'charge.dispute.funds_withdrawn', 'charge.dispute.funds_reinstated',
  'customer.created', 'customer.updated', 'customer.deleted',
  'customer.subscription.created', 'customer.subscription.updated', 'customer.subscription.deleted', 'customer.subscription.trial_will_end',
  'invoice.created', 'invoice.finalized', 'invoice.paid', 'invoice.payment_succeeded', 'invoice.payment_failed', 'invoice.payment_action_required', 'invoice.voided',
  'invoice_payment.paid',
  'credit_note.created', 'credit_note.updated', 'credit_note.voided',
  'product.created', 'product.updated', 'product.deleted',
  'price.created', 'price.updated', 'price.deleted',
  'payment_method.attached', 'payment_method.detached',
  'setup_intent.succeeded', 'setup_intent.setup_failed',
];

describe('event handler map', () => {
  it('handles every event the design requires', () => {
    expect(required.filter((type) => !eventHandlers[type])).toEqual([]);
  });

  it('leaves event types it does not know unhandled (they are stored and marked ignored)', () => {
    expect(handlerFor(eventHandlers, 'climate.order.delivered')).toBeUndefined();
  });

  it('never takes an inherited property for a handler', () => {
    for (const type of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) expect(handlerFor(eventHandlers, type)).toBeUndefined();
    expect(handlerFor(eventHandlers, 'invoice.paid')).toBe(eventHandlers['invoice.paid']);
  });
});
