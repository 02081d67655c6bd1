// Saved cards: attaching, detaching or setting up a card can change the customer's default
// payment method, which lives on the customer.
import { idOf } from '@/lib/stripe/ids';
import { on } from './define';

export const paymentMethodEvents = {
  ...on(['payment_method.attached', 'payment_method.updated', 'payment_method.automatically_updated'], async (event, run) => {
    const customerId = idOf(event.data.object.customer);
    if (customerId) await run.customer(customerId);
  }),
  ...on(['payment_method.detached'], async (event, run) => {
    // Once detached the method no longer names its customer; the previous attributes do.
    const previous = event.data.previous_attributes as { customer?: string | null } | undefined;
    const customerId = idOf(previous?.customer);
    if (customerId) await run.customer(customerId);
  }),
  ...on(['setup_intent.succeeded', 'setup_intent.setup_failed'], async (event, run) => {
    const customerId = idOf(event.data.object.customer);
    if (customerId) await run.customer(customerId);
  }),
};
