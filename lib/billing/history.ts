// "What did this customer pay for": payments newest first, joined to the invoices they paid (through
// InvoicePayments, many-to-many both ways) and the products on them, or — for one-time purchases
// without an invoice — to our order lines or the Checkout line items. One SQL query per page,
// whatever the number of payments, read from the mirror only (no Stripe calls).
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { column, getDb, rows, type Database } from '@/lib/db/client';
import { decodePageCursor, encodePageCursor, type PageCursor } from './page-params';

export interface PaymentFilters {
  /** PaymentIntent statuses. */
  status?: string[];
  createdFrom?: Date;
  createdBefore?: Date;
  /** Case-insensitive substring of the customer's email. */
  customerEmail?: string;
  /** Payments with this product on an invoice, order or Checkout session they paid. */
  productId?: string;
}

export interface BillingHistoryOptions {
  /** One customer's history; omitted ⇒ everyone's (admins only: the caller checks the role). */
  customerId?: string;
  filters?: PaymentFilters;
  /** `nextCursor` of the previous page. */
  cursor?: string | null;
  limit?: number;
  db?: Database;
}

export interface PurchasedItem {
  productId: string | null;
  name: string;
  quantity: number | null;
  amount: number;
  /** A proration of a plan change (a credit for unused time when negative). */
  proration: boolean;
  periodStart: Date | null;
  periodEnd: Date | null;
}

export interface PaidInvoice {
  id: string;
  number: string | null;
  status: string | null;
  /** What *this* payment paid towards the invoice (minor units). */
  amountPaid: number;
  /** The InvoicePayment's status (paid, open…). */
  paymentStatus: string;
  total: number;
  /** What discounts (coupons, promotion codes) took off the invoice; `total` is after them. */
  discountAmount: number;
  currency: string;
  hostedInvoiceUrl: string | null;
  invoicePdf: string | null;
  lines: PurchasedItem[];
  /**
   * Credit notes on the invoice that give back this payment's refunds, or credit the invoice as a
   * whole (no refund linked) — not those for another payment's refunds.
   */
  creditNotes: HistoryCreditNote[];
}

export interface HistoryCreditNote {
  id: string;
  number: string | null;
  status: string;
  amount: number;
  /** What the credit note gave back as refunds. */
  refunded: number;
  created: Date;
}

export interface HistoryPayment {
  id: string;
  created: Date;
  status: string;
  amount: number;
  amountReceived: number;
  currency: string;
  description: string | null;
  failureMessage: string | null;
  customer: { id: string | null; email: string | null; name: string | null };
  card: { brand: string; last4: string } | null;
  /** Only for a succeeded charge: Stripe also gives a declined one a receipt URL that shows nothing. */
  receiptUrl: string | null;
  /** Sum of the refund rows that are not failed or canceled (minor units). */
  amountRefunded: number;
  refunds: { id: string; amount: number; status: string | null; reason: string | null; created: Date }[];
  disputes: { id: string; amount: number; status: string; reason: string | null; created: Date }[];
  invoices: PaidInvoice[];
  /** Products of a payment without an invoice: from our order, or from its Checkout session. */
  items: (PurchasedItem & { source: 'order' | 'checkout' })[];
  /**
   * Succeeded, but what it paid for is not mirrored yet (typically a subscription payment whose
   * InvoicePayment webhook is late). `resolveLinking` looks it up live.
   */
  linking: boolean;
}

export interface BillingHistoryPage {
  payments: HistoryPayment[];
  nextCursor: string | null;
}

export const MAX_PAGE_SIZE = 100;

