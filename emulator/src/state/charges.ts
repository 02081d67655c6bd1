// Charges: the record of each payment attempt on a card, created by PaymentIntents.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import type { Decline } from '../cards.js';
import { newId, randomToken } from '../ids.js';
import { idOf, nowForCustomer } from './lookup.js';
import { recordBalanceTransaction } from './balance-transactions.js';

export interface ChargeAttempt {
  paymentIntent: Stripe.PaymentIntent;
  paymentMethod: Stripe.PaymentMethod;
  capture: boolean;
  decline?: Decline;
  threeDSecure: boolean;
  /** A bank debit (sepa_debit): the charge starts `pending`, settled later by settleDebitCharge. */
  mandate?: string;
}

/** Records a charge for a PaymentIntent's attempt; the caller emits its events in Stripe's order. */
export function recordCharge(emu: Emulator, attempt: ChargeAttempt): Stripe.Charge {
  const { paymentIntent: pi, paymentMethod: pm, decline } = attempt;
  const succeeded = !decline;
  const id = newId('ch');
  const card = pm.card!;
  const created = nowForCustomer(emu, idOf(pi.customer));
  if (pm.type === 'sepa_debit') return recordDebitCharge(emu, id, attempt, created);
  const ledger =
    succeeded && attempt.capture
      ? recordBalanceTransaction(emu, {
          amount: pi.amount,
          currency: pi.currency,
          type: 'charge',
          reportingCategory: 'charge',
          source: id,
          description: pi.description,
          created,
          availableNow: emu.store.extras(pm.id).card === 'bypassPending',
        })
      : null;
  return emu.store.insert({
    ...chargeShell(emu, id, pi, pm, created),
    amount_captured: succeeded && attempt.capture ? pi.amount : 0,
    balance_transaction: ledger?.id ?? null,
    captured: succeeded && attempt.capture,
    failure_code: decline?.code ?? null,
    failure_message: decline?.message ?? null,
    outcome: decline
      ? {
          advice_code: null,
          network_advice_code: null,
          network_decline_code: null,
          network_status: 'declined_by_network',
          reason: decline.decline_code,
          risk_level: 'normal',
          risk_score: 20,
          seller_message: 'The bank did not return any further details with this decline.',
          type: 'issuer_declined',
        }
      : {
          advice_code: null,
          network_advice_code: null,
          network_decline_code: null,
          network_status: 'approved_by_network',
          reason: null,
          risk_level: 'normal',
          risk_score: 20,
          seller_message: 'Payment complete.',
          type: 'authorized',
        },
    paid: succeeded,
    payment_method_details: {
      type: 'card',
      card: {
        amount_authorized: succeeded ? pi.amount : null,
        authorization_code: succeeded ? randomToken(6).toUpperCase() : null,
        brand: card.brand,
        checks: structuredClone(card.checks),
        country: card.country,
        electronic_commerce_indicator: attempt.threeDSecure ? '05' : null,
        exp_month: card.exp_month,
        exp_year: card.exp_year,
        fingerprint: card.fingerprint,
        funding: card.funding,
        installments: null,
        last4: card.last4,
        mandate: null,
        network: card.brand,
        network_transaction_id: randomToken(15),
        regulated_status: 'unregulated',
        three_d_secure: attempt.threeDSecure
          ? { authentication_flow: 'challenge', electronic_commerce_indicator: '05', exemption_indicator: null, result: 'authenticated', result_reason: null, transaction_id: randomToken(36), version: '2.2.0' }
          : null,
        transaction_link_id: null,
        wallet: null,
      },
    },
    status: succeeded ? 'succeeded' : 'failed',
  });
}

/** What every charge of a PaymentIntent's attempt has, whatever the payment method. */
function chargeShell(emu: Emulator, id: string, pi: Stripe.PaymentIntent, pm: Stripe.PaymentMethod, created: number) {
  return {
    id,
    object: 'charge' as const,
    amount: pi.amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    billing_details: structuredClone(pm.billing_details),
    calculated_statement_descriptor: 'PAYDESK',
    created,
    currency: pi.currency,
    customer: pi.customer,
    description: pi.description,
    disputed: false,
    failure_balance_transaction: null,
    fraud_details: {},
    livemode: false,
    metadata: { ...pi.metadata },
    on_behalf_of: null,
    payment_intent: pi.id,
    payment_method: pm.id,
    receipt_email: pi.receipt_email,
    receipt_number: null,
    receipt_url: `${emu.baseUrl}/receipts/payment/${id}`,
    refunded: false,
    review: null,
    shipping: structuredClone(pi.shipping),
    source: null,
    source_transfer: null,
    statement_descriptor: pi.statement_descriptor,
    statement_descriptor_suffix: pi.statement_descriptor_suffix,
    transfer_data: null,
    transfer_group: pi.transfer_group,
  };
}

/** A SEPA Direct Debit charge: `pending` until the debit settles (succeeded or failed, with funds only then). */
function recordDebitCharge(emu: Emulator, id: string, attempt: ChargeAttempt, created: number): Stripe.Charge {
  const { paymentIntent: pi, paymentMethod: pm } = attempt;
  const sepa = pm.sepa_debit!;
  return emu.store.insert({
    ...chargeShell(emu, id, pi, pm, created),
    amount_captured: pi.amount,
    balance_transaction: null,
    captured: true,
    failure_code: null,
    failure_message: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: 'approved_by_network',
      reason: null,
      risk_level: 'not_assessed',
      seller_message: 'Payment complete.',
      type: 'authorized',
    },
    paid: false,
    payment_method_details: {
      type: 'sepa_debit',
      sepa_debit: {
        bank_code: sepa.bank_code,
        branch_code: sepa.branch_code,
        country: sepa.country,
        fingerprint: sepa.fingerprint,
        last4: sepa.last4,
        mandate: attempt.mandate ?? null,
      },
    },
    status: 'pending',
  });
}

/** The bank debit settled: funds (pending, as for cards) on success, the failure code otherwise. */
export function settleDebitCharge(emu: Emulator, ch: Stripe.Charge, failure: { code: string; message: string } | undefined, at: number): void {
  if (failure) {
    ch.status = 'failed';
    ch.paid = false;
    ch.captured = false;
    ch.amount_captured = 0;
    ch.failure_code = failure.code;
    ch.failure_message = failure.message;
    ch.outcome = {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: 'declined_by_network',
      reason: null,
      risk_level: 'not_assessed',
      seller_message: 'The bank returned the debit.',
      type: 'issuer_declined',
    };
    return;
  }
  ch.status = 'succeeded';
  ch.paid = true;
  ch.balance_transaction = recordBalanceTransaction(emu, {
    amount: ch.amount,
    currency: ch.currency,
    type: 'charge',
    reportingCategory: 'charge',
    source: ch.id,
    description: ch.description,
    created: at,
  }).id;
}
