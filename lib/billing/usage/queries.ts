// Reading usage from the database (never Stripe): the metered items of live subscriptions with
// their current periods, a customer's usage this period (total, by day, what it will cost), and the
// admin's view of every metered customer with the last reconciliation against Stripe.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { column, getDb, rows, type Database } from '@/lib/db/client';
import { usageTiers } from '../catalog';
import { graduatedAmount, includedUnits, type UsageTier } from './pricing';
import { stripeClockSkew } from './sender';

const meteredItem = z.object({
  customer_id: column.text,
  subscription_id: column.text,
  lookup_key: column.text.nullable(),
  meter_id: column.text.nullable(),
  event_name: column.text.nullable(),
  currency: column.text,
  interval: column.text.nullable(),
  period_start: column.timestamp,
  period_end: column.timestamp,
});

export interface MeteredItem {
  customerId: string;
  subscriptionId: string;
  lookupKey: string | null;
  meterId: string | null;
  eventName: string;
  currency: string;
  interval: string | null;
  /** The current period, on Stripe's clock. */
  periodStart: Date;
  periodEnd: Date;
}

/** The metered items of live subscriptions (one customer's, or everyone's). */
export async function meteredItems(db: Database, customerId?: string): Promise<MeteredItem[]> {
  const found = await rows(
    db,
    sql`
      select s.customer_id, s.id as subscription_id, p.lookup_key, p.raw->'recurring'->>'meter' as meter_id,
             pr.raw->'metadata'->>'meter_event' as event_name, p.currency, p.recurring_interval as interval,
             i.current_period_start as period_start, i.current_period_end as period_end
      from stripe_subscription_items i
      join stripe_subscriptions s on s.id = i.subscription_id
      join stripe_prices p on p.id = i.price_id
      left join stripe_products pr on pr.id = p.product_id
      where p.raw->'recurring'->>'usage_type' = 'metered'
        and s.status in ('active', 'trialing', 'past_due', 'unpaid')
        and i.current_period_start is not null and i.current_period_end is not null
        ${customerId ? sql`and s.customer_id = ${customerId}` : sql``}
      order by s.customer_id`,
    meteredItem,
  );
  return found
    .filter((row) => row.event_name)
    .map((row) => ({
      customerId: row.customer_id,
      subscriptionId: row.subscription_id,
      lookupKey: row.lookup_key,
      meterId: row.meter_id,
      eventName: row.event_name!,
      currency: row.currency,
      interval: row.interval,
      periodStart: row.period_start,
      periodEnd: row.period_end,
    }));
}

/** A Stripe-clock moment as this process's clock has it (the outbox stamps uses with the database's `now()`). */
export function toLocalTime(stripeTime: Date): Date {
  return new Date(stripeTime.getTime() - stripeClockSkew() * 1000);
}

export interface CustomerUsage {
  item: MeteredItem;
  /** Units recorded this period (sent to Stripe or still in the outbox). */
  total: number;
  /** Of those, not yet accepted by Stripe. */
  pending: number;
  included: number;
  tiers: UsageTier[];
  /** What the period's usage costs so far, in minor units. */
  amount: number;
  /** Units per UTC day of the period (days without usage included), oldest first. */
  byDay: { day: string; units: number }[];
}

const DAY_MS = 86_400_000;

/** The customer's usage in the current period of their metered item, or null without one. */
export async function usageForCustomer(customerId: string, options: { db?: Database } = {}): Promise<CustomerUsage | null> {
  const db = options.db ?? (await getDb());
  const [item] = await meteredItems(db, customerId);
  if (!item) return null;
  const start = toLocalTime(item.periodStart);
  const end = toLocalTime(item.periodEnd);
  const days = await rows(
    db,
    sql`
      select to_char(date_trunc('day', o.occurred_at at time zone 'UTC'), 'YYYY-MM-DD') as day, sum(o.value) as units,
             sum(case when b.status is distinct from 'sent' then o.value else 0 end) as pending
      from usage_outbox o left join usage_batches b on b.id = o.batch_id
      where o.customer_id = ${customerId} and o.event_name = ${item.eventName}
        and o.occurred_at >= ${start.toISOString()} and o.occurred_at < ${end.toISOString()}
      group by 1 order by 1`,
    z.object({ day: column.text, units: column.integer, pending: column.integer }),
  );
  const total = days.reduce((sum, d) => sum + d.units, 0);
  const tiers = (item.lookupKey && usageTiers(item.lookupKey)) || [];
  const byDay: CustomerUsage['byDay'] = [];
  const units = new Map(days.map((d) => [d.day, d.units]));
  const lastDay = Math.min(end.getTime() - 1, Math.max(Date.now(), start.getTime()));
  for (let t = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()); t <= lastDay; t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    byDay.push({ day, units: units.get(day) ?? 0 });
  }
  return {
    item,
    total,
    pending: days.reduce((sum, d) => sum + d.pending, 0),
    included: includedUnits(tiers),
    tiers,
    amount: graduatedAmount(tiers, total),
    byDay,
  };
}

const adminRow = z.object({
  customer_id: column.text,
  email: column.text.nullable(),
  recorded: column.integer,
  pending: column.integer,
  failed: column.integer,
  checked_sent: column.integer.nullable(),
  checked_stripe: column.integer.nullable(),
  checked_at: column.timestamp.nullable(),
});

export interface AdminUsageRow {
  item: MeteredItem;
  email: string | null;
  recorded: number;
  pending: number;
  /** Units in batches Stripe refused. */
  failed: number;
  amount: number;
  /** The last check against the meter's summary for this period, if any. */
  check: { sent: number; stripe: number; drift: number; at: Date } | null;
}

/** Every metered customer's usage this period, with the last reconciliation (no Stripe call). */
export async function adminUsage(options: { db?: Database } = {}): Promise<AdminUsageRow[]> {
  const db = options.db ?? (await getDb());
  const items = await meteredItems(db);
  const result: AdminUsageRow[] = [];
  for (const item of items) {
    const [row] = await rows(
      db,
      sql`
        select c.id as customer_id, c.email,
               coalesce(sum(o.value), 0) as recorded,
               coalesce(sum(case when b.status is null or b.status = 'pending' then o.value else 0 end), 0) as pending,
               coalesce(sum(case when b.status = 'failed' then o.value else 0 end), 0) as failed,
               r.sent as checked_sent, r.stripe as checked_stripe, r.checked_at
        from stripe_customers c
        left join usage_outbox o on o.customer_id = c.id and o.event_name = ${item.eventName}
          and o.occurred_at >= ${toLocalTime(item.periodStart).toISOString()} and o.occurred_at < ${toLocalTime(item.periodEnd).toISOString()}
        left join usage_batches b on b.id = o.batch_id
        left join usage_reconciliations r on r.customer_id = c.id and r.period_start = ${item.periodStart.toISOString()}
        where c.id = ${item.customerId}
        group by c.id, c.email, r.sent, r.stripe, r.checked_at`,
      adminRow,
    );
    if (!row) continue;
    const tiers = (item.lookupKey && usageTiers(item.lookupKey)) || [];
    result.push({
      item,
      email: row.email,
      recorded: row.recorded,
      pending: row.pending,
      failed: row.failed,
      amount: graduatedAmount(tiers, row.recorded),
      check: row.checked_at && row.checked_sent !== null && row.checked_stripe !== null ? { sent: row.checked_sent, stripe: row.checked_stripe, drift: row.checked_sent - row.checked_stripe, at: row.checked_at } : null,
    });
  }
  return result;
}
