// /v1/payment_intents: create (and confirm), list, retrieve, update, confirm, capture, cancel.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import { listRoute, matchStr, retrieveIntentRoute, requireClientSecret, type ApiRouter } from './api.js';
import { paymentMethodFromParams } from '../state/payment-methods.js';
import type { Params } from '../protocol/params.js';
import { invalidRequest } from '../protocol/errors.js';
import { mustGet } from '../state/lookup.js';
import { mandateAcceptanceFrom } from '../state/mandates.js';
import { updatePaymentIntent, confirmPaymentIntent, capturePaymentIntent, cancelPaymentIntent, createPaymentIntent, SUPPORTED_PAYMENT_METHOD_TYPES, type ConfirmOptions } from '../state/payment-intents.js';

const CREATE_PARAMS = ['allowed_payment_method_types', 'amount', 'currency', 'customer', 'payment_method', 'confirm', 'off_session', 'setup_future_usage', 'capture_method', 'confirmation_method', 'description', 'metadata', 'receipt_email', 'automatic_payment_methods', 'payment_method_types', 'return_url', 'statement_descriptor', 'statement_descriptor_suffix', 'shipping', 'payment_method_options', 'payment_method_data', 'use_stripe_sdk', 'mandate_data', 'error_on_requires_action', 'excluded_payment_method_types', 'payment_method_configuration', 'transfer_group', 'on_behalf_of', 'application_fee_amount', 'transfer_data', 'radar_options', 'confirmation_token', 'amount_details', 'payment_details', 'hooks'];

const CONFIRM_PARAMS = ['payment_method', 'return_url', 'off_session', 'setup_future_usage', 'payment_method_data', 'receipt_email', 'mandate_data', 'use_stripe_sdk', 'client_secret', 'error_on_requires_action', 'capture_method', 'shipping', 'payment_method_options', 'payment_method_types', 'radar_options', 'confirmation_token', 'excluded_payment_method_types', 'amount_details', 'payment_details', 'hooks'];

export function registerPaymentIntentRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/payment_intents', { run: ({ emu, params }) => createPaymentIntentFromParams(emu, params) });
  api.add('GET', '/v1/payment_intents', listRoute('payment_intent', { filters: { customer: matchStr((pi) => pi.customer) } }));
  api.add('GET', '/v1/payment_intents/:id', retrieveIntentRoute('payment_intent'));
  api.add('POST', '/v1/payment_intents/:id', { run: ({ emu, params, path }) => updatePaymentIntent(emu, mustGet(emu, 'payment_intent', path.id, 'intent'), params) });
  api.add('POST', '/v1/payment_intents/:id/confirm', {
    publishable: true,
    run: (call) => {
      call.params.only(...CONFIRM_PARAMS);
      const pi = mustGet(call.emu, 'payment_intent', call.path.id, 'intent');
      requireClientSecret(call, pi);
      return confirmPaymentIntent(call.emu, pi.id, confirmOptions(call.emu, call.params));
    },
  });
  api.add('POST', '/v1/payment_intents/:id/capture', {
    run: ({ emu, params, path }) => {
      params.only('amount_to_capture', 'metadata', 'statement_descriptor', 'statement_descriptor_suffix', 'final_capture', 'application_fee_amount');
      return capturePaymentIntent(emu, mustGet(emu, 'payment_intent', path.id, 'intent'), params.int('amount_to_capture', { min: 1 }));
    },
  });
  api.add('POST', '/v1/payment_intents/:id/cancel', {
    run: ({ emu, params, path }) => {
      params.only('cancellation_reason');
      const reason = params.oneOf('cancellation_reason', ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'] as const) ?? null;
      return cancelPaymentIntent(emu, mustGet(emu, 'payment_intent', path.id, 'intent'), reason);
    },
  });
}

