// Checkout Sessions: the session, its line items and whatever it settled (payment, subscription, invoice).
import { on } from './define';

export const checkoutEvents = on(
  [
    'checkout.session.completed',
    'checkout.session.expired',
    'checkout.session.async_payment_succeeded',
    'checkout.session.async_payment_failed',
  ],
  (event, run) => run.checkoutSession(event.data.object.id),
);
