// PaymentIntents, from the events' snapshots (their charges have their own events).
import { on } from './define';

export const paymentIntentEvents = on(
  [
    'payment_intent.created',
    'payment_intent.succeeded',
    'payment_intent.payment_failed',
    'payment_intent.requires_action',
    'payment_intent.processing',
    'payment_intent.canceled',
    'payment_intent.amount_capturable_updated',
    'payment_intent.partially_funded',
  ],
  async (event, run) => run.observe('paymentIntent', event),
);
