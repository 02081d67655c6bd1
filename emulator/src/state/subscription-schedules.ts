// Subscription schedules: phases of items over time that drive a subscription — started now or at
// a future date, moved phase to phase as time passes (billing/cycle), and at the end released or
// canceled per `end_behavior`; release and cancel by API.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import type { Params } from '../protocol/params.js';
import { invalidRequest, parameterMissing } from '../protocol/errors.js';
import { newId } from '../ids.js';
import { snapshot } from '../events.js';
import { addInterval } from './billing/periods.js';
import { idOf, mustGet, nowForCustomer } from './lookup.js';
import { cancelSubscriptionNow, changeItems, createSubscription, itemFromParams, type ItemInit } from './subscriptions.js';

const END_BEHAVIORS = ['release', 'cancel'] as const;

export function createSubscriptionSchedule(emu: Emulator, params: Params): Stripe.SubscriptionSchedule {
  params.only('customer', 'start_date', 'end_behavior', 'phases', 'metadata', 'from_subscription', 'default_settings', 'billing_mode', 'customer_account');
  if (params.has('from_subscription')) return scheduleFromSubscription(emu, params);
  const customer = mustGet(emu, 'customer', params.requiredStr('customer'), 'customer');
  const now = nowForCustomer(emu, customer.id);
  const startParam = params.str('start_date');
  const start = startParam === undefined || startParam === 'now' ? now : params.int('start_date')!;
  const phaseParams = params.objList('phases');
  if (!phaseParams.length) throw parameterMissing('phases');
  const phases = phasesFrom(emu, phaseParams, start);
  const id = newId('sub_sched');
  const schedule = emu.store.insert({
    id,
    object: 'subscription_schedule',
    application: null,
    billing_mode: { flexible: null, type: 'classic' },
    canceled_at: null,
    completed_at: null,
    created: now,
    current_phase: null,
    customer: customer.id,
    customer_account: null,
    default_settings: defaultSettings(),
    end_behavior: params.oneOf('end_behavior', END_BEHAVIORS) ?? 'release',
    livemode: false,
    metadata: params.metadata(),
    pause_schedules: [],
    phases,
    released_at: null,
    released_subscription: null,
    status: 'not_started',
    subscription: null,
    test_clock: customer.test_clock ?? null,
  });
  emu.events.emit('subscription_schedule.created', schedule);
  if (start <= now) startSchedule(emu, schedule);
  return schedule;
}

/** `from_subscription`: a schedule whose one phase is the subscription as it is, to its period end. */
function scheduleFromSubscription(emu: Emulator, params: Params): Stripe.SubscriptionSchedule {
  params.only('from_subscription', 'metadata');
  const subscription = mustGet(emu, 'subscription', params.str('from_subscription'), 'from_subscription');
  if (subscription.schedule) throw invalidRequest('This subscription is already managed by a subscription schedule.', 'from_subscription');
  const item = subscription.items.data[0]!;
  const schedule = emu.store.insert({
    id: newId('sub_sched'),
    object: 'subscription_schedule',
    application: null,
    billing_mode: { flexible: null, type: 'classic' },
    canceled_at: null,
    completed_at: null,
    created: nowForCustomer(emu, idOf(subscription.customer)),
    current_phase: { start_date: item.current_period_start, end_date: item.current_period_end },
    customer: idOf(subscription.customer)!,
    customer_account: null,
    default_settings: defaultSettings(),
    end_behavior: 'release',
    livemode: false,
    metadata: params.metadata(),
    pause_schedules: [],
    phases: [
      phase(subscription.currency, item.current_period_start, item.current_period_end, subscription.items.data.map((i) => ({ price: i.price, quantity: i.quantity ?? 1, metadata: i.metadata }))),
    ],
    released_at: null,
    released_subscription: null,
    status: 'active',
    subscription: subscription.id,
    test_clock: subscription.test_clock ?? null,
  });
  linkSubscription(emu, subscription, schedule.id);
  emu.events.emit('subscription_schedule.created', schedule);
  return schedule;
}

