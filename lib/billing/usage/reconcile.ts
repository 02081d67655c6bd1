// Reconciling recorded usage with Stripe: for each live metered subscription, what the app sent for
// the current period (batches Stripe accepted) against the meter's event summary for the same
// window. Any difference is drift (usage Stripe counted that the app did not send, or the reverse)
// and is kept per customer for the admin. Background work in the request budget: one summary
// request per metered customer.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { column, getDb, rows, type Database } from '@/lib/db/client';
import { usageReconciliations } from '@/lib/db/schema/usage';
import { stripe as defaultStripe, type Stripe } from '@/lib/stripe/client';
import { inBackground } from '@/lib/stripe/budget';
import { meteredItems, type MeteredItem } from './queries';
import { stripeClockSkew } from './sender';

export interface UsageDrift {
  customerId: string;
  sent: number;
  stripe: number;
  /** sent − stripe: 0 when Stripe counted exactly what the app sent. */
  drift: number;
}

/** Meter event summaries take whole minutes. */
const minute = (date: Date) => Math.floor(date.getTime() / 60_000) * 60;

/** Checks every (or one customer's) metered usage this period against Stripe and records the result. */
export function reconcileUsage(options: { db?: Database; stripe?: Stripe; customerId?: string } = {}): Promise<UsageDrift[]> {
  return inBackground(async () => {
    const db = options.db ?? (await getDb());
    const client = options.stripe ?? defaultStripe();
    const drifts: UsageDrift[] = [];
    for (const item of await meteredItems(db, options.customerId)) {
      if (!item.meterId) continue;
      drifts.push(await reconcileItem(db, client, item, item.meterId));
    }
    return drifts;
  });
}

async function reconcileItem(db: Database, client: Stripe, item: MeteredItem, meterId: string): Promise<UsageDrift> {
  const start = minute(item.periodStart);
  const end = Math.max(minute(item.periodEnd), start + 60);
  let stripeTotal = 0;
  for await (const summary of client.billing.meters.listEventSummaries(meterId, { customer: item.customerId, start_time: start, end_time: end, limit: 100 })) {
    stripeTotal += summary.aggregated_value;
  }
  // Batch timestamps are on this process's clock; the meter's on Stripe's.
  const skew = stripeClockSkew();
  const [sent] = await rows(
    db,
    sql`select coalesce(sum(value), 0) as sent from usage_batches
        where customer_id = ${item.customerId} and event_name = ${item.eventName} and status = 'sent'
          and timestamp + ${skew} >= ${start} and timestamp + ${skew} < ${end}`,
    z.object({ sent: column.integer }),
  );
  const row = { customerId: item.customerId, eventName: item.eventName, periodStart: item.periodStart, periodEnd: item.periodEnd, sent: sent!.sent, stripe: stripeTotal };
  await db
    .insert(usageReconciliations)
    .values(row)
    .onConflictDoUpdate({ target: usageReconciliations.customerId, set: { ...row, checkedAt: sql`now()` } });
  return { customerId: item.customerId, sent: row.sent, stripe: stripeTotal, drift: row.sent - stripeTotal };
}
