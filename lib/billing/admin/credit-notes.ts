// Credit notes for refunds of invoiced payments. A refund gives money back; on an invoiced payment
// the invoice must say so too, which is what a credit note is. Stripe lets a credit note link an
// existing refund (`refunds[][refund]`), so the admin's refund — made on the exact payment they chose,
// which matters once an invoice is paid in parts — is recorded on each paid invoice that payment paid,
// for at most that payment's share of it. An invoice still open is left alone: Stripe applies a credit
// note to what an open invoice still asks for first, which is not what a refund of a part means.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { column, getDb, rows, type Database } from '@/lib/db/client';
import { stripe as defaultStripe, type Stripe } from '@/lib/stripe/client';
import { syncWith } from '@/lib/billing/sync';
import type { refundReasons } from '@/lib/billing/statuses';

type RefundReason = (typeof refundReasons)[number];

export interface RefundToCredit {
  id: string;
  paymentIntentId: string;
  amount: number;
  reason: RefundReason;
}

/** A refund's reason in a credit note's words; a customer's request names no reason of Stripe's list. */
const creditNoteReasons: Partial<Record<RefundReason, Stripe.CreditNoteCreateParams.Reason>> = {
  duplicate: 'duplicate',
  fraudulent: 'fraudulent',
};

interface Allocation {
  invoiceId: string;
  amount: number;
}

/**
 * How much of the refund each paid invoice of the payment takes: invoices in the order they were
 * paid, each up to the payment's share not credited yet and to what the invoice has left to credit.
 * Empty when a credit note already links this refund (a retried refund form).
 */
export async function creditAllocations(refund: RefundToCredit, options: { db?: Database } = {}): Promise<Allocation[]> {
  const db = options.db ?? (await getDb());
  const found = await rows(
    db,
    sql`
    select ip.invoice_id, i.status, i.total, coalesce(ip.amount_paid, 0) as share,
      coalesce((select sum(cn.amount) from stripe_credit_notes cn where cn.invoice_id = i.id and cn.status = 'issued'), 0) as credited,
      coalesce((select sum((r ->> 'amount_refunded')::bigint)
                from stripe_credit_notes cn, jsonb_array_elements(cn.raw -> 'refunds') r join stripe_refunds sr on sr.id = r ->> 'refund'
                where cn.invoice_id = i.id and cn.status = 'issued' and sr.payment_intent_id = ip.payment_intent_id), 0) as credited_for_payment,
      exists (select 1 from stripe_credit_notes cn, jsonb_array_elements(cn.raw -> 'refunds') r
              where cn.status = 'issued' and r ->> 'refund' = ${refund.id}) as already
    from stripe_invoice_payments ip join stripe_invoices i on i.id = ip.invoice_id
    where ip.payment_intent_id = ${refund.paymentIntentId} and ip.status = 'paid'
    order by ip.paid_at nulls last, ip.created, ip.id`,
    z.object({
      invoice_id: column.text,
      status: column.text.nullable(),
      total: column.integer,
      share: column.integer,
      credited: column.integer,
      credited_for_payment: column.integer,
      already: column.boolean,
    }),
  );
  if (found.some((row) => row.already)) return [];
  let left = refund.amount;
  const allocations: Allocation[] = [];
  for (const row of found) {
    if (row.status !== 'paid' || left <= 0) continue;
    const amount = Math.min(left, row.share - row.credited_for_payment, row.total - row.credited);
    if (amount <= 0) continue;
    allocations.push({ invoiceId: row.invoice_id, amount });
    left -= amount;
  }
  return allocations;
}

/**
 * Issues the credit notes for a refund (idempotently: one key per refund and invoice) and mirrors
 * them. Returns the credit notes' ids.
 */
export async function creditInvoicesForRefund(refund: RefundToCredit, options: { db?: Database; stripe?: Stripe } = {}): Promise<string[]> {
  const db = options.db ?? (await getDb());
  const client = options.stripe ?? defaultStripe();
  const allocations = await creditAllocations(refund, { db });
  const notes: Stripe.CreditNote[] = [];
  for (const { invoiceId, amount } of allocations) {
    const reason = creditNoteReasons[refund.reason];
    notes.push(
      await client.creditNotes.create(
        {
          invoice: invoiceId,
          amount,
          refunds: [{ refund: refund.id, amount_refunded: amount }],
          ...(reason ? { reason } : {}),
          metadata: { paydesk_refund: refund.id },
        },
        { idempotencyKey: `paydesk-credit-note-${refund.id}-${invoiceId}` },
      ),
    );
  }
  if (notes.length) await syncWith((run) => Promise.all(notes.map((note) => run.creditNote(note.id))), { db, stripe: client });
  return notes.map((note) => note.id);
}