function phasesFrom(emu: Emulator, list: Params[], start: number): Stripe.SubscriptionSchedule.Phase[] {
  let at = start;
  return list.map((p, index) => {
    // A phase starts where the one before it ends; Stripe accepts `start_date` only for the first.
    const startDate = p.str('start_date');
    if (startDate !== undefined && (index > 0 || (startDate !== 'now' && Number(startDate) !== start))) {
      throw invalidRequest(
        index > 0 ? 'Only the first phase may set a start_date; later phases start when the previous one ends.' : 'You can not modify the start date of the current phase.',
        p.path('start_date'),
      );
    }
    p.only('start_date', 'items', 'iterations', 'end_date', 'metadata', 'trial_end', 'proration_behavior', 'default_payment_method', 'description', 'collection_method', 'add_invoice_items', 'discounts', 'currency', 'duration', 'trial', 'invoice_settings', 'billing_cycle_anchor', 'default_tax_rates', 'automatic_tax', 'on_behalf_of', 'transfer_data', 'application_fee_percent', 'billing_thresholds');
    const items = p.objList('items').map((item) => itemFromParams(emu, item, true));
    if (!items.length) throw parameterMissing(p.path('items'));
    const recurring = items[0]!.price.recurring!;
    const iterations = p.int('iterations', { min: 1 });
    // `duration` (the endive form of `iterations`): how long the phase lasts, in its own unit.
    const duration = p.obj('duration')?.only('interval', 'interval_count');
    const durationInterval = duration?.oneOf('interval', ['day', 'week', 'month', 'year'] as const);
    if (duration && !durationInterval) throw parameterMissing(p.path('duration[interval]'));
    const exclusive = [p.has('end_date') && 'end_date', iterations !== undefined && 'iterations', duration && 'duration'].filter(Boolean);
    if (exclusive.length > 1) throw invalidRequest(`You may only specify one of these parameters: ${exclusive.join(', ')}.`, p.path(String(exclusive[1])));
    const endDate =
      p.int('end_date') ??
      (iterations !== undefined
        ? addIterations(at, recurring, iterations)
        : durationInterval
          ? addInterval(at, { interval: durationInterval, interval_count: duration!.int('interval_count', { min: 1 }) ?? 1 })
          : addInterval(at, recurring));
    if (endDate <= at) throw invalidRequest('Phase end_date must be after its start date.', p.path('end_date'));
    const made = phase(items[0]!.price.currency, at, endDate, items, p.metadata());
    at = endDate;
    return made;
  });
}

function addIterations(start: number, recurring: Stripe.Price.Recurring, iterations: number): number {
  let at = start;
  for (let i = 0; i < iterations; i++) at = addInterval(at, recurring);
  return at;
}

function phase(currency: string, start: number, end: number, items: ItemInit[], metadata: Record<string, string> = {}): Stripe.SubscriptionSchedule.Phase {
  return {
    add_invoice_items: [],
    application_fee_percent: null,
    billing_cycle_anchor: null,
    billing_thresholds: null,
    collection_method: null,
    currency,
    default_payment_method: null,
    description: null,
    discounts: [],
    end_date: end,
    invoice_settings: null,
    items: items.map((item) => ({ billing_thresholds: null, discounts: [], metadata: item.metadata ?? {}, plan: item.price.id, price: item.price.id, quantity: item.quantity, tax_rates: [] })),
    metadata,
    on_behalf_of: null,
    proration_behavior: 'create_prorations',
    start_date: start,
    transfer_data: null,
    trial_end: null,
  };
}

function defaultSettings(): Stripe.SubscriptionSchedule.DefaultSettings {
  return {
    application_fee_percent: null,
    billing_cycle_anchor: 'automatic',
    billing_thresholds: null,
    collection_method: 'charge_automatically',
    default_payment_method: null,
    description: null,
    invoice_settings: { account_tax_ids: null, custom_fields: null, days_until_due: null, description: null, footer: null, issuer: { type: 'self' } },
    on_behalf_of: null,
    transfer_data: null,
  };
}

function itemsOf(emu: Emulator, p: Stripe.SubscriptionSchedule.Phase): ItemInit[] {
  return p.items.map((item) => ({ price: mustGet(emu, 'price', idOf(item.price)!, 'price'), quantity: item.quantity ?? 1, metadata: item.metadata ?? {} }));
}

function linkSubscription(emu: Emulator, subscription: Stripe.Subscription, scheduleId: string | null): void {
  const before = snapshot(subscription);
  subscription.schedule = scheduleId;
  emu.events.emitUpdate('customer.subscription.updated', subscription, before);
}

