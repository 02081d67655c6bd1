// The webhook inbox: verified events are stored here before any work is done on them.
import { and, inArray, lt, sql } from 'drizzle-orm';
import type { Stripe } from '@/lib/stripe/client';
import type { Database } from '@/lib/db/client';
import { stripeEvents } from '@/lib/db/schema/billing';

/** The largest webhook body accepted: Stripe's events are a few kilobytes, expanded ones rarely over 100 KB. */
export const maxWebhookBodyBytes = 1024 * 1024;

export type EventSource = 'webhook' | 'reconcile';

/** Stores an event once; a duplicate delivery is a no-op. Returns whether the event was new. */
export async function storeEvent(db: Database, event: Stripe.Event, source: EventSource = 'webhook'): Promise<boolean> {
  const object = event.data?.object as { id?: string } | undefined;
  const inserted = await db
    .insert(stripeEvents)
    .values({
      id: event.id,
      type: event.type,
      apiVersion: event.api_version ?? null,
      created: new Date(event.created * 1000),
      livemode: event.livemode,
      objectId: typeof object?.id === 'string' ? object.id : null,
      payload: event as unknown as Record<string, unknown>,
      source,
      nextAttemptAt: sql`now()`,
      receivedAt: sql`now()`,
    })
    .onConflictDoNothing({ target: stripeEvents.id })
    .returning({ id: stripeEvents.id });
  return inserted.length > 0;
}

/**
 * Deletes processed and ignored events older than `days`; failed and pending ones stay until an
 * admin or the processor deals with them. A late redelivery of a pruned event is stored and worked
 * again, which changes nothing (processing is idempotent). Returns how many were deleted.
 */
export async function pruneInbox(db: Database, days: number): Promise<number> {
  const deleted = await db
    .delete(stripeEvents)
    .where(and(inArray(stripeEvents.status, ['processed', 'ignored']), lt(stripeEvents.processedAt, sql`now() - ${`${days} days`}::interval`)))
    .returning({ id: stripeEvents.id });
  return deleted.length;
}
