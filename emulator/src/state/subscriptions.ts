// Subscriptions and their items: create (incl. default_incomplete and trials), switch prices with
// prorations, cancel now or at period end, and the transitions payments drive.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import type { Params } from '../protocol/params.js';
import { invalidRequest, parameterMissing } from '../protocol/errors.js';
import { newId } from '../ids.js';
import { snapshot } from '../events.js';
import { addInterval, TRIAL_WILL_END_NOTICE } from './billing/periods.js';
import { idOf, mustGet, nowForCustomer } from './lookup.js';
import { createPriceFor, planFromPrice, rejectMeteredQuantity } from './prices.js';
import { oneOffLine, periodLine, prorationLine, subscriptionItem } from './billing/lines.js';
import { createInvoiceItem, pendingInvoiceItems } from './invoice-items.js';
import {
  collectInvoice,
  draftInvoice,
  ensureInvoicePaymentIntent,
  finalizeInvoice,
  pullPendingItems,
  subscriptionOf,
  voidInvoice,
} from './invoices.js';
import { addLines, type NewLine } from './invoice-lines.js';
import { paymentsOfInvoice } from './invoice-payments.js';
import { createSetupIntent } from './setup-intents.js';
import { createDiscount, type Redeemable } from './discounts.js';

type PaymentBehavior = 'allow_incomplete' | 'default_incomplete' | 'error_if_incomplete' | 'pending_if_incomplete';
type ProrationBehavior = 'create_prorations' | 'always_invoice' | 'none';
export const PRORATION_BEHAVIORS = ['create_prorations', 'always_invoice', 'none'] as const;

export interface ItemInit {
  price: Stripe.Price;
  quantity: number;
  metadata?: Record<string, string>;
}

export interface NewSubscription {
  customer: Stripe.Customer;
  items: ItemInit[];
  addInvoiceItems?: ItemInit[];
  defaultPaymentMethod?: string | null;
  paymentBehavior?: PaymentBehavior;
  trialEnd?: number | null;
  metadata?: Record<string, string>;
  description?: string | null;
  cancelAtPeriodEnd?: boolean;
  collectionMethod?: Stripe.Subscription.CollectionMethod;
  daysUntilDue?: number | null;
  saveDefaultPaymentMethod?: 'off' | 'on_subscription';
  missingPaymentMethodAtTrialEnd?: 'cancel' | 'create_invoice' | 'pause';
  offSession?: boolean;
  /** Coupons / promotion codes checked as redeemable, turned into the subscription's discounts. */
  discounts?: Redeemable[];
}

/**
 * Creates a subscription and its first invoice, then collects it as `paymentBehavior` says.
 * Event order follows Stripe's: invoice.created, invoice.finalized, customer.subscription.created,
 * then the payment's events and customer.subscription.updated when it activates.
 */
