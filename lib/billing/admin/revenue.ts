// Revenue for admins: gross volume, refunds and net per day or month (sums over PaymentIntent and
// Refund rows), the discounts given on invoices paid in the range, new and churned subscriptions,
// and MRR with the active subscription count.
//
// Money is counted once: gross is what payments received, already after discounts; `discounts` is
// what coupons and promotion codes took off the invoices paid in the range (by the day the invoice
// was paid), shown beside gross and never subtracted from it again. Net = gross − refunds.
//
// MRR rule (integer arithmetic): every active or past-due subscription item contributes
// unit_amount × quantity per its billing interval, normalised to a month as
//   month ÷ count, year ÷ (12 × count), week × 52 ÷ (12 × count), day × 365 ÷ (12 × count).
// Those fractions are summed exactly (BigInt over a common denominator) and rounded once, half up,
// to the currency's minor unit. Trials, discounts, taxes and metered prices without a unit amount
// do not count. MRR is as of now (the mirror's current subscriptions), not as of the range's end.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { column, getDb, rows, type Database } from '@/lib/db/client';
import { isoDaySchema } from '../page-params';

const DAY_MS = 86_400_000;
const MAX_DAYS = { day: 366, month: 3660 } as const;

const isoDay = isoDaySchema;

export const revenueSearchSchema = z
  .object({
    from: isoDay,
    to: isoDay,
    granularity: z.enum(['day', 'month']),
  })
  .refine((r) => r.from <= r.to, { message: 'The start date is after the end date.', path: ['to'] })
  .refine((r) => (Date.parse(r.to) - Date.parse(r.from)) / DAY_MS < MAX_DAYS[r.granularity], {
    message: 'That range is too long: pick at most a year by day, or ten years by month.',
    path: ['from'],
  });

export type RevenueSearch = z.infer<typeof revenueSearchSchema>;

/** The last 30 days, by day, ending today (UTC). */
export function defaultRevenueSearch(now = new Date()): RevenueSearch {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(Date.parse(to) - 29 * DAY_MS).toISOString().slice(0, 10);
  return { from, to, granularity: 'day' };
}

export interface RevenueBucket {
  /** "2026-01-31" by day, "2026-01" by month (UTC). */
  period: string;
  gross: number;
  /** Taken off by discounts on the invoices paid in this period (gross is already after them). */
  discounts: number;
  refunds: number;
  net: number;
}

export interface CurrencyRevenue {
  currency: string;
  gross: number;
  discounts: number;
  refunds: number;
  net: number;
  buckets: RevenueBucket[];
}

export interface SubscriptionBucket {
  period: string;
  started: number;
  churned: number;
}

export interface RevenueReport {
  search: RevenueSearch;
  /** One entry per currency with any volume in the range, the largest gross first. */
  revenue: CurrencyRevenue[];
  subscriptions: { started: number; churned: number; buckets: SubscriptionBucket[] };
  mrr: { currency: string; amount: number }[];
  activeSubscriptions: number;
  trialingSubscriptions: number;
}

