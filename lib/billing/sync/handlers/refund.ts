// Refunds (each refresh also refreshes the refunded charge's totals).
import { on } from './define';

export const refundEvents = on(['refund.created', 'refund.updated', 'refund.failed', 'charge.refund.updated'], (event, run) =>
  run.refund(event.data.object.id),
);
