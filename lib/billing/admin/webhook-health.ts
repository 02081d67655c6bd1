// The webhook pipeline as admins see it: inbox counts per state, the last event received, and the
// events that are failing (given up, or still being retried after an error).
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { column, getDb, rows, type Database } from '@/lib/db/client';

export interface InboxEvent {
  id: string;
  type: string;
  objectId: string | null;
  status: string;
  source: string;
  created: Date;
  receivedAt: Date;
  processedAt: Date | null;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
}

export interface WebhookHealth {
  counts: { pending: number; retrying: number; failed: number; processed: number; ignored: number };
  lastReceived: InboxEvent | null;
  /** Failed events first, then pending ones that have already failed at least once; newest first. */
  failing: InboxEvent[];
}

const eventColumns = sql`id, type, object_id as "objectId", status, source, created, received_at as "receivedAt",
  processed_at as "processedAt", attempts, last_error as "lastError", next_attempt_at as "nextAttemptAt"`;

const eventRow = z.object({
  id: column.text,
  type: column.text,
  objectId: column.text.nullable(),
  status: column.text,
  source: column.text,
  created: column.timestamp,
  receivedAt: column.timestamp,
  processedAt: column.timestamp.nullable(),
  attempts: column.integer,
  lastError: column.text.nullable(),
  nextAttemptAt: column.timestamp,
});

const countsRow = z.object({ pending: column.integer, retrying: column.integer, failed: column.integer, processed: column.integer, ignored: column.integer });

export async function webhookHealth(options: { db?: Database; failingLimit?: number } = {}): Promise<WebhookHealth> {
  const db = options.db ?? (await getDb());
  const [[counts], [lastReceived], failing] = await Promise.all([
    rows(
      db,
      sql`select
            count(*) filter (where status = 'pending') as pending,
            count(*) filter (where status = 'pending' and last_error is not null) as retrying,
            count(*) filter (where status = 'failed') as failed,
            count(*) filter (where status = 'processed') as processed,
            count(*) filter (where status = 'ignored') as ignored
          from stripe_events`,
      countsRow,
    ),
    rows(db, sql`select ${eventColumns} from stripe_events order by received_at desc, id desc limit 1`, eventRow),
    rows(
      db,
      sql`select ${eventColumns} from stripe_events
          where status = 'failed' or (status = 'pending' and last_error is not null)
          order by (status = 'failed') desc, received_at desc, id desc
          limit ${options.failingLimit ?? 100}`,
      eventRow,
    ),
  ]);
  // An aggregate without group by always answers one row.
  return { counts: counts!, lastReceived: lastReceived ?? null, failing };
}
