// /v1/subscriptions and /v1/subscription_items: params in, state/subscriptions.ts and state/billing/ do the rest.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import { type ApiRouter, retrieveRoute } from './api.js';
import { redeemablesFromParams } from '../state/discounts.js';
import type { Params } from '../protocol/params.js';
import { LIST_PARAMS, paginate, filterCreated } from '../protocol/list.js';
import { invalidRequest, parameterMissing } from '../protocol/errors.js';
import { snapshot } from '../events.js';
import { SECONDS_PER_DAY } from '../state/billing/periods.js';
import { idOf, mustGet, nowForCustomer } from '../state/lookup.js';
import { endTrial, resumeSubscription } from '../state/billing/renewals.js';
import { cancelSubscriptionNow, itemFromParams, createSubscription, setCancelAtPeriodEnd, scheduleCancellation, type ItemChange, PRORATION_BEHAVIORS, changeItems } from '../state/subscriptions.js';

const PAYMENT_BEHAVIORS = ['allow_incomplete', 'default_incomplete', 'error_if_incomplete', 'pending_if_incomplete'] as const;

const FEEDBACK = ['customer_service', 'low_quality', 'missing_features', 'other', 'switched_service', 'too_complex', 'too_expensive', 'unused'] as const;

export function registerSubscriptionRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/subscriptions', { run: ({ emu, params }) => createSubscriptionFromParams(emu, params) });
  api.add('GET', '/v1/subscriptions', {
    run: ({ emu, params, url }) => {
      params.only(...LIST_PARAMS, 'customer', 'price', 'status', 'test_clock', 'collection_method', 'current_period_start', 'current_period_end', 'automatic_tax', 'plan', 'customer_account');
      const customer = params.str('customer');
      const price = params.str('price') ?? params.str('plan');
      const status = params.oneOf('status', ['active', 'all', 'canceled', 'ended', 'incomplete', 'incomplete_expired', 'past_due', 'paused', 'trialing', 'unpaid'] as const);
      const clock = params.str('test_clock');
      let items: readonly Stripe.Subscription[] = emu.store.list('subscription').filter(
        (s) =>
          (customer === undefined || s.customer === customer) &&
          (clock === undefined || s.test_clock === clock) &&
          (price === undefined || s.items.data.some((i) => i.price.id === price)) &&
          matchesStatus(s.status, status),
      );
      items = filterCreated(items, params, 'current_period_end', (s) => s.items.data[0]?.current_period_end);
      items = filterCreated(items, params, 'current_period_start', (s) => s.items.data[0]?.current_period_start);
      return paginate(items, params, url, 'subscription');
    },
  });
  api.add('GET', '/v1/subscriptions/:id', retrieveRoute('subscription'));
  api.add('POST', '/v1/subscriptions/:id', { run: ({ emu, params, path }) => updateSubscriptionFromParams(emu, mustGet(emu, 'subscription', path.id), params) });
  api.add('DELETE', '/v1/subscriptions/:id', {
    run: ({ emu, params, path }) => {
      params.only('invoice_now', 'prorate', 'cancellation_details');
      const details = params.obj('cancellation_details')?.only('comment', 'feedback');
      return cancelSubscriptionNow(emu, mustGet(emu, 'subscription', path.id), {
        comment: details?.str('comment'),
        feedback: details?.oneOf('feedback', FEEDBACK),
      });
    },
  });
  api.add('POST', '/v1/subscriptions/:id/resume', {
    run: ({ emu, params, path }) => {
      params.only('billing_cycle_anchor', 'proration_behavior', 'proration_date');
      return resumeSubscription(emu, mustGet(emu, 'subscription', path.id));
    },
  });
  api.add('GET', '/v1/subscription_items', {
    run: ({ emu, params, url }) => {
      params.only(...LIST_PARAMS, 'subscription');
      const subscription = mustGet(emu, 'subscription', params.requiredStr('subscription'), 'subscription');
      return paginate([...subscription.items.data].reverse(), params, url, 'subscription_item');
    },
  });
  api.add('GET', '/v1/subscription_items/:id', {
    run: ({ emu, params, path }) => {
      params.only();
      for (const subscription of emu.store.list('subscription')) {
        const item = subscription.items.data.find((i) => i.id === path.id);
        if (item) return item;
      }
      throw invalidRequest(`No such subscription_item: '${path.id}'`, 'id', 'resource_missing');
    },
  });
}