/** The first phase begins: the schedule creates its subscription. */
export function startSchedule(emu: Emulator, schedule: Stripe.SubscriptionSchedule): void {
  const first = schedule.phases[0]!;
  const customer = mustGet(emu, 'customer', idOf(schedule.customer)!, 'customer');
  // Without a payment method to charge, the first invoice waits for one (the subscription starts incomplete).
  const canPay = Boolean(idOf(customer.invoice_settings.default_payment_method) ?? idOf(customer.default_source));
  const subscription = createSubscription(emu, { customer, items: itemsOf(emu, first), metadata: first.metadata ?? {}, paymentBehavior: canPay ? 'allow_incomplete' : 'default_incomplete' });
  const before = snapshot(schedule);
  schedule.status = 'active';
  schedule.subscription = subscription.id;
  schedule.current_phase = { start_date: first.start_date, end_date: first.end_date };
  linkSubscription(emu, subscription, schedule.id);
  emu.events.emitUpdate('subscription_schedule.updated', schedule, before);
}

/** The current phase ends: the next one's items take over, or the schedule ends per `end_behavior`. */
export function advanceSchedule(emu: Emulator, schedule: Stripe.SubscriptionSchedule): void {
  const subscription = schedule.subscription ? emu.store.get('subscription', idOf(schedule.subscription)!) : undefined;
  const ended = schedule.current_phase!.end_date;
  const next = schedule.phases.find((p) => p.start_date >= ended);
  const before = snapshot(schedule);
  if (next && subscription) {
    // The next phase's items replace the current ones in order: same slot, new price and quantity.
    const nextItems = itemsOf(emu, next);
    const current = subscription.items.data;
    const changes = [
      ...nextItems.map((item, i) => ({ id: current[i]?.id, price: item.price, quantity: item.quantity, metadata: item.metadata })),
      ...current.slice(nextItems.length).map((item) => ({ id: item.id, deleted: true })),
    ];
    changeItems(emu, subscription, changes, 'none');
    schedule.current_phase = { start_date: next.start_date, end_date: next.end_date };
    emu.events.emitUpdate('subscription_schedule.updated', schedule, before);
    return;
  }
  schedule.status = 'completed';
  schedule.completed_at = ended;
  schedule.current_phase = null;
  if (subscription && schedule.end_behavior === 'cancel') cancelSubscriptionNow(emu, subscription, {});
  else if (subscription) {
    schedule.released_subscription = subscription.id;
    linkSubscription(emu, subscription, null);
  }
  emu.events.emit('subscription_schedule.completed', schedule);
}

/** Stripe's notice before a schedule ends: "Occurs 7 days before a subscription schedule will expire." */
export const SCHEDULE_EXPIRING_NOTICE = 7 * 24 * 60 * 60;

/**
 * When `subscription_schedule.expiring` is due: 7 days before the end of the schedule's last phase
 * (whatever its end_behavior, since the schedule itself ends then), once, and only if the schedule
 * existed 7 days before its end.
 */
export function scheduleExpiringAt(emu: Emulator, schedule: Stripe.SubscriptionSchedule): number | undefined {
  if (schedule.status !== 'active' && schedule.status !== 'not_started') return undefined;
  if (emu.store.extras(schedule.id).scheduleExpiringSent) return undefined;
  const end = Math.max(...schedule.phases.map((p) => p.end_date));
  const at = end - SCHEDULE_EXPIRING_NOTICE;
  return at > schedule.created ? at : undefined;
}

export function announceScheduleExpiring(emu: Emulator, schedule: Stripe.SubscriptionSchedule): void {
  emu.store.extras(schedule.id).scheduleExpiringSent = true;
  emu.events.emit('subscription_schedule.expiring', schedule);
}

/**
 * The schedule's subscription was canceled for delinquency (the dunning settings cancel it after
 * the last failed retry): the schedule is canceled with it, which Stripe announces as
 * `subscription_schedule.aborted` ("canceled due to delinquency").
 */
export function abortScheduleOf(emu: Emulator, subscription: Stripe.Subscription): void {
  const scheduleId = idOf(subscription.schedule);
  const schedule = scheduleId ? emu.store.get('subscription_schedule', scheduleId) : undefined;
  if (!schedule || (schedule.status !== 'active' && schedule.status !== 'not_started')) return;
  schedule.status = 'canceled';
  schedule.canceled_at = nowForCustomer(emu, idOf(schedule.customer));
  schedule.current_phase = null;
  emu.events.emit('subscription_schedule.aborted', schedule);
}

/** When the schedule next acts on its own: its start, or the end of its current phase. */
export function nextScheduleTime(schedule: Stripe.SubscriptionSchedule): number | undefined {
  if (schedule.status === 'not_started') return schedule.phases[0]!.start_date;
  if (schedule.status === 'active') return schedule.current_phase?.end_date;
  return undefined;
}

