// What the customer portal changes, through the same resource functions the API uses, so each
// change leaves the objects and events an API call would.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import { snapshot } from '../events.js';
import { Params } from '../protocol/params.js';
import { invalidRequest } from '../protocol/errors.js';
import { updateCustomer } from '../state/customers.js';
import { createSetupIntent } from '../state/setup-intents.js';
import { cancelSubscriptionNow, changeItems, setCancelAtPeriodEnd } from '../state/subscriptions.js';
import { previewSubscriptionInvoice } from '../state/billing/preview.js';

export type ProrationBehavior = 'create_prorations' | 'always_invoice' | 'none';

export function cancelAtPeriodEnd(emu: Emulator, subscription: Stripe.Subscription, cancel: boolean): void {
  const before = snapshot(subscription);
  setCancelAtPeriodEnd(subscription, cancel);
  emu.events.emitUpdate('customer.subscription.updated', subscription, before);
}

export function cancelNow(emu: Emulator, subscription: Stripe.Subscription): void {
  cancelSubscriptionNow(emu, subscription, { reason: 'cancellation_requested' });
}

/** Swaps the subscription's only item to `price`, prorating as the portal configuration says. */
export function switchPrice(emu: Emulator, subscription: Stripe.Subscription, price: Stripe.Price, behavior: ProrationBehavior): void {
  const item = subscription.items.data[0];
  if (!item) throw invalidRequest('This subscription has no items to switch.');
  const before = snapshot(subscription);
  changeItems(emu, subscription, [{ id: item.id, price }], behavior);
  emu.events.emitUpdate('customer.subscription.updated', subscription, before);
}

/** The invoice the switch would produce now (prorations) and the amount due today. */
export function previewSwitch(emu: Emulator, subscription: Stripe.Subscription, price: Stripe.Price, behavior: ProrationBehavior): Stripe.Invoice {
  const item = subscription.items.data[0]!;
  return previewSubscriptionInvoice(
    emu,
    new Params({ subscription: subscription.id, subscription_details: { items: [{ id: item.id, price: price.id }], proration_behavior: behavior } }),
  );
}

export function startCardSetup(emu: Emulator, customerId: string): Stripe.SetupIntent {
  return createSetupIntent(emu, { customer: customerId, usage: 'off_session', automaticPaymentMethods: true });
}

/** The new card becomes the customer's default, and the default of subscriptions that named one. */
export function makeDefaultPaymentMethod(emu: Emulator, customer: Stripe.Customer, paymentMethodId: string): void {
  updateCustomer(emu, customer, new Params({ invoice_settings: { default_payment_method: paymentMethodId } }));
  for (const subscription of emu.store.list('subscription')) {
    if (subscription.customer !== customer.id || !subscription.default_payment_method) continue;
    if (subscription.status === 'canceled' || subscription.status === 'incomplete_expired') continue;
    const before = snapshot(subscription);
    subscription.default_payment_method = paymentMethodId;
    emu.events.emitUpdate('customer.subscription.updated', subscription, before);
  }
}
