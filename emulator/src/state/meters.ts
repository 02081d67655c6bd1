// Billing Meters: what usage is counted (meters), the usage itself (meter events, canceled by
// adjustments), and its aggregation over a period (sum, count or last) for event summaries and
// for the usage lines of metered prices on renewal invoices.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import type { Params } from '../protocol/params.js';
import { invalidRequest, parameterMissing } from '../protocol/errors.js';
import { newId, randomToken } from '../ids.js';
import { snapshot } from '../events.js';
import { nowForCustomer } from './lookup.js';

const FORMULAS = ['sum', 'count', 'last'] as const;
const WINDOWS = ['day', 'hour'] as const;
/** Stripe accepts events up to 35 calendar days old and up to 5 minutes ahead. */
export const MAX_EVENT_AGE = 35 * 86_400;
export const MAX_EVENT_LEAD = 5 * 60;
/** Stripe enforces identifier uniqueness within a rolling 24 hours. */
export const IDENTIFIER_WINDOW = 86_400;

export function createMeter(emu: Emulator, params: Params): Stripe.Billing.Meter {
  params.only('default_aggregation', 'display_name', 'event_name', 'customer_mapping', 'event_time_window', 'value_settings');
  const formula = params.obj('default_aggregation')?.only('formula').oneOf('formula', FORMULAS);
  if (!formula) throw parameterMissing('default_aggregation[formula]');
  const displayName = params.requiredStr('display_name');
  const eventName = params.requiredStr('event_name');
  if (eventName.length > 100) throw invalidRequest('Invalid event_name: must be at most 100 characters', 'event_name');
  if (emu.store.list('billing.meter').some((m) => m.event_name === eventName && m.status === 'active')) {
    throw invalidRequest(`An active meter with event_name \`${eventName}\` already exists.`, 'event_name');
  }
  const mapping = params.obj('customer_mapping')?.only('event_payload_key', 'type');
  if (mapping) mapping.requiredStr('event_payload_key');
  const valueSettings = params.obj('value_settings')?.only('event_payload_key');
  const now = emu.clock.now();
  const meter = emu.store.insert({
    id: newId('mtr'),
    object: 'billing.meter',
    created: now,
    customer_mapping: { event_payload_key: mapping?.str('event_payload_key') ?? 'stripe_customer_id', type: mapping?.oneOf('type', ['by_id'] as const) ?? 'by_id' },
    default_aggregation: { formula },
    display_name: displayName,
    event_name: eventName,
    event_time_window: params.oneOf('event_time_window', WINDOWS) ?? null,
    livemode: false,
    status: 'active',
    status_transitions: { deactivated_at: null },
    updated: now,
    value_settings: { event_payload_key: valueSettings?.requiredStr('event_payload_key') ?? 'value' },
  });
  emu.events.emit('billing.meter.created', meter);
  return meter;
}

/** Only the display name of a meter can change. */
export function updateMeter(emu: Emulator, meter: Stripe.Billing.Meter, params: Params): Stripe.Billing.Meter {
  params.only('display_name');
  const displayName = params.str('display_name');
  if (displayName === undefined || displayName === meter.display_name) return meter;
  const before = snapshot(meter);
  meter.display_name = displayName;
  meter.updated = emu.clock.now();
  emu.events.emitUpdate('billing.meter.updated', meter, before);
  return meter;
}

export function setMeterActive(emu: Emulator, meter: Stripe.Billing.Meter, active: boolean): Stripe.Billing.Meter {
  if ((meter.status === 'active') === active) {
    throw invalidRequest(`This meter is already ${active ? 'active' : 'inactive'}.`, undefined);
  }
  meter.status = active ? 'active' : 'inactive';
  meter.status_transitions.deactivated_at = active ? null : emu.clock.now();
  meter.updated = emu.clock.now();
  emu.events.emit(active ? 'billing.meter.reactivated' : 'billing.meter.deactivated', meter);
  return meter;
}

/** The active meter counting `eventName`, if any. */
function meterFor(emu: Emulator, eventName: string): Stripe.Billing.Meter | undefined {
  return emu.store.list('billing.meter').find((m) => m.event_name === eventName && m.status === 'active');
}

/**
 * POST /v1/billing/meter_events. A repeated `identifier` within 24 hours is accepted and not counted
 * again (Stripe deduplicates it); the first event is what stays.
 */