export function createSubscription(emu: Emulator, init: NewSubscription): Stripe.Subscription {
  const { customer } = init;
  const now = nowForCustomer(emu, customer.id);
  const first = init.items[0]!;
  const currency = first.price.currency;
  const behavior = init.paymentBehavior ?? 'allow_incomplete';
  const collectionMethod = init.collectionMethod ?? 'charge_automatically';
  const trialEnd = init.trialEnd && init.trialEnd > now ? init.trialEnd : null;
  const defaultPm = init.defaultPaymentMethod ?? null;
  const firstAmount = trialEnd ? 0 : sumOf(init.items) + sumOf(init.addInvoiceItems ?? []);
  const hasPaymentMethod = Boolean(defaultPm ?? idOf(customer.invoice_settings.default_payment_method) ?? idOf(customer.default_source));
  if (firstAmount > 0 && collectionMethod === 'charge_automatically' && behavior !== 'default_incomplete' && !hasPaymentMethod) {
    throw invalidRequest('This customer has no attached payment source or default payment method. Please consider adding a default payment method. For more information, visit https://stripe.com/docs/billing/subscriptions/payment-methods-setting#payment-method-priority.', undefined, 'resource_missing');
  }
  const id = newId('sub');
  const subscription = emu.store.insert({
    id,
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: trialEnd ?? now,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: 'classic' },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null },
    collection_method: collectionMethod,
    created: now,
    currency,
    customer: customer.id,
    customer_account: null,
    days_until_due: init.daysUntilDue ?? null,
    default_payment_method: defaultPm,
    default_source: null,
    default_tax_rates: [],
    description: init.description ?? null,
    discounts: [],
    ended_at: null,
    invoice_settings: { account_tax_ids: null, custom_fields: null, description: null, footer: null, issuer: { type: 'self' } },
    items: { object: 'list', data: [], has_more: false, url: `/v1/subscription_items?subscription=${id}` },
    latest_invoice: null,
    livemode: false,
    managed_payments: null,
    metadata: init.metadata ?? {},
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: init.saveDefaultPaymentMethod ?? 'off' },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: now,
    status: trialEnd ? 'trialing' : firstAmount === 0 ? 'active' : 'incomplete',
    test_clock: customer.test_clock ?? null,
    transfer_data: null,
    trial_end: trialEnd,
    trial_settings: { end_behavior: { billing_cycle_anchor: null, missing_payment_method: init.missingPaymentMethodAtTrialEnd ?? 'create_invoice' } },
    trial_start: trialEnd ? now : null,
  });
  for (const item of init.items) {
    subscription.items.data.push(subscriptionItem(subscription.id, item, now, trialEnd ?? addInterval(now, item.price.recurring!)));
  }
  if (init.cancelAtPeriodEnd) setCancelAtPeriodEnd(subscription, true);
  subscription.discounts = (init.discounts ?? []).map((r) => createDiscount(emu, r.coupon, r.promotionCode, { customer: customer.id, subscription: id }).id);

  const invoice = draftInvoice(emu, {
    customer,
    subscription,
    billingReason: 'subscription_create',
    collectionMethod,
    daysUntilDue: init.daysUntilDue,
    autoAdvance: true,
    periodStart: now,
    periodEnd: now,
  });
  addLines(invoice, [
    ...subscription.items.data.map((item) => periodLine(emu, subscription.id, item, Boolean(trialEnd))),
    ...(init.addInvoiceItems ?? []).map((extra) => oneOffLine(emu, extra, now)),
  ]);
  subscription.latest_invoice = invoice.id;
  emu.events.emit('invoice.created', invoice);
  finalizeInvoice(emu, invoice);
  // Nothing to pay now (a trial) under default_incomplete: Stripe offers a SetupIntent to save the card.
  if (invoice.status === 'paid' && behavior === 'default_incomplete' && collectionMethod === 'charge_automatically' && !hasPaymentMethod) {
    subscription.pending_setup_intent = createSetupIntent(emu, { customer: customer.id, usage: 'off_session', automaticPaymentMethods: true }).id;
  }
  emu.events.emit('customer.subscription.created', subscription);
  // A trial shorter than the notice gets its reminder at once; longer ones when time reaches it (billing/cycle).
  if (trialEnd !== null && trialEnd - now <= TRIAL_WILL_END_NOTICE) {
    emu.store.extras(subscription.id).trialWillEndSent = true;
    emu.events.emit('customer.subscription.trial_will_end', subscription);
  }
  if (invoice.status !== 'open') return subscription;

  if (collectionMethod === 'send_invoice' || behavior === 'default_incomplete') {
    ensureInvoicePaymentIntent(emu, invoice);
    return subscription;
  }
  const result = collectInvoice(emu, invoice, { offSession: init.offSession ?? false });
  if (result.error && behavior === 'error_if_incomplete') throw result.error;
  return subscription;
}

function sumOf(items: ItemInit[]): number {
  return items.reduce((sum, i) => sum + (i.price.unit_amount ?? 0) * i.quantity, 0);
}

