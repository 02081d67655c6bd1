// Recording usage: one outbox row per use, written in the caller's transaction together with the
// feature's own write, so a use is recorded exactly when the feature's work is (never lost when
// Stripe is slow or down: the sender delivers it later). The row's id is the use's own id: recording
// the same use again (a repeated submit) is a no-op.
import { sql } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { usageOutbox } from '@/lib/db/schema/usage';

export interface UsageRecord {
  /** Unique per use, e.g. the id of the row the feature wrote. */
  id: string;
  customerId: string;
  eventName: string;
  value?: number;
  occurredAt?: Date;
}

type Writer = Pick<Database, 'insert'>;

/** Adds uses to the outbox (in the caller's transaction); returns how many were new. */
export async function recordUsage(tx: Writer, records: UsageRecord | UsageRecord[]): Promise<number> {
  const list = Array.isArray(records) ? records : [records];
  if (list.length === 0) return 0;
  for (const record of list) {
    if (!Number.isSafeInteger(record.value ?? 1) || (record.value ?? 1) < 0) throw new Error(`Usage must be a whole number of units, not ${record.value}`);
  }
  const inserted = await tx
    .insert(usageOutbox)
    .values(list.map((r) => ({ id: r.id, customerId: r.customerId, eventName: r.eventName, value: r.value ?? 1, occurredAt: r.occurredAt ?? sql`now()` })))
    .onConflictDoNothing({ target: usageOutbox.id })
    .returning({ id: usageOutbox.id });
  return inserted.length;
}
