// Checkout Sessions, from the events' snapshots: the session, its line items (listed once) and the
// objects it names (payment, subscription, invoice), fetched when not mirrored yet — their own events
// bring their changes.
import { on } from './define';

export const checkoutEvents = on(
  [
    'checkout.session.completed',
    'checkout.session.expired',
    'checkout.session.async_payment_succeeded',
    'checkout.session.async_payment_failed',
  ],
  async (event, run) => run.observe('checkoutSession', event),
);
