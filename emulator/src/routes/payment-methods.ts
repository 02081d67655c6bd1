// /v1/payment_methods and /v1/customers/:customer/payment_methods.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import { withoutParams, type ApiRouter, retrieveRoute } from './api.js';
import type { Params } from '../protocol/params.js';
import { LIST_PARAMS, paginate } from '../protocol/list.js';
import { invalidRequest, parameterMissing } from '../protocol/errors.js';
import { mustGet } from '../state/lookup.js';
import { updatePaymentMethod, attachPaymentMethod, detachPaymentMethod, createCardPaymentMethod, createSepaDebitPaymentMethod } from '../state/payment-methods.js';

export function registerPaymentMethodRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/payment_methods', { publishable: true, run: ({ emu, params }) => createPaymentMethodFromParams(emu, params) });
  api.add('GET', '/v1/payment_methods', {
    run: ({ emu, params, url }) => {
      params.only(...LIST_PARAMS, 'customer', 'type', 'allow_redisplay');
      const customer = params.str('customer');
      if (customer) mustGet(emu, 'customer', customer, 'customer');
      return paginate(paymentMethodsOf(emu, customer, params.str('type')), params, url, 'payment_method');
    },
  });
  api.add('GET', '/v1/payment_methods/:id', retrieveRoute('payment_method'));
  api.add('POST', '/v1/payment_methods/:id', { run: ({ emu, params, path }) => updatePaymentMethod(emu, mustGet(emu, 'payment_method', path.id), params) });
  api.add('POST', '/v1/payment_methods/:id/attach', {
    run: ({ emu, params, path }) => {
      params.only('customer');
      const customer = mustGet(emu, 'customer', params.requiredStr('customer'), 'customer');
      return attachPaymentMethod(emu, path.id!, customer.id, 'payment_method');
    },
  });
  api.add('POST', '/v1/payment_methods/:id/detach', withoutParams(({ emu, path }) => detachPaymentMethod(emu, mustGet(emu, 'payment_method', path.id))));
  api.add('GET', '/v1/customers/:customer/payment_methods', {
    run: ({ emu, params, path, url }) => {
      params.only(...LIST_PARAMS, 'type', 'allow_redisplay');
      const customer = mustGet(emu, 'customer', path.customer, 'customer');
      return paginate(paymentMethodsOf(emu, customer.id, params.str('type')), params, url, 'payment_method');
    },
  });
  api.add('GET', '/v1/customers/:customer/payment_methods/:id', {
    run: ({ emu, params, path }) => {
      params.only();
      const pm = mustGet(emu, 'payment_method', path.id);
      if (pm.customer !== path.customer) throw invalidRequest(`No such PaymentMethod: '${path.id}'`, 'payment_method', 'resource_missing');
      return pm;
    },
  });
}

function paymentMethodsOf(emu: Emulator, customer: string | undefined, type: string | undefined): Stripe.PaymentMethod[] {
  return emu.store.list('payment_method').filter((pm) => (customer === undefined || pm.customer === customer) && (type === undefined || pm.type === type));
}

function createPaymentMethodFromParams(emu: Emulator, params: Params): Stripe.PaymentMethod {
  params.only('type', 'card', 'sepa_debit', 'billing_details', 'metadata', 'customer', 'payment_method', 'allow_redisplay');
  const type = params.str('type');
  if (type === 'sepa_debit') {
    const sepa = params.obj('sepa_debit');
    if (!sepa) throw parameterMissing('sepa_debit');
    return createSepaDebitPaymentMethod(emu, sepa, params.obj('billing_details'), params.metadata());
  }
  if (type !== undefined && type !== 'card') {
    throw invalidRequest(`The payment method type ${type} is not supported by the emulator; use card or sepa_debit.`, 'type');
  }
  const card = params.obj('card');
  if (!card) throw parameterMissing('card');
  return createCardPaymentMethod(emu, card, params.obj('billing_details'), params.metadata());
}
