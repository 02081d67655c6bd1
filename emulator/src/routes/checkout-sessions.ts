// /v1/checkout/sessions: create, list, retrieve, update, expire, line items.
import { withoutParams, type ApiRouter } from './api.js';
import { LIST_PARAMS, listOf, paginate } from '../protocol/list.js';
import { defineExpandOnly } from '../protocol/expand.js';
import { mustGet } from '../state/lookup.js';
import { createCheckoutSession, expireIfDue, expireCheckoutSession, lineItemsOf } from '../state/checkout-sessions.js';

export function registerCheckoutSessionRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/checkout/sessions', { run: ({ emu, params }) => createCheckoutSession(emu, params) });
  api.add('GET', '/v1/checkout/sessions', {
    run: ({ emu, params, url }) => {
      params.only(...LIST_PARAMS, 'customer', 'payment_intent', 'subscription', 'status', 'payment_link', 'customer_details', 'customer_account');
      const customer = params.str('customer');
      const pi = params.str('payment_intent');
      const subscription = params.str('subscription');
      const status = params.oneOf('status', ['open', 'complete', 'expired'] as const);
      const email = params.obj('customer_details')?.only('email').str('email');
      const items = emu.store
        .list('checkout.session')
        .map((s) => expireIfDue(emu, s))
        .filter(
          (s) =>
            (customer === undefined || s.customer === customer) &&
            (pi === undefined || s.payment_intent === pi) &&
            (subscription === undefined || s.subscription === subscription) &&
            (status === undefined || s.status === status) &&
            (email === undefined || s.customer_details?.email === email),
        );
      return paginate(items, params, url, 'checkout.session');
    },
  });
  api.add('GET', '/v1/checkout/sessions/:id', withoutParams(({ emu, path }) => expireIfDue(emu, mustGet(emu, 'checkout.session', path.id, 'session'))));
  api.add('POST', '/v1/checkout/sessions/:id', {
    run: ({ emu, params, path }) => {
      params.only('metadata', 'collected_information', 'shipping_options', 'line_items');
      const session = mustGet(emu, 'checkout.session', path.id, 'session');
      session.metadata = params.metadata(session.metadata ?? {});
      return session;
    },
  });
  api.add('POST', '/v1/checkout/sessions/:id/expire', withoutParams(({ emu, path }) => expireCheckoutSession(emu, mustGet(emu, 'checkout.session', path.id, 'session'))));
  api.add('GET', '/v1/checkout/sessions/:id/line_items', {
    run: ({ emu, params, path, url }) => {
      params.only(...LIST_PARAMS);
      const session = mustGet(emu, 'checkout.session', path.id, 'session');
      return paginate(lineItemsOf(emu, session.id), params, url, 'line item');
    },
  });
  defineExpandOnly('checkout.session', 'line_items', (emu, session) => listOf(lineItemsOf(emu, String(session.id)), `/v1/checkout/sessions/${String(session.id)}/line_items`));
}