function matchesStatus(actual: Stripe.Subscription.Status, wanted: string | undefined): boolean {
  if (wanted === 'all') return true;
  if (wanted === 'ended') return actual === 'canceled' || actual === 'incomplete_expired';
  if (wanted === undefined) return actual !== 'canceled' && actual !== 'incomplete_expired';
  return actual === wanted;
}

function createSubscriptionFromParams(emu: Emulator, params: Params): Stripe.Subscription {
  params.only('customer', 'items', 'default_payment_method', 'payment_behavior', 'trial_period_days', 'trial_end', 'trial_from_plan', 'metadata', 'cancel_at_period_end', 'cancel_at', 'collection_method', 'days_until_due', 'description', 'add_invoice_items', 'off_session', 'payment_settings', 'proration_behavior', 'billing_cycle_anchor', 'billing_cycle_anchor_config', 'currency', 'automatic_tax', 'trial_settings', 'default_tax_rates', 'discounts', 'backdate_start_date', 'billing_mode', 'invoice_settings', 'pending_invoice_item_interval', 'on_behalf_of', 'transfer_data', 'application_fee_percent', 'billing_thresholds', 'default_source', 'customer_account');
  const customer = mustGet(emu, 'customer', params.requiredStr('customer'), 'customer');
  const itemParams = params.objList('items');
  if (itemParams.length === 0) throw parameterMissing('items');
  const items = itemParams.map((p) => itemFromParams(emu, p, true));
  const currencies = new Set(items.map((i) => i.price.currency));
  if (currencies.size > 1) throw invalidRequest('All prices on a subscription must have the same currency.', 'items');
  const defaultPm = params.str('default_payment_method');
  if (defaultPm) {
    const pm = mustGet(emu, 'payment_method', defaultPm, 'default_payment_method');
    if (pm.customer !== customer.id) throw invalidRequest(`The payment method \`${defaultPm}\` must be attached to the customer.`, 'default_payment_method');
  }
  const now = nowForCustomer(emu, customer.id);
  const trialEndParam = params.str('trial_end');
  const trialDays = params.int('trial_period_days', { min: 0, max: 730 });
  const fromPlan = params.bool('trial_from_plan') ? items[0]!.price.recurring?.trial_period_days : undefined;
  const trialEnd =
    trialEndParam === 'now' ? null : trialEndParam !== undefined ? params.int('trial_end')! : trialDays ? now + trialDays * SECONDS_PER_DAY : fromPlan ? now + fromPlan * SECONDS_PER_DAY : null;
  if (trialEnd !== null && trialEnd <= now) throw invalidRequest('Invalid timestamp: must be an integer Unix timestamp in the future.', 'trial_end');
  const settings = params.obj('payment_settings')?.only('save_default_payment_method', 'payment_method_types', 'payment_method_options');
  const trialSettings = params.obj('trial_settings')?.only('end_behavior');
  return createSubscription(emu, {
    customer,
    items,
    addInvoiceItems: params.objList('add_invoice_items').map((p) => itemFromParams(emu, p, false)),
    defaultPaymentMethod: defaultPm ?? null,
    paymentBehavior: params.oneOf('payment_behavior', PAYMENT_BEHAVIORS),
    trialEnd,
    metadata: params.metadata(),
    description: params.str('description') ?? null,
    cancelAtPeriodEnd: params.bool('cancel_at_period_end'),
    collectionMethod: params.oneOf('collection_method', ['charge_automatically', 'send_invoice'] as const),
    daysUntilDue: params.int('days_until_due') ?? null,
    saveDefaultPaymentMethod: settings?.oneOf('save_default_payment_method', ['off', 'on_subscription'] as const),
    missingPaymentMethodAtTrialEnd: trialSettings?.obj('end_behavior')?.only('missing_payment_method').oneOf('missing_payment_method', ['cancel', 'create_invoice', 'pause'] as const),
    offSession: params.bool('off_session'),
    discounts: redeemablesFromParams(emu, params.objList('discounts'), customer.id, {
      amount: items.reduce((sum, i) => sum + (i.price.unit_amount ?? 0) * i.quantity, 0),
      currency: items[0]!.price.currency,
    }),
  });
}

