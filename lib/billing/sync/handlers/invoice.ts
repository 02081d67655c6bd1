// Invoices with their lines, from the events' snapshots (fetched when the lines are truncated).
import { on } from './define';

export const invoiceEvents = on(
  [
    'invoice.created',
    'invoice.updated',
    'invoice.finalized',
    'invoice.finalization_failed',
    'invoice.paid',
    'invoice.payment_succeeded',
    'invoice.payment_failed',
    'invoice.payment_action_required',
    'invoice.marked_uncollectible',
    'invoice.voided',
    'invoice.overdue',
    'invoice.sent',
  ],
  async (event, run) => run.observe('invoice', event),
);