export function itemFromParams(emu: Emulator, p: Params, recurring: boolean): ItemInit {
  p.only('price', 'price_data', 'quantity', 'metadata', 'tax_rates', 'discounts', 'billing_thresholds', 'plan', 'id', 'deleted', 'clear_usage', 'period');
  const priceId = p.str('price') ?? p.str('plan');
  let price: Stripe.Price;
  if (priceId) {
    price = mustGet(emu, 'price', priceId, p.path('price'));
  } else {
    const data = p.obj('price_data');
    if (!data) throw parameterMissing(p.path('price'));
    data.only('currency', 'product', 'unit_amount', 'unit_amount_decimal', 'recurring', 'tax_behavior');
    price = createPriceFor(emu, mustGet(emu, 'product', data.requiredStr('product'), data.path('product')).id, data);
  }
  if (recurring && price.type !== 'recurring') {
    throw invalidRequest('The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.', p.path('price'));
  }
  if (!recurring && price.type !== 'one_time') {
    throw invalidRequest('The price specified is set to `type=recurring` but this field only accepts prices with `type=one_time`.', p.path('price'));
  }
  if (!price.active) throw invalidRequest(`The price specified is inactive. This field only accepts active prices.`, p.path('price'));
  rejectMeteredQuantity(price, p);
  return { price, quantity: p.int('quantity', { min: 0 }) ?? 1, metadata: p.metadata() };
}

export interface ItemChange {
  id?: string;
  price?: Stripe.Price;
  quantity?: number;
  deleted?: boolean;
  metadata?: Record<string, string>;
}

/** Portal and API: schedule (or undo) cancellation at the end of the current period. */
export function setCancelAtPeriodEnd(subscription: Stripe.Subscription, cancel: boolean): void {
  subscription.cancel_at_period_end = cancel;
  subscription.cancel_at = cancel ? currentPeriodEnd(subscription) : null;
  subscription.canceled_at = cancel ? subscription.items.data[0]?.current_period_start ?? null : null;
  const details = subscription.cancellation_details ?? { comment: null, feedback: null, feedback_option: null, reason: null };
  subscription.cancellation_details = cancel ? { ...details, reason: 'cancellation_requested' } : { comment: null, feedback: null, feedback_option: null, reason: null };
}

/** `cancel_at`: the subscription ends at that moment (at the latest, its current period's end counts too). */
export function scheduleCancellation(emu: Emulator, subscription: Stripe.Subscription, at: number): void {
  if (at <= nowForCustomer(emu, idOf(subscription.customer))) throw invalidRequest('Invalid timestamp: must be an integer Unix timestamp in the future.', 'cancel_at');
  subscription.cancel_at = at;
  subscription.cancel_at_period_end = false;
  const details = subscription.cancellation_details ?? { comment: null, feedback: null, feedback_option: null, reason: null };
  subscription.cancellation_details = { ...details, reason: 'cancellation_requested' };
}

export function currentPeriodEnd(subscription: Stripe.Subscription): number {
  return Math.min(...subscription.items.data.map((i) => i.current_period_end));
}

/**
 * Applies item changes (switch price, quantity, add, remove). Prorations become pending invoice
 * items (create_prorations), an immediate invoice (always_invoice), or nothing (none). A change of
 * billing interval restarts the period now and invoices at once, as Stripe does.
 */
export function changeItems(
  emu: Emulator,
  subscription: Stripe.Subscription,
  changes: ItemChange[],
  behavior: ProrationBehavior,
  paymentBehavior: PaymentBehavior = 'allow_incomplete',
  prorationDate?: number,
): void {
  const before = snapshot(subscription);
  try {
    applyItemChanges(emu, subscription, changes, behavior, paymentBehavior, prorationDate);
  } catch (err) {
    Object.assign(subscription, before);
    throw err;
  }
}

