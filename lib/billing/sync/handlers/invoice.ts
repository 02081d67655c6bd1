// Invoices with their lines, from the events' snapshots (fetched when the lines are truncated).
// Two changes no event announces are refreshed with them: a new subscription invoice moves its
// subscription's `latest_invoice` (the subscription is fetched on `invoice.created`), and a
// finalized invoice takes a number from its customer's `next_invoice_sequence` (the customer is
// fetched on `invoice.finalized`) — one call each per invoice. A failed payment attempt leaves an
// InvoicePayment no event announces (only `invoice_payment.paid` exists): invoices with failed
// attempts are fetched whole, with their payments.
import { idOf } from '@/lib/stripe/ids';
import { on } from './define';

export const invoiceEvents = {
  ...on(
    [
      'invoice.updated',
      'invoice.finalization_failed',
      'invoice.payment_action_required',
      'invoice.marked_uncollectible',
      'invoice.voided',
      'invoice.overdue',
      'invoice.sent',
    ],
    async (event, run) => run.observe('invoice', event),
  ),
  ...on(['invoice.created'], async (event, run) => {
    run.observe('invoice', event);
    const details = event.data.object.parent?.subscription_details;
    const subscriptionId = details ? idOf(details.subscription) : null;
    if (subscriptionId) await run.subscription(subscriptionId);
  }),
  ...on(['invoice.payment_failed'], (event, run) => run.invoice(event.data.object.id!)),
  ...on(['invoice.paid', 'invoice.payment_succeeded'], async (event, run) => {
    if (event.data.object.attempt_count > 1) await run.invoice(event.data.object.id!);
    else run.observe('invoice', event);
  }),
  ...on(['invoice.finalized'], async (event, run) => {
    run.observe('invoice', event);
    const customerId = idOf(event.data.object.customer);
    if (customerId) await run.customer(customerId);
  }),
};
