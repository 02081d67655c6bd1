// Charges (card details, refunded amount, dispute flag), from the events' snapshots.
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
  async (event, run) => run.observe('charge', event),
);
