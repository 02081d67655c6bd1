// Works the inbox: claims due events (safe with several app instances), re-fetches what each one
// names, and writes the mirror rows and the event's "processed" mark in one transaction. Failures
// are recorded and retried with exponential backoff; after `maxAttempts` the event is `failed`,
// visible to admins and retryable with `retryEvent`.
import { eq, sql } from 'drizzle-orm';
import { getDb, rows, type Database } from '@/lib/db/client';
import { stripeEvents } from '@/lib/db/schema/billing';
import { stripe as defaultStripe, type Stripe } from '@/lib/stripe/client';
import { eventHandlers, handlerFor, type EventHandlers } from './handlers';
import { SyncRun } from './run';

export interface ProcessOptions {
  db?: Database;
  stripe?: Stripe;
  handlers?: EventHandlers;
  /** Most events claimed per round. */
  batchSize?: number;
  /** Events worked on at once (their API fetches overlap; their transactions are short). */
  concurrency?: number;
  maxAttempts?: number;
  /** Delay before attempt `attempt + 1`, after `attempt` failures. */
  retryDelayMs?: (attempt: number) => number;
  /** How long a claim holds before another worker may take the event over (a crashed worker's claim expires). */
  claimMs?: number;
}

export interface ProcessResult {
  processed: number;
  ignored: number;
  retrying: number;
  failed: number;
}

export const DEFAULT_MAX_ATTEMPTS = 8;
export const defaultRetryDelayMs = (attempt: number) => Math.min(5_000 * 2 ** (attempt - 1), 60 * 60_000);

interface ClaimedEvent {
  id: string;
  type: string;
  object_id: string | null;
  payload: Stripe.Event;
  attempts: number;
}

/** Processes due events until none are left (events that fail are rescheduled, not retried in this call). */
export async function processPendingEvents(options: ProcessOptions = {}): Promise<ProcessResult> {
  const db = options.db ?? (await getDb());
  const result: ProcessResult = { processed: 0, ignored: 0, retrying: 0, failed: 0 };
  for (;;) {
    const claimed = await claimEvents(db, options.batchSize ?? 50, options.claimMs ?? 120_000);
    if (claimed.length === 0) return result;
    // Events about the same object run one after another (oldest first), so they do not race each
    // other's fetches; different objects run side by side.
    const byObject = new Map<string, ClaimedEvent[]>();
    for (const event of claimed) byObject.set(event.object_id ?? event.id, [...(byObject.get(event.object_id ?? event.id) ?? []), event]);
    await forEachConcurrently([...byObject.values()], options.concurrency ?? 4, async (events) => {
      for (const event of events) result[await processEvent(db, event, options)]++;
    });
  }
}

async function claimEvents(db: Database, limit: number, claimMs: number): Promise<ClaimedEvent[]> {
  const claimed = await rows<ClaimedEvent>(
    db,
    sql`
      update stripe_events
      set locked_until = now() + ${`${claimMs} milliseconds`}::interval, attempts = attempts + 1
      where id in (
        select id from stripe_events
        where status = 'pending' and next_attempt_at <= now() and (locked_until is null or locked_until < now())
        order by created, received_at
        limit ${limit}
        for update skip locked)
      returning id, type, object_id, payload, attempts, created`,
  );
  // RETURNING does not keep the subquery's order.
  return claimed
    .map((event) => ({ ...event, payload: (typeof event.payload === 'string' ? JSON.parse(event.payload) : event.payload) as Stripe.Event }))
    .sort((a, b) => a.payload.created - b.payload.created);
}

async function processEvent(db: Database, event: ClaimedEvent, options: ProcessOptions): Promise<keyof ProcessResult> {
  const handler = handlerFor(options.handlers ?? eventHandlers, event.type);
  if (!handler) {
    await db
      .update(stripeEvents)
      .set({ status: 'ignored', processedAt: sql`now()`, lockedUntil: null })
      .where(eq(stripeEvents.id, event.id));
    return 'ignored';
  }
  try {
    const run = new SyncRun(options.stripe ?? defaultStripe(), db);
    await handler(event.payload, run);
    await db.transaction(async (tx) => {
      await run.write(tx);
      await tx
        .update(stripeEvents)
        .set({ status: 'processed', processedAt: sql`now()`, lockedUntil: null, lastError: null })
        .where(eq(stripeEvents.id, event.id));
    });
    return 'processed';
  } catch (error) {
    const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const givingUp = event.attempts >= maxAttempts;
    const delay = (options.retryDelayMs ?? defaultRetryDelayMs)(event.attempts);
    // A failed query wraps the driver's error: its message is the useful one (not the SQL text).
    const root = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const message = root instanceof Error ? root.message : String(root);
    console.error(`[stripe-events] ${event.type} ${event.id} attempt ${event.attempts} failed${givingUp ? ' (giving up)' : ''}:`, message);
    await db
      .update(stripeEvents)
      .set({
        status: givingUp ? 'failed' : 'pending',
        lastError: message.slice(0, 2000),
        nextAttemptAt: sql`now() + ${`${delay} milliseconds`}::interval`,
        lockedUntil: null,
      })
      .where(eq(stripeEvents.id, event.id));
    return givingUp ? 'failed' : 'retrying';
  }
}

/** Puts a failed (or pending) event back in line now, with a fresh set of attempts. */
export async function retryEvent(id: string, options: { db?: Database } = {}): Promise<boolean> {
  const db = options.db ?? (await getDb());
  const updated = await db
    .update(stripeEvents)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: sql`now()`, lockedUntil: null })
    .where(sql`${stripeEvents.id} = ${id} and ${stripeEvents.status} in ('failed', 'pending')`)
    .returning({ id: stripeEvents.id });
  return updated.length > 0;
}

async function forEachConcurrently<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(workers);
}