export function recordMeterEvent(emu: Emulator, params: Params): Stripe.Billing.MeterEvent {
  params.only('event_name', 'payload', 'identifier', 'timestamp');
  const eventName = params.requiredStr('event_name');
  const payloadParams = params.obj('payload');
  if (!payloadParams) throw parameterMissing('payload');
  const payload: Record<string, string> = {};
  for (const key of Object.keys(payloadParams.raw)) payload[key] = payloadParams.requiredStr(key);
  const identifier = params.str('identifier') ?? randomToken(24);
  if (identifier.length > 100) throw invalidRequest('Invalid identifier: must be at most 100 characters', 'identifier');
  const meter = meterFor(emu, eventName);
  const customerId = meter ? payload[meter.customer_mapping.event_payload_key] : payload.stripe_customer_id;
  const now = nowForCustomer(emu, customerId);
  const timestamp = params.int('timestamp') ?? now;
  if (timestamp < now - MAX_EVENT_AGE) {
    throw invalidRequest('Timestamp must be within the past 35 calendar days.', 'timestamp', 'timestamp_too_far_in_past');
  }
  if (timestamp > now + MAX_EVENT_LEAD) {
    throw invalidRequest('Timestamp must not be more than 5 minutes in the future.', 'timestamp', 'timestamp_in_future');
  }
  if (meter) {
    const customerKey = meter.customer_mapping.event_payload_key;
    if (!payload[customerKey]) throw parameterMissing(`payload[${customerKey}]`);
    const valueKey = meter.value_settings.event_payload_key;
    if (meter.default_aggregation.formula !== 'count') {
      if (payload[valueKey] === undefined) throw parameterMissing(`payload[${valueKey}]`);
      if (!/^-?\d+(\.\d+)?$/.test(payload[valueKey])) throw invalidRequest(`Invalid payload[${valueKey}]: must be a number`, `payload[${valueKey}]`);
    }
  }
  const existing = emu.store.meterEvents.get(identifier);
  if (existing && existing.event.created > emu.clock.now() - IDENTIFIER_WINDOW) return existing.event;
  const event: Stripe.Billing.MeterEvent = { object: 'billing.meter_event', created: emu.clock.now(), event_name: eventName, identifier, livemode: false, payload, timestamp };
  if (existing) emu.store.meterEvents.delete(identifier);
  emu.store.meterEvents.set(identifier, { event, canceled: false });
  return event;
}

/** POST /v1/billing/meter_event_adjustments: cancels one event by identifier. */
export function adjustMeterEvents(emu: Emulator, params: Params): Stripe.Billing.MeterEventAdjustment {
  params.only('event_name', 'type', 'cancel');
  const eventName = params.requiredStr('event_name');
  const type = params.oneOf('type', ['cancel'] as const);
  if (!type) throw parameterMissing('type');
  const identifier = params.obj('cancel')?.only('identifier').str('identifier');
  if (!identifier) throw parameterMissing('cancel[identifier]');
  const stored = emu.store.meterEvents.get(identifier);
  if (!stored || stored.event.event_name !== eventName) {
    throw invalidRequest(`No meter event with identifier \`${identifier}\` for event_name \`${eventName}\`.`, 'cancel[identifier]');
  }
  if (stored.event.created < emu.clock.now() - IDENTIFIER_WINDOW) {
    throw invalidRequest('Meter events can only be canceled within 24 hours of being sent.', 'cancel[identifier]');
  }
  stored.canceled = true;
  return { object: 'billing.meter_event_adjustment', cancel: { identifier }, event_name: eventName, livemode: false, status: 'complete', type: 'cancel' };
}

/** The meter's aggregated value for `customerId` over [start, end): sum, count or last value. */
export function aggregateUsage(emu: Emulator, meter: Stripe.Billing.Meter, customerId: string, start: number, end: number): number {
  const customerKey = meter.customer_mapping.event_payload_key;
  const valueKey = meter.value_settings.event_payload_key;
  let sum = 0;
  let count = 0;
  let last: { timestamp: number; value: number } | undefined;
  for (const { event, canceled } of emu.store.meterEvents.values()) {
    if (canceled || event.event_name !== meter.event_name || event.payload[customerKey] !== customerId) continue;
    if (event.timestamp < start || event.timestamp >= end) continue;
    const value = Number(event.payload[valueKey] ?? 0);
    count++;
    sum += value;
    if (!last || event.timestamp >= last.timestamp) last = { timestamp: event.timestamp, value };
  }
  switch (meter.default_aggregation.formula) {
    case 'count':
      return count;
    case 'last':
      return last?.value ?? 0;
    default:
      return sum;
  }
}

const WINDOW_SECONDS = { day: 86_400, hour: 3_600 } as const;

/** GET /v1/billing/meters/:id/event_summaries: one summary for the range, or one per hour/day. */
export function eventSummaries(emu: Emulator, meter: Stripe.Billing.Meter, params: Params): Stripe.Billing.MeterEventSummary[] {
  const customer = params.requiredStr('customer');
  const start = params.requiredInt('start_time');
  const end = params.requiredInt('end_time');
  const window = params.oneOf('value_grouping_window', WINDOWS);
  if (end <= start) throw invalidRequest('end_time must be after start_time.', 'end_time');
  const step = window ? WINDOW_SECONDS[window] : end - start;
  if (window && (start % step !== 0 || end % step !== 0)) {
    throw invalidRequest(`start_time and end_time must be aligned to ${window} boundaries when value_grouping_window is ${window}.`, 'start_time');
  }
  const summaries: Stripe.Billing.MeterEventSummary[] = [];
  for (let from = start; from < end; from += step) {
    const to = Math.min(end, from + step);
    summaries.push({ id: `mtrusg_${meter.id.slice(4)}_${from}`, object: 'billing.meter_event_summary', aggregated_value: aggregateUsage(emu, meter, customer, from, to), end_time: to, livemode: false, meter: meter.id, start_time: from });
  }
  return summaries;
}
