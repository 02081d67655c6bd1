// Invoices, with their lines and InvoicePayments.
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
  (event, run) => run.invoice(event.data.object.id!),
);
