// Refunds: full or partial, never more than what is left on the charge.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import { invalidRequest } from '../protocol/errors.js';
import { recordBalanceTransaction } from './balance-transactions.js';
import { newId, randomToken } from '../ids.js';
import { snapshot } from '../events.js';
import { idOf, nowForCustomer } from './lookup.js';

export const REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'] as const;

/** Refunds part or all of what is left on a charge: the portal and admin flows call this too. */
export function refundCharge(
  emu: Emulator,
  charge: Stripe.Charge,
  options: { amount?: number; reason?: Stripe.Refund.Reason | null; metadata?: Record<string, string> },
): Stripe.Refund {
  if (charge.status === 'failed') {
    throw invalidRequest(`Charge ${charge.id} has failed and cannot be refunded.`, 'charge', 'charge_not_refundable');
  }
  if (charge.disputed) {
    throw invalidRequest(`Charge ${charge.id} has been charged back; cannot issue a refund.`, 'charge', 'charge_disputed');
  }
  const remaining = charge.amount - charge.amount_refunded;
  if (remaining <= 0) throw invalidRequest(`Charge ${charge.id} has already been refunded.`, 'charge', 'charge_already_refunded');
  const amount = options.amount ?? remaining;
  if (amount > remaining) {
    throw invalidRequest(
      `Refund amount (${money(amount, charge.currency)}) is greater than unrefunded amount on charge (${money(remaining, charge.currency)})`,
      'amount',
      'amount_too_large',
    );
  }
  const id = newId('re');
  const created = nowForCustomer(emu, idOf(charge.customer));
  const ledger = recordBalanceTransaction(emu, { amount: -amount, currency: charge.currency, type: 'refund', reportingCategory: 'refund', source: id, description: null, created });
  const refund = emu.store.insert({
    id,
    object: 'refund',
    amount,
    balance_transaction: ledger.id,
    charge: charge.id,
    created: nowForCustomer(emu, idOf(charge.customer)),
    currency: charge.currency,
    customer: charge.customer,
    customer_account: null,
    destination_details: {
      card: { reference: randomToken(12), reference_status: 'available', reference_type: 'acquirer_reference_number', type: 'refund' },
      type: 'card',
    },
    metadata: options.metadata ?? {},
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method,
    reason: options.reason ?? null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  });
  const before = snapshot(charge);
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded >= charge.amount;
  emu.events.emit('charge.refunded', charge, previousOf(before, charge));
  emu.events.emit('refund.created', refund);
  emu.events.emit('charge.refund.updated', refund);
  return refund;
}

function previousOf(before: Stripe.Charge, after: Stripe.Charge): Record<string, unknown> {
  return before.refunded === after.refunded ? { amount_refunded: before.amount_refunded } : { amount_refunded: before.amount_refunded, refunded: before.refunded };
}

function money(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(amount / 100);
}
