// Works the inbox: claims due events (safe with several app instances) under a short lease kept
// alive by a heartbeat (a killed instance's claims lapse within `claimMs`), groups them by the
// object they are about, and for each object settles all its events at once — the newest snapshot
// applied when provably newer, one fetch at most otherwise (run.ts) — then writes the mirror rows
// and the events' "processed" marks in one transaction. Failures are recorded and retried with
// exponential backoff; after `maxAttempts` an event is `failed`, visible to admins and retryable
// with `retryEvent`.
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { column, getDb, rows, type Database } from '@/lib/db/client';
import { stripeEvents } from '@/lib/db/schema/billing';
import { stripe as defaultStripe, type Stripe } from '@/lib/stripe/client';
import { inBackground } from '@/lib/stripe/budget';
import { eventHandlers, handlerFor, type EventHandlers } from './handlers';
import { SyncRun } from './run';
import { logError } from '@/lib/log-error';
import { concurrencyLimit, forEachConcurrently } from '@/lib/concurrency';

export interface ProcessOptions {
  db?: Database;
  stripe?: Stripe;
  handlers?: EventHandlers;
  /** Most events claimed per round. */
  batchSize?: number;
  /** Events worked on at once (their API fetches overlap; their transactions are short). */
  concurrency?: number;
  /** Of those, how many write (hold a database connection for a transaction) at once. */
  writers?: number;
  maxAttempts?: number;
  /** Delay before attempt `attempt + 1`, after `attempt` failures. */
  retryDelayMs?: (attempt: number) => number;
  /**
   * How long a claim holds before another worker may take the event over (a crashed worker's claim
   * expires); a live worker renews its claims every third of it.
   */
  claimMs?: number;
}

export interface ProcessResult {
  processed: number;
  ignored: number;
  retrying: number;
  failed: number;
}

export const DEFAULT_MAX_ATTEMPTS = 8;
/**
 * Events claimed per round: a large batch coalesces more events per object, and lets more parents
 * be found in the same batch (waited for) instead of fetched.
 */
export const DEFAULT_BATCH_SIZE = 250;
export const DEFAULT_CONCURRENCY = 16;
/**
 * Of those, how many may hold a database connection for their write at once: the rest of the pool
 * stays free for what a person waits on (webhook intake, pages), however deep the inbox.
 */
export const DEFAULT_WRITERS = 4;
/** A killed instance's events are taken over within this long. */
export const DEFAULT_CLAIM_MS = 10_000;
export const defaultRetryDelayMs = (attempt: number) => Math.min(5_000 * 2 ** (attempt - 1), 60 * 60_000);

const claimedEvent = z.object({
  id: column.text,
  type: column.text,
  object_id: column.text.nullable(),
  payload: z.custom<Stripe.Event>((value) => typeof value === 'object' && value !== null, 'event payload is not an object'),
  attempts: column.integer,
});
type ClaimedEvent = z.output<typeof claimedEvent>;

/** Processes due events until none are left (events that fail are rescheduled, not retried in this call). */
export function processPendingEvents(options: ProcessOptions = {}): Promise<ProcessResult> {
  // Webhook processing is background work: customers' own requests go first in the Stripe budget.
  return inBackground(() => processAll(options));
}

async function processAll(options: ProcessOptions): Promise<ProcessResult> {
  const db = options.db ?? (await getDb());
  const result: ProcessResult = { processed: 0, ignored: 0, retrying: 0, failed: 0 };
  const claimMs = options.claimMs ?? DEFAULT_CLAIM_MS;
  const writing = concurrencyLimit(options.writers ?? DEFAULT_WRITERS);
  for (;;) {
    const claimed = await claimEvents(db, options.batchSize ?? DEFAULT_BATCH_SIZE, claimMs);
    if (claimed.length === 0) return result;
    const heartbeat = keepClaimed(db, new Set(claimed.map((event) => event.id)), claimMs);
    try {
      // All the events about one object are settled together (one fetch at most), and different
      // objects side by side. An object whose parent (its customer, its payment…) is being settled
      // in the same batch waits for that parent's commit and finds it mirrored instead of fetching
      // it; nothing else waits, so one slow fetch holds up only what depends on it.
      const byObject = new Map<string, ClaimedEvent[]>();
      for (const event of claimed) byObject.set(event.object_id ?? event.id, [...(byObject.get(event.object_id ?? event.id) ?? []), event]);
      const groups = [...byObject.entries()]
        .map(([objectId, events]) => ({ objectId, events, depth: parentDepth(events[0]!.type), ...settledSignal() }))
        .sort((a, b) => a.depth - b.depth);
      const byId = new Map(groups.map((group) => [group.objectId, group]));
      // Parents first in the queue, and only shallower objects are waited for: a wait is always on
      // work already started, so no group can wait on one stuck behind it.
      await forEachConcurrently(groups, options.concurrency ?? DEFAULT_CONCURRENCY, async (group) => {
        try {
          const parentInBatch = (id: string) => {
            const parent = byId.get(id);
            return parent && parent.depth < group.depth ? parent.settled : undefined;
          };
          const outcome = await processObject(db, group.events, { ...options, writing }, parentInBatch);
          for (const id of outcome.keys()) heartbeat.done(id);
          for (const status of outcome.values()) result[status]++;
        } finally {
          group.markSettled();
        }
      });
    } finally {
      heartbeat.stop();
    }
  }
}