export function updateSubscriptionSchedule(emu: Emulator, schedule: Stripe.SubscriptionSchedule, params: Params): Stripe.SubscriptionSchedule {
  params.only('metadata', 'end_behavior', 'phases', 'default_settings', 'proration_behavior');
  assertEditable(schedule);
  const before = snapshot(schedule);
  const endBehavior = params.oneOf('end_behavior', END_BEHAVIORS);
  if (endBehavior) schedule.end_behavior = endBehavior;
  const phaseParams = params.objList('phases');
  if (phaseParams.length) {
    if (schedule.status === 'active') updateStartedPhases(emu, schedule, phaseParams, params.oneOf('proration_behavior', PRORATION_BEHAVIORS) ?? 'create_prorations');
    else schedule.phases = phasesFrom(emu, phaseParams, schedule.phases[0]!.start_date);
  }
  schedule.metadata = params.metadata(schedule.metadata ?? {});
  emu.events.emitUpdate('subscription_schedule.updated', schedule, before);
  return schedule;
}

const PRORATION_BEHAVIORS = ['create_prorations', 'none', 'always_invoice'] as const;

/**
 * New phases for a started schedule, as Stripe takes them: the list starts with the current phase
 * (its `start_date` unchanged; past phases may be left out), and when the current phase's items
 * change, the subscription changes now with `proration_behavior`.
 */
function updateStartedPhases(emu: Emulator, schedule: Stripe.SubscriptionSchedule, list: Params[], behavior: (typeof PRORATION_BEHAVIORS)[number]): void {
  const currentStart = schedule.current_phase!.start_date;
  if (list[0]!.str('start_date') === undefined) {
    throw invalidRequest('You must specify the start_date of the current phase (phases[0][start_date]) when updating the phases of a schedule that has started.', 'phases[0][start_date]', 'parameter_missing');
  }
  const phases = phasesFrom(emu, list, currentStart);
  const current = phases[0]!;
  const past = schedule.phases.filter((p) => p.end_date <= currentStart);
  schedule.phases = [...past, ...phases];
  schedule.current_phase = { start_date: current.start_date, end_date: current.end_date };
  const subscription = schedule.subscription ? emu.store.get('subscription', idOf(schedule.subscription)!) : undefined;
  if (!subscription) return;
  const items = itemsOf(emu, current);
  const existing = subscription.items.data;
  const same = items.length === existing.length && items.every((item, i) => existing[i]!.price.id === item.price.id && (existing[i]!.quantity ?? 1) === item.quantity);
  if (same) return;
  changeItems(
    emu,
    subscription,
    [...items.map((item, i) => ({ id: existing[i]?.id, price: item.price, quantity: item.quantity, metadata: item.metadata })), ...existing.slice(items.length).map((item) => ({ id: item.id, deleted: true }))],
    behavior,
  );
}

/** Cancels the schedule and, if it started, its subscription (now). */
export function cancelSubscriptionSchedule(emu: Emulator, schedule: Stripe.SubscriptionSchedule, params: Params): Stripe.SubscriptionSchedule {
  params.only('invoice_now', 'prorate');
  assertEditable(schedule);
  const subscription = schedule.subscription ? emu.store.get('subscription', idOf(schedule.subscription)!) : undefined;
  if (subscription && subscription.status !== 'canceled') cancelSubscriptionNow(emu, subscription, {});
  schedule.status = 'canceled';
  schedule.canceled_at = nowForCustomer(emu, idOf(schedule.customer));
  schedule.current_phase = null;
  emu.events.emit('subscription_schedule.canceled', schedule);
  return schedule;
}

/** Lets go of the subscription, which carries on as it is. */
export function releaseSubscriptionSchedule(emu: Emulator, schedule: Stripe.SubscriptionSchedule, params: Params): Stripe.SubscriptionSchedule {
  params.only('preserve_cancel_date');
  assertEditable(schedule);
  const subscription = schedule.subscription ? emu.store.get('subscription', idOf(schedule.subscription)!) : undefined;
  schedule.status = 'released';
  schedule.released_at = nowForCustomer(emu, idOf(schedule.customer));
  schedule.released_subscription = subscription?.id ?? null;
  schedule.subscription = null;
  schedule.current_phase = null;
  if (subscription) linkSubscription(emu, subscription, null);
  emu.events.emit('subscription_schedule.released', schedule);
  return schedule;
}

function assertEditable(schedule: Stripe.SubscriptionSchedule): void {
  if (schedule.status !== 'not_started' && schedule.status !== 'active') {
    throw invalidRequest(`You cannot modify a subscription schedule whose status is ${schedule.status}.`, undefined, 'status_transition_invalid');
  }
}
