// Reconciliation: bring the mirror to Stripe's state through the same idempotent path as webhooks.
//  - full: list every mirrored resource (parents first) and write each page as fetched;
//  - incremental: replay /v1/events since the saved cursor into the inbox and work it.
// Safe while webhooks flow: every write is the guarded upsert of write.ts, and replayed events are
// deduplicated by id against those that came in by webhook.
import { eq, sql } from 'drizzle-orm';
import { getDb, type Database } from '@/lib/db/client';
import { stripeSyncState } from '@/lib/db/schema/billing';
import { stripe as defaultStripe, type Stripe } from '@/lib/stripe/client';
import { inBackground } from '@/lib/stripe/budget';
import { storeEvent } from './sync/inbox';
import { processPendingEvents, type ProcessResult } from './sync/processor';
import { SyncRun, type KnownIds } from './sync/run';
import type { ChangeCounts, Stamp } from './sync/write';

export type ReconcileMode = 'full' | 'incremental';

export interface ReconcileProgress {
  /** What is being listed, e.g. "invoices" or "events". */
  step: string;
  /** Objects handled so far in this step. */
  done: number;
}

export interface ReconcileOptions {
  mode: ReconcileMode;
  onProgress?: (progress: ReconcileProgress) => void;
  db?: Database;
  stripe?: Stripe;
  /** Objects per list request (Stripe allows up to 100). */
  pageSize?: number;
}

export interface ReconcileResult {
  /** What ran: an incremental request backfills in full when there is no replayable cursor. */
  mode: ReconcileMode;
  /** Objects listed from Stripe, per step. */
  listed: Record<string, number>;
  /** Mirror rows inserted or changed, per table. */
  changed: ChangeCounts;
  /** Incremental mode: events replayed into the inbox that had not arrived by webhook. */
  eventsReplayed: number;
  events: ProcessResult | null;
  durationMs: number;
}

interface EventCursor {
  id: string;
  created: number;
}

const CURSOR_KEY = 'events_cursor';
const MAX_PAGE_SIZE = 100;
const EVENT_RETENTION_MS = 29 * 24 * 3600_000;

export function reconcile(options: ReconcileOptions): Promise<ReconcileResult> {
  // Background work: customers' own requests go first in the Stripe budget.
  return inBackground(() => reconcileNow(options));
}

async function reconcileNow(options: ReconcileOptions): Promise<ReconcileResult> {
  const started = Date.now();
  const db = options.db ?? (await getDb());
  const client = options.stripe ?? defaultStripe();
  const result: ReconcileResult = { mode: options.mode, listed: {}, changed: {}, eventsReplayed: 0, events: null, durationMs: 0 };
  const cursor = await readCursor(db);

  // Stripe keeps events for 30 days: a cursor older than that cannot be replayed, so backfill instead.
  const replayable = cursor && cursor.created * 1000 > started - EVENT_RETENTION_MS;
  if (options.mode === 'full' || !replayable) {
    result.mode = 'full';
    // Mark the point the backfill starts from: later incremental runs replay everything after it.
    const [newest] = (await client.events.list({ limit: 1 })).data;
    await backfill(db, client, result, options);
    await saveCursor(db, newest ? { id: newest.id, created: newest.created } : { id: '', created: Math.floor(started / 1000) });
  } else {
    await replayEvents(db, client, cursor!, result, options);
  }
  result.events = await processPendingEvents({ db, stripe: client });
  result.durationMs = Date.now() - started;
  return result;
}

type Step = {
  name: string;
  list: (client: Stripe, page: Page) => Promise<Stripe.ApiList<{ id?: string }>>;
  adopt: (run: SyncRun, object: never, stamp: Stamp) => Promise<void>;
};
type Page = { limit: number; starting_after?: string };

