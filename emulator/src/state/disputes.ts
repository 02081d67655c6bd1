// Disputes: opened by the 0259 test card after a successful charge; evidence, submit, close.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import type { Params } from '../protocol/params.js';
import { invalidRequest } from '../protocol/errors.js';
import { newId } from '../ids.js';
import { snapshot } from '../events.js';
import { recordBalanceTransaction } from './balance-transactions.js';
import { idOf } from './lookup.js';

const EVIDENCE_FIELDS = [
  'access_activity_log', 'billing_address', 'cancellation_policy', 'cancellation_policy_disclosure', 'cancellation_rebuttal',
  'customer_communication', 'customer_email_address', 'customer_name', 'customer_purchase_ip', 'customer_signature',
  'duplicate_charge_documentation', 'duplicate_charge_explanation', 'duplicate_charge_id', 'product_description', 'receipt',
  'refund_policy', 'refund_policy_disclosure', 'refund_refusal_explanation', 'service_date', 'service_documentation',
  'shipping_address', 'shipping_carrier', 'shipping_date', 'shipping_documentation', 'shipping_tracking_number',
  'uncategorized_file', 'uncategorized_text',
] as const;

const DAY = 86_400;

/** A chargeback withdraws the funds at once; an inquiry only asks for information (no funds move). */
export function openDisputeFor(emu: Emulator, charge: Stripe.Charge, kind: 'chargeback' | 'inquiry'): Stripe.Dispute {
  const now = emu.clock.now();
  const card = charge.payment_method_details?.card;
  const dispute = emu.store.insert({
    id: newId('dp'),
    object: 'dispute',
    amount: charge.amount,
    balance_transactions: [],
    charge: charge.id,
    created: now,
    currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: {
      ...(Object.fromEntries(EVIDENCE_FIELDS.map((f) => [f, null])) as Record<(typeof EVIDENCE_FIELDS)[number], null>),
      enhanced_evidence: {},
    },
    evidence_details: { due_by: now + 7 * DAY, enhanced_eligibility: {}, has_evidence: false, past_due: false, submission_count: 0, submission_method: 'not_submitted' },
    intended_submission_method: null,
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: charge.payment_intent,
    // Stripe's dispute payment_method_details cover cards (and wallets), not bank debits.
    ...(charge.payment_method_details?.type === 'sepa_debit'
      ? {}
      : { payment_method_details: { card: { brand: card?.brand ?? 'visa', case_type: kind, network: card?.network ?? 'visa', network_reason_code: '10.4' }, type: 'card' } }),
    reason: 'fraudulent',
    status: kind === 'inquiry' ? 'warning_needs_response' : 'needs_response',
  });
  charge.disputed = true;
  if (kind === 'chargeback') dispute.balance_transactions.push(disputeMovement(emu, dispute, -dispute.amount, 'dispute'));
  emu.events.emit('charge.dispute.created', dispute);
  if (kind === 'chargeback') emu.events.emit('charge.dispute.funds_withdrawn', dispute);
  return dispute;
}

export function updateDispute(emu: Emulator, dispute: Stripe.Dispute, params: Params): Stripe.Dispute {
  params.only('evidence', 'metadata', 'submit', 'intended_submission_method');
  assertOpen(dispute);
  const before = snapshot(dispute);
  const evidence = params.obj('evidence')?.only(...EVIDENCE_FIELDS, 'enhanced_evidence');
  if (evidence) {
    for (const field of EVIDENCE_FIELDS) {
      const value = evidence.nullableStr(field);
      if (value !== undefined) dispute.evidence[field] = value;
    }
    dispute.evidence_details.has_evidence = EVIDENCE_FIELDS.some((f) => dispute.evidence[f] !== null);
  }
  dispute.metadata = params.metadata(dispute.metadata);
  if (params.bool('submit')) {
    dispute.status = dispute.status === 'warning_needs_response' ? 'warning_under_review' : 'under_review';
    dispute.evidence_details.submission_count += 1;
    dispute.evidence_details.submission_method = 'manual';
  }
  emu.events.emitUpdate('charge.dispute.updated', dispute, before);
  return dispute;
}

/**
 * Ends a dispute: `close` (accepting it) loses; the control API decides won or lost after review.
 * An inquiry moves no funds and ends `warning_closed` either way.
 */
export function closeDispute(emu: Emulator, dispute: Stripe.Dispute, outcome: 'won' | 'lost'): Stripe.Dispute {
  assertOpen(dispute);
  const inquiry = dispute.status.startsWith('warning_');
  dispute.status = inquiry ? 'warning_closed' : outcome;
  if (outcome === 'won' && !inquiry) {
    dispute.balance_transactions.push(disputeMovement(emu, dispute, dispute.amount, 'dispute_reversal'));
    emu.events.emit('charge.dispute.funds_reinstated', dispute);
  }
  emu.events.emit('charge.dispute.closed', dispute);
  return dispute;
}

function disputeMovement(emu: Emulator, dispute: Stripe.Dispute, amount: number, category: 'dispute' | 'dispute_reversal'): Stripe.BalanceTransaction {
  const description = category === 'dispute' ? `Chargeback withdrawal for ${idOf(dispute.charge)}` : `Chargeback reversal for ${idOf(dispute.charge)}`;
  return recordBalanceTransaction(emu, { amount, currency: dispute.currency, type: 'adjustment', reportingCategory: category, source: dispute.id, description, created: emu.clock.now() });
}

function assertOpen(dispute: Stripe.Dispute): void {
  if (dispute.status === 'won' || dispute.status === 'lost' || dispute.status === 'warning_closed') {
    throw invalidRequest(`This dispute is already closed (${dispute.status}).`);
  }
}
