// Usage-based billing: the reports customers generate (the feature whose use is metered), the usage
// outbox that records each use in the same transaction, the batches the sender forms from it (each
// sent to Stripe once as one meter event, its id the event's idempotent `identifier`), and the last
// reconciliation of recorded usage against the meter's event summaries.
import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './auth';

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
/** Compared with the database's `now()` (due times, claims): full precision, as stripe_events does. */
const dbMoment = (name: string) => timestamp(name, { withTimezone: true });

/** A report a customer generated on /features/reports: a snapshot of their spending at that moment. */
export const generatedReports = pgTable(
  'generated_reports',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    customerId: text('customer_id').notNull(),
    summary: jsonb('summary').notNull(),
    created: at('created').notNull().defaultNow(),
  },
  (t) => [index('generated_reports_customer_idx').on(t.customerId, t.created.desc())],
);

/** One recorded use of a metered feature, written with the feature's own write; never lost, sent once. */
export const usageOutbox = pgTable(
  'usage_outbox',
  {
    /** Unique per use (the feature's row id): recording the same use twice is a no-op. */
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    eventName: text('event_name').notNull(),
    value: bigint('value', { mode: 'number' }).notNull(),
    occurredAt: at('occurred_at').notNull().defaultNow(),
    /** The batch (meter event) that carries it to Stripe; null until the sender forms one. */
    batchId: text('batch_id'),
  },
  (t) => [
    index('usage_outbox_unbatched_idx').on(t.occurredAt).where(sql`${t.batchId} is null`),
    index('usage_outbox_customer_idx').on(t.customerId, t.occurredAt),
    index('usage_outbox_batch_idx').on(t.batchId),
  ],
);

export const usageBatchStatuses = ['pending', 'sent', 'failed'] as const;

/** Usage of one customer and meter within one minute, sent as one meter event whose identifier is `id`. */
export const usageBatches = pgTable(
  'usage_batches',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    eventName: text('event_name').notNull(),
    value: bigint('value', { mode: 'number' }).notNull(),
    /** The meter event's timestamp: the latest use in the batch (unix seconds). */
    timestamp: bigint('timestamp', { mode: 'number' }).notNull(),
    rows: integer('rows').notNull(),
    status: text('status', { enum: usageBatchStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: dbMoment('next_attempt_at').notNull().defaultNow(),
    lockedUntil: dbMoment('locked_until'),
    created: at('created').notNull().defaultNow(),
    sentAt: at('sent_at'),
  },
  (t) => [index('usage_batches_due_idx').on(t.status, t.nextAttemptAt), index('usage_batches_customer_idx').on(t.customerId, t.timestamp)],
);

/** The last comparison of a customer's recorded usage with the meter's summary for the current period. */
export const usageReconciliations = pgTable('usage_reconciliations', {
  customerId: text('customer_id').primaryKey(),
  eventName: text('event_name').notNull(),
  periodStart: at('period_start').notNull(),
  periodEnd: at('period_end').notNull(),
  /** Sent to Stripe (batches marked sent) with a timestamp in the period, when checked. */
  sent: bigint('sent', { mode: 'number' }).notNull(),
  /** The meter's aggregated value for the period, when checked. */
  stripe: bigint('stripe', { mode: 'number' }).notNull(),
  checkedAt: at('checked_at').notNull().defaultNow(),
});
