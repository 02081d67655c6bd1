// Subscriptions and their items (periods, prices, quantities).
import { on } from './define';

export const subscriptionEvents = on(
  [
    'customer.subscription.created',
    'customer.subscription.updated',
    'customer.subscription.deleted',
    'customer.subscription.trial_will_end',
    'customer.subscription.paused',
    'customer.subscription.resumed',
    'customer.subscription.pending_update_applied',
    'customer.subscription.pending_update_expired',
  ],
  async (event, run) => run.observe('subscription', event),
);
