// Admin queries about payments beyond the shared history join: totals for a filter (one aggregate
// over ledger rows) and everything the payment detail page shows about one payment.
import { sql, type SQL } from 'drizzle-orm';
import { getDb, rows, type Database } from '@/lib/db/client';
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
  const found = await rows<{ currency: string; payments: string | number; succeeded: string | number; gross: string | number; refunded: string | number }>(
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
  );
  return found.map((row) => {
    const gross = Number(row.gross);
    const refunded = Number(row.refunded);
    return { currency: row.currency, payments: Number(row.payments), succeeded: Number(row.succeeded), gross, refunded, net: gross - refunded };
  });
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
}

/** Everything about one payment, or null if it is not mirrored (or was never attempted). */
export async function paymentDetail(id: string, options: { db?: Database } = {}): Promise<PaymentDetail | null> {
  const db = options.db ?? (await getDb());
  const [intent] = await rows<{ customer_id: string | null; created: Date | string }>(
    db,
    sql`select customer_id, created from stripe_payment_intents where id = ${id}`,
  );
  if (!intent) return null;
  // The shared history join, narrowed to this payment's millisecond, so the detail page shows the
  // invoices, products and refunds exactly as the table does.
  const created = new Date(intent.created);
  const page = await adminHistoryPage({
    db,
    customerId: intent.customer_id ?? undefined,
    filters: { createdFrom: created, createdBefore: new Date(created.getTime() + 1) },
    limit: 100,
  });
  const payment = page.payments.find((p) => p.id === id);
  if (!payment) return null;

  const [charges, invoicePayments, disputes] = await Promise.all([
    rows<Record<string, unknown>>(
      db,
      sql`select id, status, amount, amount_refunded, currency, created, failure_message, receipt_url, card_brand, card_last4,
            raw -> 'payment_method_details' -> 'card' as card
          from stripe_charges where payment_intent_id = ${id} order by created desc, id desc`,
    ),
    rows<Record<string, unknown>>(
      db,
      sql`select ip.id, ip.invoice_id, i.number, ip.status, ip.amount_paid, ip.amount_requested, ip.currency, ip.paid_at
          from stripe_invoice_payments ip left join stripe_invoices i on i.id = ip.invoice_id
          where ip.payment_intent_id = ${id} order by ip.created, ip.id`,
    ),
    rows<Record<string, unknown>>(
      db,
      sql`select id, status, reason, amount, currency, raw -> 'evidence_details' ->> 'due_by' as due_by
          from stripe_disputes where payment_intent_id = ${id} order by created, id`,
    ),
  ]);

  const relatedIds = [
    id,
    ...charges.map((c) => c.id as string),
    ...invoicePayments.flatMap((p) => [p.id as string, p.invoice_id as string]),
    ...payment.refunds.map((r) => r.id),
    ...disputes.map((d) => d.id as string),
  ];
  const timeline = await rows<Record<string, unknown>>(
    db,
    sql`select id, type, created, received_at, status, object_id, last_error from stripe_events
        where object_id in (${sql.join([...new Set(relatedIds)].map((x) => sql`${x}`), sql`, `)})
        order by created, received_at, id
        limit 500`,
  );

  return {
    payment,
    charges: charges.map((c) => {
      const card = (typeof c.card === 'string' ? JSON.parse(c.card) : c.card) as Record<string, unknown> | null;
      return {
        id: c.id as string,
        status: c.status as string,
        amount: Number(c.amount),
        amountRefunded: Number(c.amount_refunded),
        currency: c.currency as string,
        created: new Date(c.created as string),
        failureMessage: (c.failure_message as string | null) ?? null,
        receiptUrl: (c.receipt_url as string | null) ?? null,
        card:
          c.card_brand || card
            ? {
                brand: (c.card_brand as string | null) ?? (card?.brand as string | null) ?? null,
                last4: (c.card_last4 as string | null) ?? (card?.last4 as string | null) ?? null,
                expMonth: (card?.exp_month as number | null) ?? null,
                expYear: (card?.exp_year as number | null) ?? null,
                funding: (card?.funding as string | null) ?? null,
                country: (card?.country as string | null) ?? null,
              }
            : null,
      };
    }),
    invoicePayments: invoicePayments.map((p) => ({
      id: p.id as string,
      invoiceId: p.invoice_id as string,
      invoiceNumber: (p.number as string | null) ?? null,
      status: p.status as string,
      amountPaid: p.amount_paid == null ? null : Number(p.amount_paid),
      amountRequested: Number(p.amount_requested),
      currency: p.currency as string,
      paidAt: p.paid_at ? new Date(p.paid_at as string) : null,
    })),
    disputes: disputes.map((d) => ({
      id: d.id as string,
      status: d.status as string,
      reason: (d.reason as string | null) ?? null,
      amount: Number(d.amount),
      currency: d.currency as string,
      evidenceDueBy: d.due_by ? new Date(Number(d.due_by) * 1000) : null,
    })),
    timeline: timeline.map((e) => ({
      id: e.id as string,
      type: e.type as string,
      created: new Date(e.created as string),
      receivedAt: new Date(e.received_at as string),
      status: e.status as string,
      objectId: (e.object_id as string | null) ?? null,
      lastError: (e.last_error as string | null) ?? null,
    })),
    refundable: Math.max(payment.amountReceived - payment.amountRefunded, 0),
  };
}