export async function billingHistory(options: BillingHistoryOptions = {}): Promise<BillingHistoryPage> {
  const db = options.db ?? (await getDb());
  const limit = Math.min(Math.max(options.limit ?? 20, 1), MAX_PAGE_SIZE);
  const conditions = paymentConditions(options);
  const cursor = options.cursor ? decodeCursor(options.cursor) : null;
  if (cursor) conditions.push(sql`(pi.created, pi.id) < (${cursor.created.toISOString()}::timestamptz, ${cursor.id})`);

  const found = await rows(
    db,
    sql`
    select
      pi.id, pi.created, pi.status, pi.amount, pi.amount_received, pi.currency, pi.description,
      coalesce(ch.failure_message, pi.last_error_message) as failure_message,
      pi.customer_id, c.email as customer_email, c.name as customer_name,
      ch.card_brand, ch.card_last4, case when ch.status = 'succeeded' then ch.receipt_url end as receipt_url,
      coalesce((
        select json_agg(json_build_object('id', r.id, 'amount', r.amount, 'status', r.status, 'reason', r.reason, 'created', r.created)
                        order by r.created, r.id)
        from stripe_refunds r where r.payment_intent_id = pi.id), '[]'::json) as refunds,
      coalesce((
        select json_agg(json_build_object('id', d.id, 'amount', d.amount, 'status', d.status, 'reason', d.reason, 'created', d.created)
                        order by d.created, d.id)
        from stripe_disputes d where d.payment_intent_id = pi.id), '[]'::json) as disputes,
      coalesce((
        select json_agg(json_build_object(
                 'id', i.id, 'number', i.number, 'status', i.status, 'amountPaid', coalesce(ip.amount_paid, 0),
                 'paymentStatus', ip.status, 'total', i.total, 'discountAmount', i.discount_amount, 'currency', i.currency,
                 'hostedInvoiceUrl', i.hosted_invoice_url, 'invoicePdf', i.invoice_pdf,
                 'lines', coalesce((
                   select json_agg(json_build_object(
                            'productId', l.product_id, 'name', coalesce(p.name, l.description, ''), 'quantity', l.quantity,
                            'amount', l.amount, 'periodStart', l.period_start, 'periodEnd', l.period_end,
                            'proration', coalesce((l.raw #>> '{parent,subscription_item_details,proration}')::boolean,
                                                  (l.raw #>> '{parent,invoice_item_details,proration}')::boolean, false))
                          order by l.amount desc, l.id)
                   from stripe_invoice_lines l left join stripe_products p on p.id = l.product_id
                   where l.invoice_id = i.id), '[]'::json),
                 'creditNotes', coalesce((
                   select json_agg(json_build_object(
                            'id', cn.id, 'number', cn.number, 'status', cn.status, 'amount', cn.amount, 'created', cn.created,
                            'refunded', coalesce((select sum((r ->> 'amount_refunded')::bigint) from jsonb_array_elements(cn.raw -> 'refunds') r), 0))
                          order by cn.created, cn.id)
                   from stripe_credit_notes cn
                   where cn.invoice_id = i.id
                     and (jsonb_array_length(coalesce(cn.raw -> 'refunds', '[]'::jsonb)) = 0
                          or exists (select 1 from jsonb_array_elements(cn.raw -> 'refunds') r join stripe_refunds sr on sr.id = r ->> 'refund'
                                     where sr.payment_intent_id = pi.id))), '[]'::json))
               order by i.created, i.id)
        from stripe_invoice_payments ip join stripe_invoices i on i.id = ip.invoice_id
        where ip.payment_intent_id = pi.id and ip.status <> 'canceled'), '[]'::json) as invoices,
      coalesce((
        select json_agg(json_build_object(
                 'source', 'order', 'productId', ol.product_id, 'name', coalesce(p.name, ol.description), 'quantity', ol.quantity,
                 'amount', ol.amount, 'proration', false, 'periodStart', null, 'periodEnd', null)
               order by ol.position)
        from orders o join order_lines ol on ol.order_id = o.id left join stripe_products p on p.id = ol.product_id
        where o.payment_intent_id = pi.id),
      (
        select json_agg(json_build_object(
                 'source', 'checkout', 'productId', li.product_id, 'name', coalesce(p.name, li.description, ''), 'quantity', li.quantity,
                 'amount', li.amount_total, 'proration', false, 'periodStart', null, 'periodEnd', null)
               order by li.id)
        from stripe_checkout_sessions cs join stripe_checkout_line_items li on li.session_id = cs.id
        left join stripe_products p on p.id = li.product_id
        where cs.payment_intent_id = pi.id), '[]'::json) as items,
      pi.invoice_link_checked_at is null as link_unchecked
    from stripe_payment_intents pi
    left join stripe_customers c on c.id = pi.customer_id
    left join stripe_charges ch on ch.id = pi.latest_charge_id
    where ${sql.join(conditions, sql` and `)}
    order by pi.created desc nulls last, pi.id desc nulls last
    limit ${limit + 1}`,
    historyRow,
  );

  const page = found.slice(0, limit).map(toPayment);
  const last = page.at(-1);
  return { payments: page, nextCursor: found.length > limit && last ? encodePageCursor(last.created, last.id) : null };
}

/**
 * Which payments a history (or an admin total over it) covers, as WHERE conditions over
 * `stripe_payment_intents pi` joined to `stripe_customers c`.
 */