function applyItemChanges(
  emu: Emulator,
  subscription: Stripe.Subscription,
  changes: ItemChange[],
  behavior: ProrationBehavior,
  paymentBehavior: PaymentBehavior,
  prorationDate: number | undefined,
): void {
  const customer = mustGet(emu, 'customer', idOf(subscription.customer)!, 'customer');
  const now = prorationDate ?? nowForCustomer(emu, customer.id);
  const oldInterval = intervalKey(subscription.items.data[0]!.price);
  const prorations: NewLine[] = [];
  for (const change of changes) {
    const existing = change.id ? subscription.items.data.find((i) => i.id === change.id) : undefined;
    if (change.id && !existing) throw invalidRequest(`No such subscription item: '${change.id}'`, 'items', 'resource_missing');
    if (existing) {
      prorations.push(prorationLine(emu, subscription.id, existing, existing.price, existing.quantity ?? 1, now, -1));
      if (change.deleted) {
        subscription.items.data = subscription.items.data.filter((i) => i !== existing);
        continue;
      }
      const price = change.price ?? existing.price;
      existing.price = price;
      existing.plan = planFromPrice(price);
      existing.quantity = change.quantity ?? existing.quantity;
      if (change.metadata) existing.metadata = change.metadata;
      prorations.push(prorationLine(emu, subscription.id, existing, price, existing.quantity ?? 1, now, 1));
    } else {
      if (!change.price) throw parameterMissing('items[price]');
      const first = subscription.items.data[0]!;
      const item = subscriptionItem(subscription.id, { price: change.price, quantity: change.quantity ?? 1, metadata: change.metadata }, first.current_period_start, first.current_period_end);
      subscription.items.data.push(item);
      prorations.push(prorationLine(emu, subscription.id, item, change.price, item.quantity ?? 1, now, 1));
    }
  }
  if (subscription.items.data.length === 0) throw invalidRequest('A subscription must have at least one active plan.', 'items');
  const intervalChanged = intervalKey(subscription.items.data[0]!.price) !== oldInterval;
  const significant = prorations.filter((line) => line.amount !== 0);
  if (subscription.status === 'trialing') return;
  if (intervalChanged) {
    for (const item of subscription.items.data) {
      item.current_period_start = now;
      item.current_period_end = addInterval(now, item.price.recurring!);
    }
    subscription.billing_cycle_anchor = now;
    const credits = significant.filter((l) => l.amount < 0);
    invoiceNow(emu, subscription, customer, credits, 'subscription_update', true, paymentBehavior);
    return;
  }
  if (behavior === 'none' || significant.length === 0) return;
  if (behavior === 'create_prorations') {
    for (const line of significant) pendProration(emu, customer, subscription, line);
    return;
  }
  invoiceNow(emu, subscription, customer, significant, 'subscription_update', false, paymentBehavior);
}

function intervalKey(price: Stripe.Price): string {
  return `${price.recurring?.interval}/${price.recurring?.interval_count}`;
}

function pendProration(emu: Emulator, customer: Stripe.Customer, subscription: Stripe.Subscription, line: NewLine): void {
  createInvoiceItem(emu, {
    customer,
    price: line.price,
    quantity: line.quantity,
    amount: line.amount,
    description: line.description,
    subscription: subscription.id,
    subscriptionItem: line.subscriptionItem,
    proration: true,
    period: line.period,
  });
}

