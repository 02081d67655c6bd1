// Invoices with their lines, from the events' snapshots (fetched when the lines are truncated). A
// new subscription invoice also moves its subscription's `latest_invoice`, which no subscription
// event announces: the subscription is refreshed with it (one call per invoice created).
import { idOf } from '../ids';
import { on } from './define';

export const invoiceEvents = {
  ...on(
    [
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
  ),
  ...on(['invoice.created'], async (event, run) => {
    run.observe('invoice', event);
    const details = event.data.object.parent?.subscription_details;
    const subscriptionId = details ? idOf(details.subscription) : null;
    if (subscriptionId) await run.subscription(subscriptionId);
  }),
};
