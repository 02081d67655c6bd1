// /v1/setup_intents: create (and confirm), list, retrieve, update, confirm, cancel.
import { listRoute, matchStr, retrieveIntentRoute, requireClientSecret, type ApiRouter } from './api.js';
import { paymentMethodFromParams } from '../state/payment-methods.js';
import { mustGet } from '../state/lookup.js';
import { cancelSetupIntent, confirmSetupIntent, createSetupIntent } from '../state/setup-intents.js';
import { mandateAcceptanceFrom, type MandateAcceptance } from '../state/mandates.js';
import { SUPPORTED_PAYMENT_METHOD_TYPES } from '../state/payment-intents.js';
import { invalidRequest } from '../protocol/errors.js';
import type { Params } from '../protocol/params.js';

/** `allowed_payment_method_types` (endive) or `payment_method_types` (older name): card, sepa_debit. */
function setupMethodTypes(params: Params): { paymentMethodTypes?: string[]; allowedPaymentMethodTypes?: string[] } {
  const allowed = params.strList('allowed_payment_method_types');
  const types = allowed ?? params.strList('payment_method_types');
  if (!types) return {};
  const name = allowed ? 'allowed_payment_method_types' : 'payment_method_types';
  for (const type of types) {
    if (!SUPPORTED_PAYMENT_METHOD_TYPES.includes(type)) throw invalidRequest(`The payment method type ${type} is not supported by the emulator; use card or sepa_debit.`, name);
  }
  return { paymentMethodTypes: types, ...(allowed ? { allowedPaymentMethodTypes: allowed } : {}) };
}

function mandateOf(params: Params): MandateAcceptance | undefined {
  const data = params.obj('mandate_data');
  return data ? mandateAcceptanceFrom(data) : undefined;
}

export function registerSetupIntentRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/setup_intents', {
    run: ({ emu, params }) => {
      params.only('allowed_payment_method_types', 'customer', 'payment_method', 'confirm', 'usage', 'description', 'metadata', 'automatic_payment_methods', 'payment_method_types', 'return_url', 'payment_method_data', 'single_use', 'mandate_data', 'flow_directions', 'use_stripe_sdk', 'attach_to_self', 'on_behalf_of', 'payment_method_options', 'payment_method_configuration', 'excluded_payment_method_types', 'confirmation_token');
      const customer = params.str('customer') || null;
      if (customer) mustGet(emu, 'customer', customer, 'customer');
      const si = createSetupIntent(emu, {
        customer,
        paymentMethod: paymentMethodFromParams(emu, params)?.id ?? null,
        usage: params.oneOf('usage', ['off_session', 'on_session'] as const) ?? 'off_session',
        description: params.str('description') ?? null,
        metadata: params.metadata(),
        automaticPaymentMethods: params.obj('automatic_payment_methods')?.bool('enabled') ?? !(params.has('payment_method_types') || params.has('allowed_payment_method_types')),
        ...setupMethodTypes(params),
      });
      if (!(params.bool('confirm') ?? false)) {
        if (params.has('mandate_data')) throw invalidRequest('You can only pass `mandate_data` when `confirm` is true.', 'mandate_data');
        return si;
      }
      return confirmSetupIntent(emu, si, { returnUrl: params.str('return_url'), mandate: mandateOf(params) });
    },
  });
  api.add('GET', '/v1/setup_intents', listRoute('setup_intent', { filters: { customer: matchStr((si) => si.customer), payment_method: matchStr((si) => si.payment_method) }, accepts: ['attach_to_self'] }));
  api.add('GET', '/v1/setup_intents/:id', retrieveIntentRoute('setup_intent'));
  api.add('POST', '/v1/setup_intents/:id', {
    run: ({ emu, params, path }) => {
      params.only('customer', 'description', 'metadata', 'payment_method', 'payment_method_data', 'payment_method_types', 'payment_method_options', 'flow_directions', 'attach_to_self', 'excluded_payment_method_types', 'payment_method_configuration');
      const si = mustGet(emu, 'setup_intent', path.id, 'intent');
      const customer = params.nullableStr('customer');
      if (customer) mustGet(emu, 'customer', customer, 'customer');
      if (customer !== undefined) si.customer = customer;
      params.assignNullableStrs(si, 'description');
      const pm = paymentMethodFromParams(emu, params);
      if (pm) {
        si.payment_method = pm.id;
        si.status = 'requires_confirmation';
      }
      si.metadata = params.metadata(si.metadata ?? {});
      return si;
    },
  });
  api.add('POST', '/v1/setup_intents/:id/confirm', {
    publishable: true,
    run: (call) => {
      call.params.only('payment_method', 'payment_method_data', 'return_url', 'mandate_data', 'use_stripe_sdk', 'client_secret', 'payment_method_options', 'payment_method_types', 'confirmation_token');
      const si = mustGet(call.emu, 'setup_intent', call.path.id, 'intent');
      requireClientSecret(call, si);
      return confirmSetupIntent(call.emu, si, { paymentMethod: paymentMethodFromParams(call.emu, call.params)?.id, returnUrl: call.params.str('return_url'), mandate: mandateOf(call.params) });
    },
  });
  api.add('POST', '/v1/setup_intents/:id/cancel', {
    run: ({ emu, params, path }) => {
      params.only('cancellation_reason');
      const reason = params.oneOf('cancellation_reason', ['abandoned', 'duplicate', 'requested_by_customer'] as const) ?? null;
      return cancelSetupIntent(emu, mustGet(emu, 'setup_intent', path.id, 'intent'), reason);
    },
  });
}