/** Invoices prorations (and, on a new cycle, the new period) right away and collects. */
function invoiceNow(
  emu: Emulator,
  subscription: Stripe.Subscription,
  customer: Stripe.Customer,
  prorations: NewLine[],
  reason: Stripe.Invoice.BillingReason,
  includePeriod: boolean,
  paymentBehavior: PaymentBehavior,
): Stripe.Invoice {
  for (const line of prorations) pendProration(emu, customer, subscription, line);
  const now = nowForCustomer(emu, customer.id);
  const invoice = draftInvoice(emu, { customer, subscription, billingReason: reason, collectionMethod: subscription.collection_method, daysUntilDue: subscription.days_until_due, autoAdvance: true, periodStart: now, periodEnd: now });
  if (includePeriod) addLines(invoice, subscription.items.data.map((item) => periodLine(emu, subscription.id, item, false)));
  pullPendingItems(emu, invoice, subscription.id);
  subscription.latest_invoice = invoice.id;
  emu.events.emit('invoice.created', invoice);
  finalizeInvoice(emu, invoice);
  if (invoice.status === 'open' && subscription.collection_method === 'charge_automatically') {
    const result = collectInvoice(emu, invoice, { offSession: true });
    if (result.error && paymentBehavior === 'error_if_incomplete') {
      // The change is refused as a whole: its invoice is voided and the caller restores the subscription.
      voidInvoice(emu, invoice);
      throw result.error;
    }
  } else if (invoice.status === 'open') {
    ensureInvoicePaymentIntent(emu, invoice);
  }
  return invoice;
}

/** An invoice got paid: incomplete/past_due/unpaid subscriptions become active. */
export function activateAfterPayment(emu: Emulator, invoice: Stripe.Invoice): void {
  const subscriptionId = subscriptionOf(invoice);
  const subscription = subscriptionId ? emu.store.get('subscription', subscriptionId) : undefined;
  if (!subscription) return;
  const before = snapshot(subscription);
  if (subscription.payment_settings?.save_default_payment_method === 'on_subscription' && !subscription.default_payment_method) {
    const paid = paymentsOfInvoice(emu, invoice.id).find((p) => p.status === 'paid');
    const pi = paid ? emu.store.get('payment_intent', paid.payment.payment_intent as string) : undefined;
    if (pi?.payment_method) subscription.default_payment_method = idOf(pi.payment_method);
  }
  const stillOwes = emu.store
    .list('invoice')
    .some((i) => i.id !== invoice.id && i.status === 'open' && subscriptionOf(i) === subscription.id && i.collection_method === 'charge_automatically');
  if (['incomplete', 'past_due', 'unpaid'].includes(subscription.status) && !stillOwes) subscription.status = 'active';
  emu.events.emitUpdate('customer.subscription.updated', subscription, before);
}

/** Cancels at once (DELETE, portal, final dunning step, or an incomplete subscription expiring). */
export function cancelSubscriptionNow(
  emu: Emulator,
  subscription: Stripe.Subscription,
  options: { comment?: string; feedback?: Stripe.Subscription.CancellationDetails.Feedback; reason?: Stripe.Subscription.CancellationDetails.Reason; expired?: boolean },
): Stripe.Subscription {
  if (subscription.status === 'canceled' || subscription.status === 'incomplete_expired') {
    throw invalidRequest(`No such subscription: '${subscription.id}'`, 'id', 'resource_missing');
  }
  const now = nowForCustomer(emu, idOf(subscription.customer));
  subscription.status = options.expired ? 'incomplete_expired' : 'canceled';
  subscription.canceled_at = now;
  subscription.ended_at = now;
  subscription.cancellation_details = {
    comment: options.comment ?? subscription.cancellation_details?.comment ?? null,
    feedback: options.feedback ?? subscription.cancellation_details?.feedback ?? null,
    feedback_option: null,
    reason: options.reason ?? 'cancellation_requested',
  };
  for (const item of pendingInvoiceItems(emu, idOf(subscription.customer)!, subscription.id)) emu.store.delete(item.id);
  emu.events.emit('customer.subscription.deleted', subscription);
  return subscription;
}

/** A subscription's pending SetupIntent succeeded: its card becomes the subscription's default. */
export function adoptSetupPaymentMethod(emu: Emulator, si: Stripe.SetupIntent): void {
  const subscription = emu.store.list('subscription').find((s) => s.pending_setup_intent === si.id);
  if (!subscription) return;
  const before = snapshot(subscription);
  subscription.pending_setup_intent = null;
  if (!subscription.default_payment_method) subscription.default_payment_method = idOf(si.payment_method);
  emu.events.emitUpdate('customer.subscription.updated', subscription, before);
}

