// Disputes for admins: the list (mirror only) and evidence submission (Stripe, then synced back).
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { column, getDb, rows, type Database } from '@/lib/db/client';
import { stripe as defaultStripe, Stripe } from '@/lib/stripe/client';
import { syncDispute } from '@/lib/billing/sync';
import { openDisputeStatuses } from '@/lib/billing/statuses';
import { UserError } from '@/lib/errors';

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
  d.id, d.status, d.reason, d.amount, d.currency, d.created, d.charge_id as "chargeId", d.payment_intent_id as "paymentIntentId",
  c.email as "customerEmail",
  d.raw -> 'evidence_details' ->> 'due_by' as "evidenceDueBy",
  coalesce((d.raw -> 'evidence_details' ->> 'has_evidence')::boolean, false) as "hasEvidence",
  coalesce((d.raw -> 'evidence_details' ->> 'submission_count')::integer, 0) as "submissionCount",
  d.raw -> 'evidence' ->> 'uncategorized_text' as "evidenceText"`;

const disputeRow = z.object({
  id: column.text,
  status: column.text,
  reason: column.text.nullable(),
  amount: column.integer,
  currency: column.text,
  created: column.timestamp,
  evidenceDueBy: column.unixSeconds.nullable(),
  hasEvidence: column.boolean,
  submissionCount: column.integer,
  evidenceText: column.text.nullable(),
  chargeId: column.text,
  paymentIntentId: column.text.nullable(),
  customerEmail: column.text.nullable(),
});

const from = sql`
  from stripe_disputes d
  left join stripe_charges ch on ch.id = d.charge_id
  left join stripe_customers c on c.id = ch.customer_id`;

/** Every dispute, open ones first (soonest evidence deadline first), then closed ones newest first. */
export async function listDisputes(options: { db?: Database; limit?: number } = {}): Promise<AdminDispute[]> {
  const db = options.db ?? (await getDb());
  const open = sql.join(openDisputeStatuses.map((s) => sql`${s}`), sql`, `);
  return rows(
    db,
    sql`select ${columns} ${from}
        order by (d.status in (${open})) desc, (d.raw -> 'evidence_details' ->> 'due_by')::bigint nulls last, d.created desc, d.id
        limit ${options.limit ?? 200}`,
    disputeRow,
  );
}

export async function disputeById(id: string, options: { db?: Database } = {}): Promise<AdminDispute | null> {
  const db = options.db ?? (await getDb());
  const [row] = await rows(db, sql`select ${columns} ${from} where d.id = ${id}`, disputeRow);
  return row ?? null;
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
