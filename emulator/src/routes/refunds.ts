// /v1/refunds: create, list, retrieve, update, cancel.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import { type ApiRouter, listRoute, matchStr, retrieveRoute, updateRoute } from './api.js';
import type { Params } from '../protocol/params.js';
import { listOf } from '../protocol/list.js';
import { invalidRequest } from '../protocol/errors.js';
import { defineExpandOnly } from '../protocol/expand.js';
import { idOf, mustGet } from '../state/lookup.js';
import { refundCharge, REASONS } from '../state/refunds.js';

export function registerRefundRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/refunds', { run: ({ emu, params }) => createRefundFromParams(emu, params) });
  api.add('GET', '/v1/refunds', listRoute('refund', { filters: { charge: matchStr((r) => r.charge), payment_intent: matchStr((r) => r.payment_intent) } }));
  api.add('GET', '/v1/refunds/:id', retrieveRoute('refund'));
  api.add('POST', '/v1/refunds/:id', updateRoute('refund', {
    params: ['metadata'],
    apply: (refund, params) => {
      refund.metadata = params.metadata(refund.metadata ?? {});
    },
  }));
  api.add('POST', '/v1/refunds/:id/cancel', {
    run: ({ emu, params, path }) => {
      params.only();
      const refund = mustGet(emu, 'refund', path.id);
      throw invalidRequest(`Refund ${refund.id} could not be canceled because it has a status of ${refund.status}. Only a pending refund can be canceled.`, undefined, 'status_transition_invalid');
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
