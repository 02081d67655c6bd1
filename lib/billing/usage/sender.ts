// Delivers the usage outbox to Stripe's meter, in two steps that are each safe with several app
// instances running them at once:
//  1. batching: unbatched uses are taken (`FOR UPDATE SKIP LOCKED`) and grouped by customer, meter
//     and minute into batches, in one statement; a batch never changes once formed;
//  2. sending: due batches are claimed under a lease and each is sent as ONE meter event whose
//     `identifier` is the batch id, so a resend (a retry after a timeout, a second instance taking
//     over an expired lease) is deduplicated by Stripe and counted once.
// Sends are background work in the request budget (customers' requests go first). 429s, 5xx,
// connection errors and timeouts are retried with exponential backoff, never given up on; a
// request Stripe refuses (400: say a timestamp past its 35-day window) marks the batch `failed`
// for the admin to see.
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { column, getDb, rows, type Database } from '@/lib/db/client';
import { usageBatches } from '@/lib/db/schema/usage';
import { stripe as defaultStripe, type Stripe } from '@/lib/stripe/client';
import { inBackground } from '@/lib/stripe/budget';
import { logError } from '@/lib/log-error';
import { coalescedRounds, forEachConcurrently } from '@/lib/concurrency';

export interface SendOptions {
  db?: Database;
  stripe?: Stripe;
  /** Most outbox rows grouped into batches per round. */
  batchRows?: number;
  /** Most batches claimed per round. */
  claimBatches?: number;
  /** Meter events in flight at once. */
  concurrency?: number;
  /** How long a claim holds; a resend after it lapses is deduplicated by the identifier. */
  claimMs?: number;
  /** Delay before the next attempt after `attempt` failures. */
  retryDelayMs?: (attempt: number) => number;
}

export interface SendResult {
  /** Outbox rows put into new batches. */
  batchedRows: number;
  /** Batches (meter events) Stripe accepted. */
  sent: number;
  retrying: number;
  failed: number;
}

export const DEFAULT_USAGE_CLAIM_MS = 60_000;
export const defaultUsageRetryDelayMs = (attempt: number) => Math.min(1_000 * 2 ** (attempt - 1), 10 * 60_000);

const claimedBatch = z.object({
  id: column.text,
  customer_id: column.text,
  event_name: column.text,
  value: column.integer,
  timestamp: column.integer,
  attempts: column.integer,
});
type ClaimedBatch = z.output<typeof claimedBatch>;

/** Batches and sends everything due now (failed sends are rescheduled, not retried in this call). */
export function sendPendingUsage(options: SendOptions = {}): Promise<SendResult> {
  return inBackground(() => sendAll(options));
}

async function sendAll(options: SendOptions): Promise<SendResult> {
  const db = options.db ?? (await getDb());
  const client = options.stripe ?? defaultStripe();
  const result: SendResult = { batchedRows: 0, sent: 0, retrying: 0, failed: 0 };
  // New batches and those due when the call began: one that fails now waits for a later call.
  const [{ started }] = (await rows(db, sql`select now() as started`, z.object({ started: column.timestamp }))) as [{ started: Date }];
  for (;;) {
    const batchedRows = await formBatches(db, options.batchRows ?? 5_000);
    result.batchedRows += batchedRows;
    const claimed = await claimDueBatches(db, options.claimBatches ?? 200, options.claimMs ?? DEFAULT_USAGE_CLAIM_MS, started);
    if (batchedRows === 0 && claimed.length === 0) return result;
    await forEachConcurrently(claimed, options.concurrency ?? 8, async (batch) => {
      result[await sendBatch(db, client, batch, options)]++;
    });
  }
}

/** Groups up to `limit` unbatched uses into batches (customer, meter, minute); returns how many were taken. */
async function formBatches(db: Database, limit: number): Promise<number> {
  const taken = await rows(
    db,
    sql`
      with picked as (
        select id, customer_id, event_name, value, occurred_at, date_trunc('minute', occurred_at) as minute
        from usage_outbox where batch_id is null
        order by occurred_at limit ${limit}
        for update skip locked),
      groups as (
        select customer_id, event_name, minute, 'usage_' || replace(gen_random_uuid()::text, '-', '') as batch_id,
               sum(value) as value, max(occurred_at) as last_at, count(*) as rows
        from picked group by customer_id, event_name, minute),
      formed as (
        insert into usage_batches (id, customer_id, event_name, value, timestamp, rows)
        select batch_id, customer_id, event_name, value, floor(extract(epoch from last_at))::bigint, rows from groups
        returning id)
      update usage_outbox o set batch_id = g.batch_id
      from picked p join groups g on g.customer_id = p.customer_id and g.event_name = p.event_name and g.minute = p.minute
      where o.id = p.id
      returning o.id`,
    z.object({ id: column.text }),
  );
  return taken.length;
}

