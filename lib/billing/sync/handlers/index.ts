// Every event type Paydesk acts on, and the module that handles it. Adding an event = adding it
// to a family module (or a new module here). Anything not listed is stored and marked ignored.
import { catalogEvents } from './catalog';
import { chargeEvents } from './charge';
import { checkoutEvents } from './checkout';
import { creditNoteEvents } from './credit-note';
import { customerEvents } from './customer';
import type { EventHandlers } from './define';
import { disputeEvents } from './dispute';
import { invoiceEvents } from './invoice';
import { invoicePaymentEvents } from './invoice-payment';
import { paymentIntentEvents } from './payment-intent';
import { paymentMethodEvents } from './payment-method';
import { promotionEvents, scheduleEvents } from './promotion';
import { refundEvents } from './refund';
import { subscriptionEvents } from './subscription';

export type { EventHandler, EventHandlers } from './define';
export { handlerFor } from './define';

export const eventHandlers: EventHandlers = {
  ...checkoutEvents,
  ...paymentIntentEvents,
  ...chargeEvents,
  ...refundEvents,
  ...disputeEvents,
  ...customerEvents,
  ...subscriptionEvents,
  ...invoiceEvents,
  ...invoicePaymentEvents,
  ...creditNoteEvents,
  ...catalogEvents,
  ...paymentMethodEvents,
  ...promotionEvents,
  ...scheduleEvents,
};
