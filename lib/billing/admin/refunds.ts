// Admin refunds: full or partial, with a reason, validated against what is still refundable in the
// mirror and again against Stripe's own charge, sent with one idempotency key per attempt (so a
// double click or a retried request refunds once), then synced so the console shows it at once. A
// refund of an invoiced payment is recorded on its invoices as credit notes (credit-notes.ts).
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { column, getDb, rows, type Database } from '@/lib/db/client';
import { stripe as defaultStripe, Stripe } from '@/lib/stripe/client';
import { syncRefund } from '@/lib/billing/sync';
import { UserError } from '@/lib/errors';
import { formatMoney } from '@/lib/money';
import { logError } from '@/lib/log-error';
import { creditInvoicesForRefund } from './credit-notes';
import type { refundReasons } from '@/lib/billing/statuses';

export type RefundReason = (typeof refundReasons)[number];

/** A refund that must not happen, with a sentence the admin can act on. */
export class RefundRefused extends UserError {
  override name = 'RefundRefused';
}

export interface Refundable {
  paymentIntentId: string;
  status: string;
  currency: string;
  chargeId: string | null;
  /** What the customer paid (minor units). */
  received: number;
  /** Refunds that are not failed or canceled (pending ones count: that money is on its way back). */
  refunded: number;
  /** received − refunded, never below zero. */
  refundable: number;
  /** A dispute that is still open: card networks forbid refunding a charged-back payment. */
  openDispute: boolean;
}

interface Options {
  db?: Database;
  stripe?: Stripe;
}

/** What the mirror says can still be refunded on a payment, or null if the payment is not mirrored. */
export async function refundableAmount(paymentIntentId: string, options: Options = {}): Promise<Refundable | null> {
  const db = options.db ?? (await getDb());
  const [row] = await rows(
    db,
    sql`
      select pi.status, pi.currency, pi.latest_charge_id, pi.amount_received,
        coalesce((select sum(r.amount) from stripe_refunds r
                  where r.payment_intent_id = pi.id and (r.status is null or r.status not in ('failed', 'canceled'))), 0) as refunded,
        (select count(*) from stripe_disputes d
         where d.payment_intent_id = pi.id and d.status not in ('won', 'lost', 'warning_closed')) as open_disputes
      from stripe_payment_intents pi where pi.id = ${paymentIntentId}`,
    z.object({
      status: column.text,
      currency: column.text,
      latest_charge_id: column.text.nullable(),
      amount_received: column.integer,
      refunded: column.integer,
      open_disputes: column.integer,
    }),
  );
  if (!row) return null;
  return {
    paymentIntentId,
    status: row.status,
    currency: row.currency,
    chargeId: row.latest_charge_id,
    received: row.amount_received,
    refunded: row.refunded,
    refundable: Math.max(row.amount_received - row.refunded, 0),
    openDispute: row.open_disputes > 0,
  };
}

export interface RefundRequest {
  paymentIntentId: string;
  /** Minor units. */
  amount: number;
  reason: RefundReason;
  /** Generated when the refund form rendered; the same for every submission of that form. */
  attemptId: string;
  /** Who asked, recorded in the refund's metadata. */
  adminEmail: string;
}

export interface RefundOutcome {
  refundId: string;
  amount: number;
  currency: string;
  /** This attempt had already refunded (a double click or a retry): nothing new was refunded. */
  replayed: boolean;
  /** Credit notes issued for it now (0 for a payment without a paid invoice); null when issuing them failed (a retry issues them). */
  creditNotes: number | null;
}

