// The shape of an event handler module: which event types it answers, and what it re-fetches.
import type { Stripe } from '@/lib/stripe/client';
import type { SyncRun } from '../run';

export type EventHandler = (event: Stripe.Event, run: SyncRun) => Promise<void>;
export type EventHandlers = Partial<Record<Stripe.Event.Type | (string & {}), EventHandler>>;

/** Registers one handler for several event types, typed by the events' payloads. */
export function on<T extends Stripe.Event.Type>(
  types: readonly T[],
  handle: (event: Extract<Stripe.Event, { type: T }>, run: SyncRun) => Promise<void>,
): Record<T, EventHandler> {
  return Object.fromEntries(types.map((type) => [type, handle as EventHandler])) as Record<T, EventHandler>;
}

/** The handler registered for an event type; only the map's own entries count (`__proto__` is not a handler). */
export function handlerFor(handlers: EventHandlers, type: string): EventHandler | undefined {
  return Object.hasOwn(handlers, type) ? handlers[type] : undefined;
}
