// What happens to a subscription as its periods end: renewals, trial ends, failed payments and
// their retries, and resuming a paused subscription.
import type Stripe from 'stripe';
import type { Emulator } from '../../emulator.js';
import { snapshot } from '../../events.js';
import { invalidRequest } from '../../protocol/errors.js';
import { idOf, mustGet, nowForCustomer } from '../lookup.js';
import { addLines, type NewLine } from '../invoice-lines.js';
import { collectInvoice, draftInvoice, ensureInvoicePaymentIntent, finalizeInvoice, pullPendingItems, subscriptionOf } from '../invoices.js';
import { cancelSubscriptionNow, currentPeriodEnd } from '../subscriptions.js';
import { abortScheduleOf } from '../subscription-schedules.js';
import { isMetered, periodLine, usageLine } from './lines.js';
import { addInterval, SECONDS_PER_DAY } from './periods.js';

/** Ends a trial now: the first paid period starts and is invoiced. */
export function endTrial(emu: Emulator, subscription: Stripe.Subscription): void {
  const customer = mustGet(emu, 'customer', idOf(subscription.customer)!, 'customer');
  const now = nowForCustomer(emu, customer.id);
  const before = snapshot(subscription);
  const hasPm = Boolean(idOf(subscription.default_payment_method) ?? idOf(customer.invoice_settings.default_payment_method));
  const missing = subscription.trial_settings?.end_behavior.missing_payment_method ?? 'create_invoice';
  subscription.trial_end = Math.min(subscription.trial_end ?? now, now);
  if (!hasPm && missing === 'cancel') {
    cancelSubscriptionNow(emu, subscription, {});
    return;
  }
  if (!hasPm && missing === 'pause') {
    subscription.status = 'paused';
    emu.events.emitUpdate('customer.subscription.updated', subscription, before);
    emu.events.emit('customer.subscription.paused', subscription);
    return;
  }
  startNextPeriod(subscription, now);
  subscription.status = 'active';
  emu.events.emitUpdate('customer.subscription.updated', subscription, before);
  renewalInvoice(emu, subscription, customer);
}

function startNextPeriod(subscription: Stripe.Subscription, start: number): void {
  for (const item of subscription.items.data) {
    item.current_period_start = start;
    item.current_period_end = addInterval(start, item.price.recurring!);
  }
}

/** Period end: the next period starts and its invoice is collected off-session. */
export function renewSubscription(emu: Emulator, subscription: Stripe.Subscription): void {
  const customer = mustGet(emu, 'customer', idOf(subscription.customer)!, 'customer');
  const before = snapshot(subscription);
  // Metered items are billed in arrears: the period that just ended, at its aggregated usage.
  const usage = subscription.items.data.filter((item) => isMetered(item.price)).map((item) => usageLine(emu, subscription, item, item.current_period_start, item.current_period_end));
  startNextPeriod(subscription, currentPeriodEnd(subscription));
  emu.events.emitUpdate('customer.subscription.updated', subscription, before);
  renewalInvoice(emu, subscription, customer, usage);
}

function renewalInvoice(emu: Emulator, subscription: Stripe.Subscription, customer: Stripe.Customer, usage: NewLine[] = []): void {
  const first = subscription.items.data[0]!;
  const invoice = draftInvoice(emu, {
    customer,
    subscription,
    billingReason: 'subscription_cycle',
    collectionMethod: subscription.collection_method,
    daysUntilDue: subscription.days_until_due,
    autoAdvance: true,
    periodStart: first.current_period_start,
    periodEnd: first.current_period_start,
  });
  pullPendingItems(emu, invoice, subscription.id);
  addLines(invoice, [...subscription.items.data.filter((item) => !isMetered(item.price)).map((item) => periodLine(emu, subscription.id, item, false)), ...usage]);
  subscription.latest_invoice = invoice.id;
  emu.events.emit('invoice.created', invoice);
  finalizeInvoice(emu, invoice);
  if (invoice.status !== 'open') return;
  if (subscription.collection_method === 'send_invoice') {
    ensureInvoicePaymentIntent(emu, invoice);
    return;
  }
  const result = collectInvoice(emu, invoice, { offSession: true });
  if (result.outcome !== 'paid' && result.outcome !== 'processing') renewalFailed(emu, subscription, invoice);
}

/** A renewal's bank debit failed after processing: the same dunning path as a declined renewal. */
export function renewalDebitFailed(emu: Emulator, invoice: Stripe.Invoice): void {
  const subscriptionId = subscriptionOf(invoice);
  const subscription = subscriptionId ? emu.store.get('subscription', subscriptionId) : undefined;
  if (!subscription || invoice.status !== 'open' || invoice.billing_reason === 'subscription_create') return;
  renewalFailed(emu, subscription, invoice);
}

/** A renewal (or its retry) did not go through: past_due, and the next retry per the dunning settings. */
function renewalFailed(emu: Emulator, subscription: Stripe.Subscription, invoice: Stripe.Invoice): void {
  const extras = emu.store.extras(invoice.id);
  const index = extras.retryIndex ?? 0;
  const delay = emu.dunning.retryDelaysDays[index];
  const now = nowForCustomer(emu, idOf(invoice.customer));
  const before = snapshot(subscription);
  if (delay !== undefined) {
    extras.retryIndex = index + 1;
    invoice.next_payment_attempt = now + delay * SECONDS_PER_DAY;
    if (subscription.status !== 'past_due') {
      subscription.status = 'past_due';
      emu.events.emitUpdate('customer.subscription.updated', subscription, before);
    }
    return;
  }
  invoice.next_payment_attempt = null;
  switch (emu.dunning.afterFinalFailure) {
    case 'cancel':
      cancelSubscriptionNow(emu, subscription, { reason: 'payment_failed' });
      abortScheduleOf(emu, subscription);
      return;
    case 'unpaid':
      subscription.status = 'unpaid';
      emu.events.emitUpdate('customer.subscription.updated', subscription, before);
      return;
    case 'past_due':
      if (subscription.status !== 'past_due') {
        subscription.status = 'past_due';
        emu.events.emitUpdate('customer.subscription.updated', subscription, before);
      }
  }
}

/** An automatic retry of a failed renewal invoice. */
export function retryInvoice(emu: Emulator, invoice: Stripe.Invoice): void {
  const subscriptionId = subscriptionOf(invoice);
  const subscription = subscriptionId ? emu.store.get('subscription', subscriptionId) : undefined;
  invoice.next_payment_attempt = null;
  const result = collectInvoice(emu, invoice, { offSession: true });
  if (result.outcome !== 'paid' && result.outcome !== 'processing' && subscription) renewalFailed(emu, subscription, invoice);
}

export function resumeSubscription(emu: Emulator, subscription: Stripe.Subscription): Stripe.Subscription {
  if (subscription.status !== 'paused') {
    throw invalidRequest('Only subscriptions with status `paused` can be resumed.', undefined, 'status_transition_invalid');
  }
  const customer = mustGet(emu, 'customer', idOf(subscription.customer)!, 'customer');
  const before = snapshot(subscription);
  startNextPeriod(subscription, nowForCustomer(emu, customer.id));
  subscription.status = 'active';
  emu.events.emitUpdate('customer.subscription.updated', subscription, before);
  emu.events.emit('customer.subscription.resumed', subscription);
  renewalInvoice(emu, subscription, customer);
  return subscription;
}
