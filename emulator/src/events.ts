// The event bus: every state change becomes a Stripe Event, stored for /v1/events and handed to
// the webhook dispatcher.
import type Stripe from 'stripe';
import type { Emulator } from './emulator.js';
import { newId } from './ids.js';
import { API_VERSION } from './protocol/version.js';

type Listener = (event: Stripe.Event) => void;

export class EventBus {
  private readonly listeners: Listener[] = [];

  constructor(private readonly emu: Emulator) {}

  subscribe(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** Records `type` with a snapshot of `object` as it is now. */
  emit(type: Stripe.Event.Type, object: { object: string }, previousAttributes?: Record<string, unknown>): Stripe.Event {
    const emu = this.emu;
    const data: { object: unknown; previous_attributes?: Record<string, unknown> } = { object: snapshot(object) };
    if (previousAttributes) data.previous_attributes = previousAttributes;
    // The envelope is generic; Stripe.Event is a union keyed by `type`, which this one place asserts.
    const event = {
      id: newId('evt'),
      object: 'event',
      api_version: API_VERSION,
      created: emu.clock.now(),
      data,
      livemode: false,
      pending_webhooks: emu.webhooks.endpointsFor(type).length,
      request: emu.request ? { ...emu.request } : { id: null, idempotency_key: null },
      type,
    } as Stripe.Event;
    emu.store.insert(event);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  /** Applies `change` to `object`, then emits `type` as `emitUpdate` does; returns the object. */
  update<T extends { id: string; object: string }>(type: Stripe.Event.Type, object: T, change: (object: T) => void): T {
    const before = snapshot(object);
    change(object);
    this.emitUpdate(type, object, before);
    return object;
  }

  /** Emits an `*.updated` event if `object` differs from `before`, with Stripe's previous_attributes. */
  emitUpdate<T extends { id: string; object: string }>(type: Stripe.Event.Type, object: T, before: T): Stripe.Event | undefined {
    const previous = diff(before, object);
    if (!previous) return undefined;
    return this.emit(type, object, previous);
  }
}

/** A deep copy of a JSON-shaped object (cheaper than structuredClone for these). */
export function snapshot<T>(object: T): T {
  return JSON.parse(JSON.stringify(object)) as T;
}

/** The previous values of every changed field, nested objects narrowed to their changed keys. */
function diff(before: unknown, after: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(before) || !isPlainObject(after)) return undefined;
  const changed: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const b = before[key];
    const a = after[key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    const nested = isPlainObject(a) && isPlainObject(b) && !('object' in b) ? diff(b, a) : undefined;
    changed[key] = nested ?? (b === undefined ? null : b);
  }
  return Object.keys(changed).length ? changed : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