export async function revenueReport(search: RevenueSearch, options: { db?: Database } = {}): Promise<RevenueReport> {
  const db = options.db ?? (await getDb());
  const from = new Date(`${search.from}T00:00:00Z`);
  const until = new Date(Date.parse(`${search.to}T00:00:00Z`) + DAY_MS);
  // Whitelisted by the zod enum: safe to inline.
  const unit = sql.raw(`'${search.granularity}'`);
  const format = sql.raw(search.granularity === 'day' ? `'YYYY-MM-DD'` : `'YYYY-MM'`);
  const period = (name: string) => sql`to_char(date_trunc(${unit}, ${sql.raw(name)} at time zone 'UTC'), ${format})`;
  const range = (name: string) =>
    sql`${sql.raw(name)} >= ${from.toISOString()}::timestamptz and ${sql.raw(name)} < ${until.toISOString()}::timestamptz`;

  const [money, subscriptionFlow, mrrParts, counts] = await Promise.all([
    rows(
      db,
      sql`
        select currency, ${period('created')} as period, 'gross' as kind, sum(amount_received) as amount
        from stripe_payment_intents where status = 'succeeded' and ${range('created')} group by 1, 2
        union all
        select currency, ${period('created')} as period, 'refunds' as kind, sum(amount) as amount
        from stripe_refunds where (status is null or status not in ('failed', 'canceled')) and ${range('created')} group by 1, 2
        union all
        select currency, ${period('paid_at')} as period, 'discounts' as kind, sum(discount_amount) as amount
        from (select currency, discount_amount, to_timestamp((raw #>> '{status_transitions,paid_at}')::bigint) as paid_at
              from stripe_invoices where status = 'paid' and discount_amount > 0) paid
        where ${range('paid_at')} group by 1, 2`,
      z.object({ currency: column.text, period: column.text, kind: z.enum(['gross', 'refunds', 'discounts']), amount: column.integer }),
    ),
    rows(
      db,
      sql`
        select ${period('created')} as period, 'started' as kind, count(*) as n
        from stripe_subscriptions where status not in ('incomplete', 'incomplete_expired') and ${range('created')} group by 1, 2
        union all
        select ${period('ended_at')} as period, 'churned' as kind, count(*) as n
        from stripe_subscriptions where status = 'canceled' and ended_at is not null and ${range('ended_at')} group by 1, 2`,
      z.object({ period: column.text, kind: z.enum(['started', 'churned']), n: column.integer }),
    ),
    rows(
      db,
      sql`
        select p.currency, p.recurring_interval as interval, coalesce(p.recurring_interval_count, 1) as "intervalCount",
          sum(p.unit_amount * coalesce(si.quantity, 1)) as amount
        from stripe_subscriptions s
        join stripe_subscription_items si on si.subscription_id = s.id
        join stripe_prices p on p.id = si.price_id
        where s.status in ('active', 'past_due') and p.unit_amount is not null and p.recurring_interval is not null
        group by 1, 2, 3`,
      z.object({ currency: column.text, interval: column.text, intervalCount: column.integer, amount: column.bigint }),
    ),
    rows(
      db,
      sql`select count(*) filter (where status in ('active', 'past_due')) as active, count(*) filter (where status = 'trialing') as trialing
          from stripe_subscriptions`,
      z.object({ active: column.integer, trialing: column.integer }),
    ),
  ]);

  const periods = periodsBetween(search);
  const byCurrency = new Map<string, Map<string, RevenueBucket>>();
  for (const row of money) {
    let buckets = byCurrency.get(row.currency);
    if (!buckets) {
      buckets = new Map(periods.map((p) => [p, { period: p, gross: 0, discounts: 0, refunds: 0, net: 0 }]));
      byCurrency.set(row.currency, buckets);
    }
    const bucket = buckets.get(row.period);
    if (bucket) bucket[row.kind] += row.amount;
  }
  const revenue = [...byCurrency].map(([currency, buckets]) => {
    const list = [...buckets.values()].map((b) => ({ ...b, net: b.gross - b.refunds }));
    const gross = list.reduce((sum, b) => sum + b.gross, 0);
    const refunds = list.reduce((sum, b) => sum + b.refunds, 0);
    const discounts = list.reduce((sum, b) => sum + b.discounts, 0);
    return { currency, gross, discounts, refunds, net: gross - refunds, buckets: list };
  });
  revenue.sort((a, b) => b.gross - a.gross || a.currency.localeCompare(b.currency));

  const flow = new Map(periods.map((p) => [p, { period: p, started: 0, churned: 0 }]));
  for (const row of subscriptionFlow) {
    const bucket = flow.get(row.period);
    if (bucket) bucket[row.kind] += row.n;
  }
  const subscriptionBuckets = [...flow.values()];

  return {
    search,
    revenue,
    subscriptions: {
      started: subscriptionBuckets.reduce((sum, b) => sum + b.started, 0),
      churned: subscriptionBuckets.reduce((sum, b) => sum + b.churned, 0),
      buckets: subscriptionBuckets,
    },
    mrr: monthlyRecurringRevenue(mrrParts),
    // An aggregate without group by always answers one row.
    activeSubscriptions: counts[0]!.active,
    trialingSubscriptions: counts[0]!.trialing,
  };
}

/** Monthly fraction of one interval: [numerator, denominator]. */
const perMonth: Record<string, [bigint, bigint]> = {
  day: [365n, 12n],
  week: [52n, 12n],
  month: [1n, 1n],
  year: [1n, 12n],
};

/** Sums `amount` per interval into MRR per currency: exact fractions, one rounding (half up) at the end. */
export function monthlyRecurringRevenue(parts: { currency: string; interval: string; intervalCount: number; amount: bigint }[]): { currency: string; amount: number }[] {
  const sums = new Map<string, { numerator: bigint; denominator: bigint }>();
  for (const part of parts) {
    const fraction = perMonth[part.interval];
    if (!fraction) continue; // an interval Stripe may add later: left out rather than guessed
    const numerator = part.amount * fraction[0];
    const denominator = fraction[1] * BigInt(Math.max(part.intervalCount, 1));
    const sum = sums.get(part.currency) ?? { numerator: 0n, denominator: 1n };
    sums.set(part.currency, { numerator: sum.numerator * denominator + numerator * sum.denominator, denominator: sum.denominator * denominator });
  }
  return [...sums]
    .map(([currency, { numerator, denominator }]) => ({ currency, amount: Number((2n * numerator + denominator) / (2n * denominator)) }))
    .sort((a, b) => b.amount - a.amount || a.currency.localeCompare(b.currency));
}

/** Every period label in the range, so days or months without activity show as zero. */
export function periodsBetween(search: RevenueSearch): string[] {
  const periods: string[] = [];
  if (search.granularity === 'day') {
    for (let t = Date.parse(`${search.from}T00:00:00Z`); t <= Date.parse(`${search.to}T00:00:00Z`); t += DAY_MS) {
      periods.push(new Date(t).toISOString().slice(0, 10));
    }
    return periods;
  }
  const [fromYear, fromMonth] = search.from.split('-').map(Number);
  const [toYear, toMonth] = search.to.split('-').map(Number);
  for (let y = fromYear, m = fromMonth; y < toYear || (y === toYear && m <= toMonth); m === 12 ? (y++, (m = 1)) : m++) {
    periods.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return periods;
}
