// Saved payment methods are mirrored from their own events' snapshots (a detached one keeps its row
// with no customer). Which one is the customer's default lives on the customer, whose
// `customer.updated` follows any change of it (detaching the default included).
import { idOf } from '@/lib/stripe/ids';
import { on } from './define';

export const paymentMethodEvents = {
  ...on(
    ['payment_method.attached', 'payment_method.updated', 'payment_method.automatically_updated', 'payment_method.detached'],
    async (event, run) => run.observe('paymentMethod', event),
  ),
  // A card saved through a SetupIntent: its attach event may come later than this one. A failed
  // setup usually names no payment method; when it does, that one is mirrored too.
  ...on(['setup_intent.succeeded', 'setup_intent.setup_failed'], async (event, run) => run.ensure('paymentMethod', idOf(event.data.object.payment_method))),
};