/** Parents first, so each page finds what it references already mirrored. */
const steps: Step[] = [
  { name: 'customers', list: (c, page) => c.customers.list(page), adopt: (r, o: Stripe.Customer, stamp) => r.adoptCustomer(o, stamp) },
  { name: 'products', list: (c, page) => c.products.list(page), adopt: (r, o: Stripe.Product, stamp) => r.adoptProduct(o, stamp) },
  { name: 'prices', list: (c, page) => c.prices.list(page), adopt: (r, o: Stripe.Price, stamp) => r.adoptPrice(o, stamp) },
  {
    name: 'subscriptions',
    list: (c, page) => c.subscriptions.list({ ...page, status: 'all' }),
    adopt: (r, o: Stripe.Subscription, stamp) => r.adoptSubscription(o, stamp),
  },
  { name: 'invoices', list: (c, page) => c.invoices.list(page), adopt: (r, o: Stripe.Invoice, stamp) => r.adoptInvoice(o, stamp) },
  {
    name: 'payment intents',
    list: (c, page) => c.paymentIntents.list(page),
    adopt: (r, o: Stripe.PaymentIntent, stamp) => r.adoptPaymentIntent(o, stamp),
  },
  { name: 'charges', list: (c, page) => c.charges.list(page), adopt: (r, o: Stripe.Charge, stamp) => r.adoptCharge(o, stamp) },
  {
    name: 'invoice payments',
    list: (c, page) => c.invoicePayments.list(page),
    adopt: (r, o: Stripe.InvoicePayment, stamp) => r.adoptInvoicePayment(o, stamp),
  },
  { name: 'refunds', list: (c, page) => c.refunds.list(page), adopt: (r, o: Stripe.Refund, stamp) => r.adoptRefund(o, stamp) },
  { name: 'disputes', list: (c, page) => c.disputes.list(page), adopt: (r, o: Stripe.Dispute, stamp) => r.adoptDispute(o, stamp) },
  {
    name: 'checkout sessions',
    list: (c, page) => c.checkout.sessions.list({ ...page, expand: ['data.line_items'] }),
    adopt: (r, o: Stripe.Checkout.Session, stamp) => r.adoptCheckoutSession(o, stamp),
  },
  { name: 'coupons', list: (c, page) => c.coupons.list(page), adopt: (r, o: Stripe.Coupon, stamp) => r.adoptCoupon(o, stamp) },
  { name: 'promotion codes', list: (c, page) => c.promotionCodes.list(page), adopt: (r, o: Stripe.PromotionCode, stamp) => r.adoptPromotionCode(o, stamp) },
  {
    name: 'subscription schedules',
    list: (c, page) => c.subscriptionSchedules.list(page),
    adopt: (r, o: Stripe.SubscriptionSchedule, stamp) => r.adoptSubscriptionSchedule(o, stamp),
  },
];

async function backfill(db: Database, client: Stripe, result: ReconcileResult, options: ReconcileOptions): Promise<void> {
  const known: KnownIds = new Map();
  const limit = options.pageSize ?? MAX_PAGE_SIZE;
  for (const step of steps) {
    let startingAfter: string | undefined;
    let done = 0;
    options.onProgress?.({ step: step.name, done });
    for (;;) {
      const at = new Date();
      const list = await step.list(client, startingAfter ? { limit, starting_after: startingAfter } : { limit });
      const run = new SyncRun(client, db, known);
      const stamp = run.fetchedStamp(at, list);
      await Promise.all(list.data.map((object) => step.adopt(run, object as never, stamp)));
      addCounts(result.changed, await db.transaction((tx) => run.write(tx)));
      done += list.data.length;
      options.onProgress?.({ step: step.name, done });
      if (!list.has_more || list.data.length === 0) break;
      startingAfter = list.data.at(-1)!.id;
    }
    result.listed[step.name] = done;
  }
}

/** Stores every event newer than the cursor in the inbox (oldest first) and moves the cursor. */
async function replayEvents(db: Database, client: Stripe, cursor: EventCursor, result: ReconcileResult, options: ReconcileOptions): Promise<void> {
  const events: Stripe.Event[] = [];
  // Newest first; events in the cursor's own second are listed again and deduplicated by id.
  for await (const event of client.events.list({ limit: options.pageSize ?? MAX_PAGE_SIZE, created: { gte: cursor.created } })) {
    if (event.id === cursor.id) continue;
    events.push(event);
    options.onProgress?.({ step: 'events', done: events.length });
  }
  result.listed.events = events.length;
  events.reverse();
  for (const event of events) if (await storeEvent(db, event, 'reconcile')) result.eventsReplayed++;
  const newest = events.at(-1);
  if (newest) await saveCursor(db, { id: newest.id, created: newest.created });
}

async function readCursor(db: Database): Promise<EventCursor | null> {
  const [row] = await db.select({ value: stripeSyncState.value }).from(stripeSyncState).where(eq(stripeSyncState.key, CURSOR_KEY));
  return (row?.value as EventCursor | undefined) ?? null;
}

async function saveCursor(db: Database, cursor: EventCursor): Promise<void> {
  await db
    .insert(stripeSyncState)
    .values({ key: CURSOR_KEY, value: cursor })
    .onConflictDoUpdate({ target: stripeSyncState.key, set: { value: cursor, updatedAt: sql`now()` } });
}

/**
 * At boot: replays the events Stripe sent while no instance was up (since the saved cursor) and
 * works them, so downtime needs no manual `stripe:sync`. Without a cursor (never reconciled) there
 * is nothing to replay from: the first backfill stays a deliberate `npm run stripe:sync`.
 */
export async function catchUpAtBoot(options: { db?: Database; stripe?: Stripe } = {}): Promise<ReconcileResult | null> {
  const db = options.db ?? (await getDb());
  if (!(await readCursor(db))) return null;
  return reconcile({ mode: 'incremental', db, stripe: options.stripe });
}

function addCounts(into: ChangeCounts, counts: ChangeCounts): void {
  for (const [table, n] of Object.entries(counts)) into[table] = (into[table] ?? 0) + n;
}
