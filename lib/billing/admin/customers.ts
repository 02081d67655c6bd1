// Customers for admins: each Stripe customer with the organisation it bills (name, owner, members,
// seats), its current subscription (status and plan) and lifetime value (succeeded payments minus
// refunds that are not failed or canceled), keyset-paged.
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { column, getDb, rows, type Database } from '@/lib/db/client';
import { decodePageCursor, encodePageCursor } from '../page-params';

export interface AdminCustomer {
  id: string;
  email: string | null;
  name: string | null;
  created: Date | null;
  /** The organisation the customer bills, if bound. */
  organisation: { id: string; name: string; personal: boolean; ownerEmail: string | null; members: number } | null;
  /** Seats on a per-seat plan (the item's quantity), else null. */
  seats: number | null;
  subscription: { id: string; status: string; cancelAtPeriodEnd: boolean; plan: string | null } | null;
  /** Per currency: received − refunded, minor units. */
  lifetimeValue: { currency: string; amount: number }[];
  payments: number;
}

export interface CustomerPage {
  customers: AdminCustomer[];
  nextCursor: string | null;
}

export async function listCustomers(
  options: { db?: Database; search?: string; cursor?: string | null; limit?: number; id?: string } = {},
): Promise<CustomerPage> {
  const db = options.db ?? (await getDb());
  const limit = Math.min(Math.max(options.limit ?? 25, 1), 100);
  const conditions: SQL[] = [sql`not c.deleted`];
  if (options.id) conditions.push(sql`c.id = ${options.id}`);
  if (options.search) {
    const pattern = `%${options.search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    conditions.push(sql`(c.email ilike ${pattern} or c.name ilike ${pattern} or o.name ilike ${pattern})`);
  }
  const cursor = options.cursor ? decodePageCursor(options.cursor) : null;
  // Customers without a created stamp sort last, keyed by the epoch so the keyset stays total.
  const createdKey = sql`coalesce(c.created, 'epoch'::timestamptz)`;
  if (cursor) conditions.push(sql`(${createdKey}, c.id) < (${cursor.created.toISOString()}::timestamptz, ${cursor.id})`);

  const found = await rows(
    db,
    sql`
      select c.id, c.email, c.name, c.created, ${createdKey} as created_key,
        o.id as organisation_id, o.name as organisation_name, o.personal as organisation_personal,
        (select u.email from memberships m join users u on u.id = m.user_id where m.organisation_id = o.id and m.role = 'owner') as owner_email,
        (select count(*) from memberships m where m.organisation_id = o.id) as members,
        (select si.quantity from stripe_subscription_items si join stripe_products p on p.id = si.product_id
         where si.subscription_id = s.id and (',' || replace(coalesce(p.raw -> 'metadata' ->> 'features', ''), ' ', '') || ',') like '%,team-seats,%'
         limit 1) as seats,
        s.id as subscription_id, s.status as subscription_status, s.cancel_at_period_end,
        (select string_agg(coalesce(p.name, si.product_id) ||
                  coalesce(' · ' || pr.recurring_interval || 'ly', ''), ', ' order by si.id)
         from stripe_subscription_items si
         left join stripe_products p on p.id = si.product_id
         left join stripe_prices pr on pr.id = si.price_id
         where si.subscription_id = s.id) as plan,
        coalesce((
          select json_agg(json_build_object('currency', v.currency, 'amount', v.amount) order by v.currency)
          from (
            select pi.currency,
              sum(pi.amount_received) - coalesce(sum((
                select sum(r.amount) from stripe_refunds r
                where r.payment_intent_id = pi.id and (r.status is null or r.status not in ('failed', 'canceled')))), 0) as amount
            from stripe_payment_intents pi
            where pi.customer_id = c.id and pi.status = 'succeeded'
            group by pi.currency) v), '[]'::json) as lifetime_value,
        (select count(*) from stripe_payment_intents pi where pi.customer_id = c.id and pi.status = 'succeeded') as payments
      from stripe_customers c
      left join organisations o on o.id = c.organisation_id
      left join lateral (
        select * from stripe_subscriptions s where s.customer_id = c.id
        -- The one that bills: paying first, then in trouble, then trialing, then anything that ended.
        order by case s.status when 'active' then 0 when 'past_due' then 1 when 'unpaid' then 1 when 'trialing' then 2 else 3 end,
          s.created desc limit 1
      ) s on true
      where ${sql.join(conditions, sql` and `)}
      order by ${createdKey} desc, c.id desc
      limit ${limit + 1}`,
    customerRow,
  );
  const page = found.slice(0, limit);
  const last = page.at(-1);
  return {
    customers: page.map(toCustomer),
    nextCursor: found.length > limit && last ? encodePageCursor(last.created_key, last.id) : null,
  };
}

const customerRow = z.object({
  id: column.text,
  email: column.text.nullable(),
  name: column.text.nullable(),
  created: column.timestamp.nullable(),
  created_key: column.timestamp,
  organisation_id: column.text.nullable(),
  organisation_name: column.text.nullable(),
  organisation_personal: column.boolean.nullable(),
  owner_email: column.text.nullable(),
  members: column.integer,
  seats: column.integer.nullable(),
  subscription_id: column.text.nullable(),
  subscription_status: column.text.nullable(),
  cancel_at_period_end: column.boolean.nullable(),
  plan: column.text.nullable(),
  lifetime_value: z.array(z.object({ currency: column.text, amount: column.integer })),
  payments: column.integer,
});

function toCustomer(row: z.output<typeof customerRow>): AdminCustomer {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    created: row.created,
    organisation: row.organisation_id
      ? { id: row.organisation_id, name: row.organisation_name!, personal: Boolean(row.organisation_personal), ownerEmail: row.owner_email, members: row.members }
      : null,
    seats: row.seats,
    subscription: row.subscription_id
      ? { id: row.subscription_id, status: row.subscription_status!, cancelAtPeriodEnd: Boolean(row.cancel_at_period_end), plan: row.plan }
      : null,
    lifetimeValue: row.lifetime_value,
    payments: row.payments,
  };
}