/** How far down the parent chain an event's object is: customers, products and prices first, then what refers to them. */
function parentDepth(type: string): number {
  const order: [string, number][] = [
    ['customer.subscription.', 1],
    ['invoice.', 2],
    ['payment_intent.', 3],
    ['charge.dispute.', 5],
    ['charge.refund.', 5],
    ['charge.', 4],
    ['invoice_payment.', 5],
    ['refund.', 5],
    ['checkout.session.', 6],
    ['credit_note.', 6],
  ];
  return order.find(([prefix]) => type.startsWith(prefix))?.[1] ?? 0;
}

/** A promise that resolves once `markSettled` is called (whether the object was written or failed). */
function settledSignal(): { settled: Promise<void>; markSettled: () => void } {
  let markSettled!: () => void;
  const settled = new Promise<void>((resolve) => (markSettled = resolve));
  return { settled, markSettled };
}

/** Renews the claim on events still in hand every third of the lease, until stopped. */
function keepClaimed(db: Database, inHand: Set<string>, claimMs: number): { done: (id: string) => void; stop: () => void } {
  const timer = setInterval(() => {
    const ids = [...inHand];
    if (ids.length === 0) return;
    db.update(stripeEvents)
      .set({ lockedUntil: sql`now() + ${`${claimMs} milliseconds`}::interval` })
      .where(and(inArray(stripeEvents.id, ids), eq(stripeEvents.status, 'pending'), isNotNull(stripeEvents.lockedUntil)))
      .catch((error: unknown) => logError('stripe-events', 'renewing claims', error));
  }, Math.max(claimMs / 3, 100));
  timer.unref();
  return { done: (id) => inHand.delete(id), stop: () => clearInterval(timer) };
}

async function claimEvents(db: Database, limit: number, claimMs: number): Promise<ClaimedEvent[]> {
  const claimed = await rows(
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
      returning id, type, object_id, payload, attempts`,
    claimedEvent,
  );
  // RETURNING does not keep the subquery's order.
  return claimed.sort((a, b) => a.payload.created - b.payload.created);
}

/**
 * Works every claimed event about one object (oldest first) in one run: the handlers observe
 * snapshots or ask for fetches, the run settles them, and one transaction writes the rows and marks
 * the events processed. If any of it fails, every event of the object is retried.
 */
async function processObject(
  db: Database,
  events: ClaimedEvent[],
  options: ProcessOptions & { writing: <T>(work: () => Promise<T>) => Promise<T> },
  parentInBatch: (id: string) => Promise<void> | undefined,
): Promise<Map<string, keyof ProcessResult>> {
  const outcome = new Map<string, keyof ProcessResult>();
  const handled = events.map((event) => ({ event, handler: handlerFor(options.handlers ?? eventHandlers, event.type) }));
  const ignored = handled.filter((h) => !h.handler).map((h) => h.event.id);
  if (ignored.length > 0) {
    await db
      .update(stripeEvents)
      .set({ status: 'ignored', processedAt: sql`now()`, lockedUntil: null })
      .where(inArray(stripeEvents.id, ignored));
    for (const id of ignored) outcome.set(id, 'ignored');
  }
  const work = handled.filter((h) => h.handler);
  if (work.length === 0) return outcome;
  const ids = work.map((h) => h.event.id);
  try {
    const floor = Math.max(...work.map((h) => h.event.payload.created));
    const run = new SyncRun(options.stripe ?? defaultStripe(), db, undefined, floor, parentInBatch);
    for (const { event, handler } of work) await handler!(event.payload, run);
    await run.settle();
    await options.writing(() =>
      db.transaction(async (tx) => {
        await run.write(tx);
        await tx
          .update(stripeEvents)
          .set({ status: 'processed', processedAt: sql`now()`, lockedUntil: null, lastError: null })
          .where(inArray(stripeEvents.id, ids));
      }),
    );
    for (const id of ids) outcome.set(id, 'processed');
  } catch (error) {
    // A failed query wraps the driver's error: its message is the useful one (not the SQL text).
    const root = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const message = root instanceof Error ? root.message : String(root);
    for (const { event } of work) outcome.set(event.id, await recordFailure(db, event, message, options));
  }
  return outcome;
}

async function recordFailure(db: Database, event: ClaimedEvent, message: string, options: ProcessOptions): Promise<keyof ProcessResult> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const givingUp = event.attempts >= maxAttempts;
  const delay = (options.retryDelayMs ?? defaultRetryDelayMs)(event.attempts);
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