function createPaymentIntentFromParams(emu: Emulator, params: Params): Stripe.PaymentIntent {
  params.only(...CREATE_PARAMS);
  const amount = params.requiredInt('amount', { min: 1 });
  const currency = params.requiredStr('currency').toLowerCase();
  if (currency === 'usd' && amount < 50) {
    throw invalidRequest('Amount must be at least $0.50 usd', 'amount', 'amount_too_small');
  }
  const customer = params.str('customer') || null;
  if (customer) mustGet(emu, 'customer', customer, 'customer');
  const confirm = params.bool('confirm') ?? false;
  for (const confirmOnly of ['return_url', 'off_session', 'error_on_requires_action', 'mandate_data']) {
    if (params.has(confirmOnly) && !confirm) {
      throw invalidRequest(`You can only pass \`${confirmOnly}\` when \`confirm\` is true.`, confirmOnly);
    }
  }
  const automatic = params.obj('automatic_payment_methods')?.only('enabled', 'allow_redirects');
  const methodTypes = paymentMethodTypesFrom(params);
  const paymentMethod = paymentMethodFromParams(emu, params);
  const pi = createPaymentIntent(emu, {
    amount,
    currency,
    customer,
    description: params.str('description') ?? null,
    metadata: params.metadata(),
    captureMethod: params.oneOf('capture_method', ['automatic', 'automatic_async', 'manual'] as const),
    setupFutureUsage: params.oneOf('setup_future_usage', ['off_session', 'on_session'] as const) ?? null,
    automaticPaymentMethods: automatic ? automatic.bool('enabled') ?? true : !params.has('payment_method_types') && !params.has('allowed_payment_method_types'),
    receiptEmail: params.str('receipt_email') ?? null,
    paymentMethod: paymentMethod?.id ?? null,
    paymentMethodTypes: methodTypes.types,
  });
  pi.allowed_payment_method_types = methodTypes.allowed as Stripe.PaymentIntent.AllowedPaymentMethodType[] | null;
  pi.statement_descriptor = params.str('statement_descriptor') ?? null;
  pi.statement_descriptor_suffix = params.str('statement_descriptor_suffix') ?? null;
  pi.transfer_group = params.str('transfer_group') ?? null;
  if (!confirm) return pi;
  return confirmPaymentIntent(emu, pi.id, { ...confirmOptions(emu, params, false), paymentMethod: paymentMethod?.id });
}

/**
 * The payment method types of a new PaymentIntent. `allowed_payment_method_types` (the endive name):
 * Stripe keeps the list and offers the ones compatible with the payment (sepa_debit only in eur).
 * `payment_method_types` (the older name, as the Stripe CLI fixtures send it): every type must fit.
 */
function paymentMethodTypesFrom(params: Params): { allowed: string[] | null; types: string[] | undefined } {
  const allowed = params.strList('allowed_payment_method_types');
  const legacy = params.strList('payment_method_types');
  const name = allowed ? 'allowed_payment_method_types' : 'payment_method_types';
  const types = allowed ?? legacy;
  if (!types) return { allowed: null, types: undefined };
  if (allowed && legacy) throw invalidRequest('You may only specify one of these parameters: allowed_payment_method_types, payment_method_types.', 'payment_method_types');
  if (params.has('automatic_payment_methods')) throw invalidRequest(`You may only specify one of these parameters: automatic_payment_methods, ${name}.`, name);
  for (const type of types) {
    if (!SUPPORTED_PAYMENT_METHOD_TYPES.includes(type)) throw invalidRequest(`The payment method type ${type} is not supported by the emulator; use card or sepa_debit.`, name);
  }
  const eur = params.str('currency')?.toLowerCase() === 'eur';
  if (!allowed) {
    if (types.includes('sepa_debit') && !eur) throw invalidRequest('The payment method type sepa_debit only supports the currency eur.', name);
    return { allowed: null, types };
  }
  const compatible = types.filter((type) => type !== 'sepa_debit' || eur);
  if (compatible.length === 0) throw invalidRequest('None of the allowed_payment_method_types can be used for this payment: sepa_debit only supports the currency eur.', name);
  return { allowed: types, types: compatible };
}

function confirmOptions(emu: Emulator, params: Params, resolvePm = true): ConfirmOptions {
  const mandateData = params.obj('mandate_data');
  const offSession = params.raw.off_session === 'one_off' || params.raw.off_session === 'recurring' ? true : params.bool('off_session');
  return {
    paymentMethod: resolvePm ? paymentMethodFromParams(emu, params)?.id : undefined,
    returnUrl: params.str('return_url'),
    offSession,
    setupFutureUsage: params.isCleared('setup_future_usage') ? null : params.oneOf('setup_future_usage', ['off_session', 'on_session'] as const),
    errorOnRequiresAction: params.bool('error_on_requires_action'),
    receiptEmail: params.str('receipt_email'),
    mandate: mandateData ? mandateAcceptanceFrom(mandateData) : undefined,
  };
}