/** Refunds a payment, or throws RefundRefused with the reason in plain words. */
export async function refundPayment(request: RefundRequest, options: Options = {}): Promise<RefundOutcome> {
  const db = options.db ?? (await getDb());
  const client = options.stripe ?? defaultStripe();

  const earlier = await refundForAttempt(db, request.paymentIntentId, request.attemptId);
  // A retry also issues the credit notes a failed first attempt left out (each at most once).
  if (earlier) return { ...earlier, replayed: true, creditNotes: await creditRefund({ id: earlier.refundId, paymentIntentId: request.paymentIntentId, amount: earlier.amount, reason: request.reason }, db, client) };

  const state = await refundableAmount(request.paymentIntentId, { db });
  if (!state) throw new RefundRefused('This payment is not in Paydesk’s records yet. Reconcile, then try again.');
  checkRefundable(state, request.amount);

  // The mirror may lag behind Stripe (a refund made elsewhere whose webhook has not landed): ask
  // the charge itself before moving money.
  const charge = await client.charges.retrieve(state.chargeId!);
  const liveRefundable = charge.amount_captured - charge.amount_refunded;
  if (charge.disputed && (state.openDispute || (await hasOpenDispute(client, charge.id)))) {
    throw new RefundRefused('This payment is disputed. Respond to the dispute instead of refunding it.');
  }
  if (request.amount > liveRefundable) {
    throw new RefundRefused(
      liveRefundable <= 0
        ? 'This payment has already been fully refunded.'
        : `Only ${formatMoney(liveRefundable, state.currency)} can still be refunded on this payment.`,
    );
  }

  let refund: Stripe.Refund;
  try {
    refund = await client.refunds.create(
      {
        payment_intent: request.paymentIntentId,
        amount: request.amount,
        reason: request.reason,
        metadata: { paydesk_attempt: request.attemptId, paydesk_admin: request.adminEmail },
      },
      { idempotencyKey: `paydesk-admin-refund-${request.attemptId}` },
    );
  } catch (error) {
    if (error instanceof Stripe.errors.StripeIdempotencyError) {
      throw new RefundRefused('This refund form was already submitted with different details. Reload the page and start again.');
    }
    if (error instanceof Stripe.errors.StripeInvalidRequestError) throw new RefundRefused(error.message);
    throw error;
  }
  // The webhook converges this too; syncing now means the page the admin lands on already shows it.
  await syncRefund(refund.id, { db, stripe: client });
  const creditNotes = await creditRefund({ id: refund.id, paymentIntentId: request.paymentIntentId, amount: refund.amount, reason: request.reason }, db, client);
  return { refundId: refund.id, amount: refund.amount, currency: refund.currency, replayed: false, creditNotes };
}

/** The refund's credit notes; a failure is logged, not thrown: the money went back either way. */
async function creditRefund(refund: Parameters<typeof creditInvoicesForRefund>[0], db: Database, client: Stripe): Promise<number | null> {
  try {
    return (await creditInvoicesForRefund(refund, { db, stripe: client })).length;
  } catch (error) {
    logError('admin-refund', 'issuing credit notes', error);
    return null;
  }
}

/** The mirror-side rules, in the order an admin would want to hear them. */
export function checkRefundable(state: Refundable, amount: number): void {
  if (state.status !== 'succeeded' || !state.chargeId) throw new RefundRefused('Only a succeeded payment can be refunded.');
  if (state.openDispute) throw new RefundRefused('This payment is disputed. Respond to the dispute instead of refunding it.');
  if (state.refundable <= 0) throw new RefundRefused('This payment has already been fully refunded.');
  if (!Number.isSafeInteger(amount) || amount < 1) throw new RefundRefused('Enter an amount greater than zero.');
  if (amount > state.refundable) {
    throw new RefundRefused(`Only ${formatMoney(state.refundable, state.currency)} can still be refunded on this payment.`);
  }
}

const closedDisputeStatuses = new Set(['won', 'lost', 'warning_closed']);

/** `charge.disputed` stays true after a dispute closes: only an open one blocks a refund. */
async function hasOpenDispute(client: Stripe, chargeId: string): Promise<boolean> {
  const disputes = await client.disputes.list({ charge: chargeId, limit: 100 });
  return disputes.data.some((d) => !closedDisputeStatuses.has(d.status));
}

async function refundForAttempt(db: Database, paymentIntentId: string, attemptId: string): Promise<Omit<RefundOutcome, 'replayed' | 'creditNotes'> | null> {
  const [row] = await rows(
    db,
    sql`select id as "refundId", amount, currency from stripe_refunds
        where payment_intent_id = ${paymentIntentId} and raw -> 'metadata' ->> 'paydesk_attempt' = ${attemptId} limit 1`,
    z.object({ refundId: column.text, amount: column.integer, currency: column.text }),
  );
  return row ?? null;
}
