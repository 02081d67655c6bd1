// Admin queries about payments beyond the shared history join: totals for a filter (one aggregate
// over ledger rows) and everything the payment detail page shows about one payment.
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { column, getDb, rows, type Database } from '@/lib/db/client';
import { billingHistory, paymentConditions, type BillingHistoryOptions, type BillingHistoryPage, type HistoryPayment, type PaymentFilters } from '@/lib/billing/history';
import { resolveLinking } from '@/lib/billing/linking';

/**
 * A history page for admins. Payments still "linking…" (succeeded, no invoice or items mirrored yet)
 * get the bounded live InvoicePayment lookup, then the page is read again: a payment that turns out
 * to have no invoice is stamped and shows as such instead of linking forever.
 */
export async function adminHistoryPage(options: BillingHistoryOptions): Promise<BillingHistoryPage> {
  const page = await billingHistory(options);
  const linking = page.payments.filter((p) => p.linking).map((p) => p.id);
  if (linking.length === 0) return page;
  await resolveLinking(linking, { db: options.db, maxLookups: 10, timeoutMs: 2_000 });
  return billingHistory(options);
}

export interface PaymentTotals {
  currency: string;
  /** Payments matching the filter (every status). */
  payments: number;
  succeeded: number;
  /** Sum of what the succeeded payments received. */
  gross: number;
  /** Refunds on those payments that are not failed or canceled. */
  refunded: number;
  net: number;
}

/**
 * Totals per currency for the payments `billingHistory` lists with the same filters: money summed
 * from PaymentIntent and Refund rows (keyed by `pi_`/`re_` ids), never from events.
 */
export async function paymentTotals(filters: PaymentFilters, options: { db?: Database } = {}): Promise<PaymentTotals[]> {
  const db = options.db ?? (await getDb());
  const found = await rows(
    db,
    // Refunds are summed per payment once and hash-joined: one pass over each table, instead of
    // one refund lookup per payment (which dominated the time on 100,000 payments).
    sql`
      with refunded as (
        select re.payment_intent_id, sum(re.amount) as amount from stripe_refunds re
        where re.payment_intent_id is not null and (re.status is null or re.status not in ('failed', 'canceled'))
        group by re.payment_intent_id
      )
      select pi.currency,
        count(*) as payments,
        count(*) filter (where pi.status = 'succeeded') as succeeded,
        coalesce(sum(pi.amount_received), 0) as gross,
        coalesce(sum(r.amount), 0) as refunded
      from stripe_payment_intents pi
      left join stripe_customers c on c.id = pi.customer_id
      left join refunded r on r.payment_intent_id = pi.id
      where ${sql.join(paymentConditions({ filters }), sql` and `)}
      group by pi.currency
      order by count(*) desc, pi.currency`,
    z.object({ currency: column.text, payments: column.integer, succeeded: column.integer, gross: column.integer, refunded: column.integer }),
  );
  return found.map((row) => ({ ...row, net: row.gross - row.refunded }));
}

export interface ChargeAttempt {
  id: string;
  status: string;
  amount: number;
  amountRefunded: number;
  currency: string;
  created: Date;
  failureMessage: string | null;
  receiptUrl: string | null;
  card: { brand: string | null; last4: string | null; expMonth: number | null; expYear: number | null; funding: string | null; country: string | null } | null;
}

export interface InvoicePaymentRow {
  id: string;
  invoiceId: string;
  invoiceNumber: string | null;
  status: string;
  amountPaid: number | null;
  amountRequested: number;
  currency: string;
  paidAt: Date | null;
}

export interface DisputeSummary {
  id: string;
  status: string;
  reason: string | null;
  amount: number;
  currency: string;
  evidenceDueBy: Date | null;
}

export interface TimelineEvent {
  id: string;
  type: string;
  created: Date;
  receivedAt: Date;
  status: string;
  objectId: string | null;
  lastError: string | null;
}

export interface PaymentDetail {
  payment: HistoryPayment;
  /** Every charge attempt on the payment, newest first (a decline then a success shows both). */
  charges: ChargeAttempt[];
  invoicePayments: InvoicePaymentRow[];
  disputes: DisputeSummary[];
  /** Inbox events about the payment, its charges, invoices, invoice payments, refunds and disputes. */
  timeline: TimelineEvent[];
  /** What can still be refunded (received − refunds not failed/canceled). */
  refundable: number;
  /** How each invoice this payment paid was paid: every paid part, this payment's included (an invoice paid in parts). */
  allocations: InvoiceAllocation[];
}

export interface InvoiceAllocation {
  invoiceId: string;
  parts: { paymentIntentId: string | null; amountPaid: number; paidAt: Date | null }[];
}

const nullableText = column.text.nullable();

const chargeRow = z.object({
  id: column.text,
  status: column.text,
  amount: column.integer,
  amount_refunded: column.integer,
  currency: column.text,
  created: column.timestamp,
  failure_message: nullableText,
  receipt_url: nullableText,
  card_brand: nullableText,
  card_last4: nullableText,
  /** The charge's own card details (Stripe's `payment_method_details.card`), for what the columns lack. */
  card: z
    .object({
      brand: nullableText.optional(),
      last4: nullableText.optional(),
      exp_month: z.number().nullable().optional(),
      exp_year: z.number().nullable().optional(),
      funding: nullableText.optional(),
      country: nullableText.optional(),
    })
    .nullable(),
});