function updateSubscriptionFromParams(emu: Emulator, subscription: Stripe.Subscription, params: Params): Stripe.Subscription {
  params.only('items', 'proration_behavior', 'proration_date', 'cancel_at_period_end', 'cancel_at', 'default_payment_method', 'metadata', 'trial_end', 'description', 'payment_behavior', 'billing_cycle_anchor', 'pause_collection', 'collection_method', 'days_until_due', 'off_session', 'cancellation_details', 'payment_settings', 'trial_from_plan', 'trial_settings', 'add_invoice_items', 'automatic_tax', 'default_tax_rates', 'discounts', 'invoice_settings', 'pending_invoice_item_interval', 'on_behalf_of', 'transfer_data', 'application_fee_percent', 'billing_thresholds', 'default_source');
  if (subscription.status === 'canceled' || subscription.status === 'incomplete_expired') {
    throw invalidRequest(`A canceled subscription can only update its cancellation_details and metadata.`, undefined, 'resource_missing');
  }
  const before = snapshot(subscription);
  const customer = mustGet(emu, 'customer', idOf(subscription.customer)!, 'customer');
  const pm = params.nullableStr('default_payment_method');
  if (pm) {
    const found = mustGet(emu, 'payment_method', pm, 'default_payment_method');
    if (found.customer !== customer.id) throw invalidRequest(`The payment method \`${pm}\` must be attached to the customer.`, 'default_payment_method');
  }
  if (pm !== undefined) subscription.default_payment_method = pm;
  params.assignNullableStrs(subscription, 'description');
  subscription.metadata = params.metadata(subscription.metadata);
  const cancelAtPeriodEnd = params.bool('cancel_at_period_end');
  if (cancelAtPeriodEnd !== undefined) setCancelAtPeriodEnd(subscription, cancelAtPeriodEnd);
  if (params.isCleared('cancel_at')) setCancelAtPeriodEnd(subscription, false);
  const cancelAt = params.int('cancel_at');
  if (cancelAt !== undefined) scheduleCancellation(emu, subscription, cancelAt);
  const details = params.obj('cancellation_details')?.only('comment', 'feedback');
  if (details) {
    subscription.cancellation_details = {
      comment: details.nullableStr('comment') ?? subscription.cancellation_details?.comment ?? null,
      feedback: details.oneOf('feedback', FEEDBACK) ?? subscription.cancellation_details?.feedback ?? null,
      feedback_option: null,
      reason: subscription.cancellation_details?.reason ?? null,
    };
  }
  const changes = params.objList('items').map((p): ItemChange => {
    const deleted = p.bool('deleted');
    const hasPrice = p.has('price') || p.has('plan') || p.has('price_data');
    return {
      id: p.str('id'),
      price: hasPrice ? itemFromParams(emu, p, true).price : undefined,
      quantity: p.int('quantity', { min: 0 }),
      deleted,
      metadata: p.has('metadata') ? p.metadata() : undefined,
    };
  });
  const behavior = params.oneOf('proration_behavior', PRORATION_BEHAVIORS) ?? 'create_prorations';
  const paymentBehavior = params.oneOf('payment_behavior', PAYMENT_BEHAVIORS) ?? 'allow_incomplete';
  if (changes.length) {
    try {
      changeItems(emu, subscription, changes, behavior, paymentBehavior, params.int('proration_date'));
    } catch (err) {
      Object.assign(subscription, before);
      throw err;
    }
  }
  const trialEnd = params.str('trial_end');
  if (trialEnd === 'now' && subscription.status === 'trialing') {
    emu.events.emitUpdate('customer.subscription.updated', subscription, before);
    endTrial(emu, subscription);
    return subscription;
  }
  emu.events.emitUpdate('customer.subscription.updated', subscription, before);
  return subscription;
}
