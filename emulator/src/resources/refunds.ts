// Refunds: full or partial, never more than what is left on the charge.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import type { ApiRouter } from '../api.js';
import type { Params } from '../protocol/params.js';
import { LIST_PARAMS, listOf, paginate } from '../protocol/list.js';
import { invalidRequest } from '../protocol/errors.js';
import { defineExpandOnly } from '../protocol/expand.js';
import { newId, randomToken } from '../ids.js';
import { snapshot } from '../events.js';
import { idOf, mustGet, nowForCustomer, retrieveRoute } from './lookup.js';

const REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'] as const;

export function registerRefundRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/refunds', { run: ({ emu, params }) => createRefundFromParams(emu, params) });
  api.add('GET', '/v1/refunds', {
    run: ({ emu, params, url }) => {
      params.only(...LIST_PARAMS, 'charge', 'payment_intent');
      const charge = params.str('charge');
      const paymentIntent = params.str('payment_intent');
      const items = emu.store.list('refund').filter((r) => (charge === undefined || r.charge === charge) && (paymentIntent === undefined || r.payment_intent === paymentIntent));
      return paginate(items, params, url, 'refund');
    },
  });
  api.add('GET', '/v1/refunds/:id', retrieveRoute('refund'));
  api.add('POST', '/v1/refunds/:id', {
    run: ({ emu, params, path }) => {
      params.only('metadata');
      const refund = mustGet(emu, 'refund', path.id);
      const before = snapshot(refund);
      refund.metadata = params.metadata(refund.metadata ?? {});
      emu.events.emitUpdate('refund.updated', refund, before);
      return refund;
    },
  });
  api.add('POST', '/v1/refunds/:id/cancel', {
    run: ({ emu, params, path }) => {
      params.only();
      const refund = mustGet(emu, 'refund', path.id);
      throw invalidRequest(`Refund ${refund.id} could not be canceled because it has a status of ${refund.status}. Only a pending refund can be canceled.`, undefined, 'refund_unexpected_state');
    },
  });
  defineExpandOnly('charge', 'refunds', (emu, charge) =>
    listOf(
      emu.store.list('refund').filter((r) => r.charge === charge.id),
      `/v1/charges/${String(charge.id)}/refunds`,
    ),
  );
}

function createRefundFromParams(emu: Emulator, params: Params): Stripe.Refund {
  params.only('charge', 'payment_intent', 'amount', 'reason', 'metadata', 'instructions_email', 'refund_application_fee', 'reverse_transfer', 'origin', 'currency', 'customer');
  const chargeId = params.str('charge');
  const piId = params.str('payment_intent');
  if (!chargeId && !piId) {
    throw invalidRequest('One of the following params should be provided for this request: payment_intent or charge.', undefined, 'parameter_missing');
  }
  let charge: Stripe.Charge;
  if (chargeId) {
    charge = mustGet(emu, 'charge', chargeId, 'charge');
  } else {
    const pi = mustGet(emu, 'payment_intent', piId, 'payment_intent');
    const latest = idOf(pi.latest_charge);
    if (!latest || pi.status !== 'succeeded') {
      throw invalidRequest(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, 'payment_intent', 'charge_not_refundable');
    }
    charge = mustGet(emu, 'charge', latest, 'charge');
  }
  return refundCharge(emu, charge, {
    amount: params.int('amount', { min: 1 }),
    reason: params.oneOf('reason', REASONS) ?? null,
    metadata: params.metadata(),
  });
}

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
  const refund = emu.store.insert({
    id: newId('re'),
    object: 'refund',
    amount,
    balance_transaction: newId('txn'),
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