export function paymentConditions(options: Pick<BillingHistoryOptions, 'customerId' | 'filters'>): SQL[] {
  const f = options.filters ?? {};
  const conditions: SQL[] = [
    // Only payments someone attempted: not intents created and abandoned before any charge.
    sql`(pi.latest_charge_id is not null or pi.status in ('succeeded', 'processing', 'requires_action', 'requires_capture'))`,
  ];
  if (options.customerId) conditions.push(sql`pi.customer_id = ${options.customerId}`);
  if (f.status?.length) conditions.push(sql`pi.status in (${sql.join(f.status.map((s) => sql`${s}`), sql`, `)})`);
  if (f.createdFrom) conditions.push(sql`pi.created >= ${f.createdFrom.toISOString()}::timestamptz`);
  if (f.createdBefore) conditions.push(sql`pi.created < ${f.createdBefore.toISOString()}::timestamptz`);
  if (f.customerEmail) {
    const pattern = `%${f.customerEmail.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    conditions.push(sql`c.email ilike ${pattern}`);
  }
  if (f.productId) {
    conditions.push(sql`(
      exists (select 1 from stripe_invoice_payments ip join stripe_invoice_lines l on l.invoice_id = ip.invoice_id
              where ip.payment_intent_id = pi.id and l.product_id = ${f.productId})
      or exists (select 1 from orders o join order_lines ol on ol.order_id = o.id
                 where o.payment_intent_id = pi.id and ol.product_id = ${f.productId})
      or exists (select 1 from stripe_checkout_sessions cs join stripe_checkout_line_items li on li.session_id = cs.id
                 where cs.payment_intent_id = pi.id and li.product_id = ${f.productId}))`);
  }
  return conditions;
}

const nullableText = column.text.nullable();
const nullableTimestamp = column.timestamp.nullable();

const itemRow = z.object({
  productId: nullableText,
  name: column.text,
  quantity: column.integer.nullable(),
  amount: column.integer,
  proration: column.boolean,
  periodStart: nullableTimestamp,
  periodEnd: nullableTimestamp,
});

const historyRow = z.object({
  id: column.text,
  created: column.timestamp,
  status: column.text,
  amount: column.integer,
  amount_received: column.integer,
  currency: column.text,
  description: nullableText,
  failure_message: nullableText,
  customer_id: nullableText,
  customer_email: nullableText,
  customer_name: nullableText,
  card_brand: nullableText,
  card_last4: nullableText,
  receipt_url: nullableText,
  refunds: z.array(z.object({ id: column.text, amount: column.integer, status: nullableText, reason: nullableText, created: column.timestamp })),
  disputes: z.array(z.object({ id: column.text, amount: column.integer, status: column.text, reason: nullableText, created: column.timestamp })),
  invoices: z.array(
    z.object({
      id: column.text,
      number: nullableText,
      status: nullableText,
      amountPaid: column.integer,
      paymentStatus: column.text,
      total: column.integer,
      discountAmount: column.integer,
      currency: column.text,
      hostedInvoiceUrl: nullableText,
      invoicePdf: nullableText,
      lines: z.array(itemRow),
      creditNotes: z.array(
        z.object({ id: column.text, number: nullableText, status: column.text, amount: column.integer, refunded: column.integer, created: column.timestamp }),
      ),
    }),
  ),
  items: z.array(itemRow.extend({ source: z.enum(['order', 'checkout']) })),
  link_unchecked: column.boolean,
});

function toPayment(row: z.output<typeof historyRow>): HistoryPayment {
  // An invoice, when there is one, is the record of what was bought; order or Checkout lines are the fallback.
  const items = row.invoices.length ? [] : row.items;
  return {
    id: row.id,
    created: row.created,
    status: row.status,
    amount: row.amount,
    amountReceived: row.amount_received,
    currency: row.currency,
    description: row.description,
    failureMessage: row.failure_message,
    customer: { id: row.customer_id, email: row.customer_email, name: row.customer_name },
    card: row.card_brand && row.card_last4 ? { brand: row.card_brand, last4: row.card_last4 } : null,
    receiptUrl: row.receipt_url,
    amountRefunded: row.refunds.filter((r) => r.status !== 'failed' && r.status !== 'canceled').reduce((sum, r) => sum + r.amount, 0),
    refunds: row.refunds,
    disputes: row.disputes,
    invoices: row.invoices,
    items,
    linking: row.status === 'succeeded' && row.invoices.length === 0 && items.length === 0 && row.link_unchecked,
  };
}

function decodeCursor(cursor: string): PageCursor {
  const decoded = decodePageCursor(cursor);
  if (!decoded) throw new Error('Invalid billing history cursor');
  return decoded;
}