const invoicePaymentRow = z.object({
  id: column.text,
  invoiceId: column.text,
  invoiceNumber: nullableText,
  status: column.text,
  amountPaid: column.integer.nullable(),
  amountRequested: column.integer,
  currency: column.text,
  paidAt: column.timestamp.nullable(),
});

const allocationRow = z.object({
  invoiceId: column.text,
  parts: z.array(z.object({ paymentIntentId: nullableText, amountPaid: column.integer, paidAt: column.timestamp.nullable() })),
});

const disputeSummaryRow = z.object({
  id: column.text,
  status: column.text,
  reason: nullableText,
  amount: column.integer,
  currency: column.text,
  evidenceDueBy: column.unixSeconds.nullable(),
});

const timelineRow = z.object({
  id: column.text,
  type: column.text,
  created: column.timestamp,
  receivedAt: column.timestamp,
  status: column.text,
  objectId: nullableText,
  lastError: nullableText,
});

/** Everything about one payment, or null if it is not mirrored (or was never attempted). */
export async function paymentDetail(id: string, options: { db?: Database } = {}): Promise<PaymentDetail | null> {
  const db = options.db ?? (await getDb());
  const [intent] = await rows(
    db,
    sql`select customer_id, created from stripe_payment_intents where id = ${id}`,
    z.object({ customer_id: column.text.nullable(), created: column.timestamp }),
  );
  if (!intent) return null;
  // The shared history join, narrowed to this payment's millisecond, so the detail page shows the
  // invoices, products and refunds exactly as the table does.
  const { created } = intent;
  const page = await adminHistoryPage({
    db,
    customerId: intent.customer_id ?? undefined,
    filters: { createdFrom: created, createdBefore: new Date(created.getTime() + 1) },
    limit: 100,
  });
  const payment = page.payments.find((p) => p.id === id);
  if (!payment) return null;

  const [charges, invoicePayments, disputes, allocations] = await Promise.all([
    rows(
      db,
      sql`select id, status, amount, amount_refunded, currency, created, failure_message, receipt_url, card_brand, card_last4,
            raw -> 'payment_method_details' -> 'card' as card
          from stripe_charges where payment_intent_id = ${id} order by created desc, id desc`,
      chargeRow,
    ),
    rows(
      db,
      sql`select ip.id, ip.invoice_id as "invoiceId", i.number as "invoiceNumber", ip.status, ip.amount_paid as "amountPaid",
            ip.amount_requested as "amountRequested", ip.currency, ip.paid_at as "paidAt"
          from stripe_invoice_payments ip left join stripe_invoices i on i.id = ip.invoice_id
          where ip.payment_intent_id = ${id} order by ip.created, ip.id`,
      invoicePaymentRow,
    ),
    rows(
      db,
      sql`select id, status, reason, amount, currency, raw -> 'evidence_details' -> 'due_by' as "evidenceDueBy"
          from stripe_disputes where payment_intent_id = ${id} order by created, id`,
      disputeSummaryRow,
    ),
    rows(
      db,
      sql`select mine.invoice_id as "invoiceId",
            json_agg(json_build_object('paymentIntentId', ip.payment_intent_id, 'amountPaid', ip.amount_paid, 'paidAt', ip.paid_at)
                     order by ip.paid_at nulls last, ip.created, ip.id) as parts
          from (select distinct invoice_id from stripe_invoice_payments where payment_intent_id = ${id} and status = 'paid') mine
          join stripe_invoice_payments ip on ip.invoice_id = mine.invoice_id and ip.status = 'paid'
          group by mine.invoice_id`,
      allocationRow,
    ),
  ]);

  const relatedIds = [
    id,
    ...charges.map((c) => c.id),
    ...invoicePayments.flatMap((p) => [p.id, p.invoiceId]),
    ...payment.refunds.map((r) => r.id),
    ...disputes.map((d) => d.id),
  ];
  const timeline = await rows(
    db,
    sql`select id, type, created, received_at as "receivedAt", status, object_id as "objectId", last_error as "lastError" from stripe_events
        where object_id in (${sql.join([...new Set(relatedIds)].map((x) => sql`${x}`), sql`, `)})
        order by created, received_at, id
        limit 500`,
    timelineRow,
  );

  return {
    payment,
    charges: charges.map(({ card_brand, card_last4, card, failure_message, receipt_url, amount_refunded, ...charge }) => ({
      ...charge,
      amountRefunded: amount_refunded,
      failureMessage: failure_message,
      receiptUrl: receipt_url,
      card:
        card_brand || card
          ? {
              brand: card_brand ?? card?.brand ?? null,
              last4: card_last4 ?? card?.last4 ?? null,
              expMonth: card?.exp_month ?? null,
              expYear: card?.exp_year ?? null,
              funding: card?.funding ?? null,
              country: card?.country ?? null,
            }
          : null,
    })),
    invoicePayments,
    disputes,
    timeline,
    refundable: Math.max(payment.amountReceived - payment.amountRefunded, 0),
    allocations,
  };
}
