// Disputes, with the disputed charge.
import { on } from './define';

export const disputeEvents = on(
  [
    'charge.dispute.created',
    'charge.dispute.updated',
    'charge.dispute.closed',
    'charge.dispute.funds_withdrawn',
    'charge.dispute.funds_reinstated',
  ],
  (event, run) => run.dispute(event.data.object.id),
);
