// Disputes for admins: the list (mirror only) and evidence submission (Stripe, then synced back).
import { sql } from 'drizzle-orm';
import { getDb, rows, type Database } from '@/lib/db/client';
import { stripe as defaultStripe, Stripe } from '@/lib/stripe/client';
import { syncDispute } from '@/lib/billing/sync';
import { UserError } from '@/lib/errors';

export const openDisputeStatuses = ['warning_needs_response', 'warning_under_review', 'needs_response', 'under_review'];

export const disputeStatusLabels: Record<string, string> = {
  warning_needs_response: 'Inquiry: needs response',
  warning_under_review: 'Inquiry: under review',
  warning_closed: 'Inquiry closed',
  needs_response: 'Needs response',
  under_review: 'Under review',
  won: 'Won',
  lost: 'Lost',
};

export interface AdminDispute {
  id: string;
  status: string;
  reason: string | null;
  amount: number;
  currency: string;
  created: Date;
  evidenceDueBy: Date | null;
  hasEvidence: boolean;
  submissionCount: number;
  evidenceText: string | null;
  chargeId: string;
  paymentIntentId: string | null;
  customerEmail: string | null;
}

const columns = sql`
  d.id, d.status, d.reason, d.amount, d.currency, d.created, d.charge_id, d.payment_intent_id, c.email as customer_email,
  d.raw -> 'evidence_details' ->> 'due_by' as due_by,
  d.raw -> 'evidence_details' ->> 'has_evidence' as has_evidence,
  d.raw -> 'evidence_details' ->> 'submission_count' as submission_count,
  d.raw -> 'evidence' ->> 'uncategorized_text' as evidence_text`;

const from = sql`
  from stripe_disputes d
  left join stripe_charges ch on ch.id = d.charge_id
  left join stripe_customers c on c.id = ch.customer_id`;

/** Every dispute, open ones first (soonest evidence deadline first), then closed ones newest first. */
export async function listDisputes(options: { db?: Database; limit?: number } = {}): Promise<AdminDispute[]> {
  const db = options.db ?? (await getDb());
  const open = sql.join(openDisputeStatuses.map((s) => sql`${s}`), sql`, `);
  const found = await rows<DisputeRow>(
    db,
    sql`select ${columns} ${from}
        order by (d.status in (${open})) desc, (d.raw -> 'evidence_details' ->> 'due_by')::bigint nulls last, d.created desc, d.id
        limit ${options.limit ?? 200}`,
  );
  return found.map(toDispute);
}

export async function disputeById(id: string, options: { db?: Database } = {}): Promise<AdminDispute | null> {
  const db = options.db ?? (await getDb());
  const [row] = await rows<DisputeRow>(db, sql`select ${columns} ${from} where d.id = ${id}`);
  return row ? toDispute(row) : null;
}

/** Evidence Stripe would not take, with its reason. */
export class EvidenceRefused extends UserError {
  override name = 'EvidenceRefused';
}

/** Sends the evidence text and submits it to the card network (no more edits after this). */
export async function submitDisputeEvidence(
  id: string,
  evidence: { text: string; productDescription?: string },
  options: { db?: Database; stripe?: Stripe } = {},
): Promise<void> {
  const client = options.stripe ?? defaultStripe();
  try {
    await client.disputes.update(id, {
      evidence: { uncategorized_text: evidence.text, ...(evidence.productDescription ? { product_description: evidence.productDescription } : {}) },
      submit: true,
    });
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError) throw new EvidenceRefused(error.message);
    throw error;
  }
  await syncDispute(id, { db: options.db, stripe: client });
}

interface DisputeRow {
  id: string;
  status: string;
  reason: string | null;
  amount: string | number;
  currency: string;
  created: Date | string;
  charge_id: string;
  payment_intent_id: string | null;
  customer_email: string | null;
  due_by: string | null;
  has_evidence: string | null;
  submission_count: string | null;
  evidence_text: string | null;
}

function toDispute(row: DisputeRow): AdminDispute {
  return {
    id: row.id,
    status: row.status,
    reason: row.reason,
    amount: Number(row.amount),
    currency: row.currency,
    created: new Date(row.created),
    evidenceDueBy: row.due_by ? new Date(Number(row.due_by) * 1000) : null,
    hasEvidence: row.has_evidence === 'true',
    submissionCount: Number(row.submission_count ?? 0),
    evidenceText: row.evidence_text,
    chargeId: row.charge_id,
    paymentIntentId: row.payment_intent_id,
    customerEmail: row.customer_email,
  };
}
