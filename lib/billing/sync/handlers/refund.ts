// Refunds, from the events' snapshots (the refunded charge's totals come with `charge.refunded`).
import { on } from './define';

export const refundEvents = on(['refund.created', 'refund.updated', 'refund.failed', 'charge.refund.updated'], async (event, run) =>
  run.observe('refund', event),
);
