// The webhook pipeline as admins see it: inbox counts per state, the last event received, and the
// events that are failing (given up, or still being retried after an error).
import { sql } from 'drizzle-orm';
import { getDb, rows, type Database } from '@/lib/db/client';

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

const eventColumns = sql`id, type, object_id, status, source, created, received_at, processed_at, attempts, last_error, next_attempt_at`;

export async function webhookHealth(options: { db?: Database; failingLimit?: number } = {}): Promise<WebhookHealth> {
  const db = options.db ?? (await getDb());
  const [counts, last, failing] = await Promise.all([
    rows<Record<string, string | number>>(
      db,
      sql`select
            count(*) filter (where status = 'pending') as pending,
            count(*) filter (where status = 'pending' and last_error is not null) as retrying,
            count(*) filter (where status = 'failed') as failed,
            count(*) filter (where status = 'processed') as processed,
            count(*) filter (where status = 'ignored') as ignored
          from stripe_events`,
    ),
    rows<EventRow>(db, sql`select ${eventColumns} from stripe_events order by received_at desc, id desc limit 1`),
    rows<EventRow>(
      db,
      sql`select ${eventColumns} from stripe_events
          where status = 'failed' or (status = 'pending' and last_error is not null)
          order by (status = 'failed') desc, received_at desc, id desc
          limit ${options.failingLimit ?? 100}`,
    ),
  ]);
  const c = counts[0] ?? {};
  return {
    counts: {
      pending: Number(c.pending ?? 0),
      retrying: Number(c.retrying ?? 0),
      failed: Number(c.failed ?? 0),
      processed: Number(c.processed ?? 0),
      ignored: Number(c.ignored ?? 0),
    },
    lastReceived: last[0] ? toEvent(last[0]) : null,
    failing: failing.map(toEvent),
  };
}

interface EventRow {
  id: string;
  type: string;
  object_id: string | null;
  status: string;
  source: string;
  created: Date | string;
  received_at: Date | string;
  processed_at: Date | string | null;
  attempts: number | string;
  last_error: string | null;
  next_attempt_at: Date | string;
}

function toEvent(row: EventRow): InboxEvent {
  return {
    id: row.id,
    type: row.type,
    objectId: row.object_id,
    status: row.status,
    source: row.source,
    created: new Date(row.created),
    receivedAt: new Date(row.received_at),
    processedAt: row.processed_at ? new Date(row.processed_at) : null,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    nextAttemptAt: new Date(row.next_attempt_at),
  };
}
