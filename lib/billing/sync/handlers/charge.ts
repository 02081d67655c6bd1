// Charges (card details, refunded amount, dispute flag) and their refunds and disputes.
import { on } from './define';

export const chargeEvents = on(
  [
    'charge.succeeded',
    'charge.failed',
    'charge.pending',
    'charge.captured',
    'charge.expired',
    'charge.refunded',
    'charge.updated',
  ],
  (event, run) => run.charge(event.data.object.id),
);