async function claimDueBatches(db: Database, limit: number, claimMs: number, dueBy: Date): Promise<ClaimedBatch[]> {
  return rows(
    db,
    sql`
      update usage_batches
      set locked_until = now() + ${`${claimMs} milliseconds`}::interval, attempts = attempts + 1
      where id in (
        select id from usage_batches
        where status = 'pending' and (attempts = 0 or next_attempt_at <= ${dueBy.toISOString()}) and (locked_until is null or locked_until < now())
        order by timestamp limit ${limit}
        for update skip locked)
      returning id, customer_id, event_name, value, timestamp, attempts`,
    claimedBatch,
  );
}

async function sendBatch(db: Database, client: Stripe, batch: ClaimedBatch, options: SendOptions): Promise<'sent' | 'retrying' | 'failed'> {
  const sentAt = Date.now();
  try {
    const event = await client.billing.meterEvents.create({
      event_name: batch.event_name,
      payload: { stripe_customer_id: batch.customer_id, value: String(batch.value) },
      identifier: batch.id,
      timestamp: stripeTimestamp(batch.timestamp, sentAt),
    });
    // A first attempt's answer is this event's own (a resend may answer with the original).
    if (batch.attempts === 1) learnClockSkew(event.created, sentAt);
    await db
      .update(usageBatches)
      .set({ status: 'sent', sentAt: sql`now()`, lockedUntil: null, lastError: null })
      .where(and(eq(usageBatches.id, batch.id), eq(usageBatches.status, 'pending')));
    return 'sent';
  } catch (error) {
    const retry = isRetryable(error);
    const message = error instanceof Error ? error.message : String(error);
    if (!retry) logError('usage', `sending usage batch ${batch.id}`, error);
    const delay = (options.retryDelayMs ?? defaultUsageRetryDelayMs)(batch.attempts);
    await db
      .update(usageBatches)
      .set({ status: retry ? 'pending' : 'failed', lastError: message.slice(0, 2000), nextAttemptAt: sql`now() + ${`${delay} milliseconds`}::interval`, lockedUntil: null })
      .where(eq(usageBatches.id, batch.id));
    return retry ? 'retrying' : 'failed';
  }
}

/** Worth sending again: rate limited, Stripe's own errors, lock timeouts, and no answer at all. */
function isRetryable(error: unknown): boolean {
  const status = (error as { statusCode?: number }).statusCode;
  const type = (error as { type?: string }).type;
  if (type === 'StripeConnectionError' || status === undefined) return true;
  return status === 429 || status === 409 || status >= 500;
}

// Meter event timestamps are on Stripe's clock. Against real Stripe it is the app's own (NTP); the
// emulator's can be moved forward. The first answer to a fresh send tells the difference.
const skewKey = Symbol.for('paydesk.usageClockSkew');
type GlobalWithSkew = typeof globalThis & { [skewKey]?: number };

function learnClockSkew(stripeCreated: number, sentAtMs: number): void {
  (globalThis as GlobalWithSkew)[skewKey] = stripeCreated - Math.floor(sentAtMs / 1000);
}

/** Seconds Stripe's clock is ahead of this process's (0 until a send has told). */
export function stripeClockSkew(): number {
  return (globalThis as GlobalWithSkew)[skewKey] ?? 0;
}

/** The batch's time on Stripe's clock; with the difference not known yet, a fresh batch lets Stripe stamp it. */
function stripeTimestamp(timestamp: number, nowMs: number): number | undefined {
  const skew = (globalThis as GlobalWithSkew)[skewKey];
  if (skew !== undefined) return timestamp + skew;
  return Math.floor(nowMs / 1000) - timestamp < 60 ? undefined : timestamp;
}

/** Sends the outbox now (after a feature recorded usage, and on the periodic sweep); kicks during a round coalesce. */
export const kickUsageSending = coalescedRounds('paydesk.usageSender', { scope: 'usage', doing: 'sending round' }, () => sendPendingUsage());
