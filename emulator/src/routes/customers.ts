// /v1/customers: create, list, retrieve (deleted ones too), update, delete.
import type Stripe from 'stripe';
import { withoutParams, type ApiRouter, listRoute, matchStr } from './api.js';
import { LIST_PARAMS, paginate } from '../protocol/list.js';
import { mustGet } from '../state/lookup.js';
import { createCustomer, updateCustomer, deleteCustomer } from '../state/customers.js';
import { removeCustomerDiscount } from '../state/discounts.js';
import { addCustomerSource, cardView, customerSource, updateCustomerSource } from '../state/sources.js';

export function registerCustomerRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/customers', { run: ({ emu, params }) => createCustomer(emu, params) });
  api.add('GET', '/v1/customers', listRoute('customer', { filters: { email: matchStr((c) => c.email), test_clock: matchStr((c) => c.test_clock) } }));
  api.add(
    'GET',
    '/v1/customers/:id',
    withoutParams(({ emu, path }): Stripe.Customer | Stripe.DeletedCustomer =>
      emu.store.wasDeleted('customer', path.id!) ? { id: path.id!, object: 'customer', deleted: true } : mustGet(emu, 'customer', path.id),
    ),
  );
  api.add('POST', '/v1/customers/:id', { run: ({ emu, params, path }) => updateCustomer(emu, mustGet(emu, 'customer', path.id), params) });
  api.add('DELETE', '/v1/customers/:id', withoutParams(({ emu, path }) => deleteCustomer(emu, path.id!)));
  api.add('POST', '/v1/customers/:id/sources', { run: ({ emu, params, path }) => addCustomerSource(emu, mustGet(emu, 'customer', path.id), params) });
  api.add('GET', '/v1/customers/:id/sources', {
    run: ({ emu, params, path, url }) => {
      params.only(...LIST_PARAMS, 'object');
      const customer = mustGet(emu, 'customer', path.id);
      const cards = emu.store.list('payment_method').filter((pm) => pm.customer === customer.id && pm.type === 'card');
      const page = paginate(cards, params, url, 'source');
      return { ...page, data: page.data.map(cardView) };
    },
  });
  api.add('GET', '/v1/customers/:id/sources/:source', withoutParams(({ emu, path }) => cardView(customerSource(emu, mustGet(emu, 'customer', path.id), path.source!))));
  api.add('POST', '/v1/customers/:id/sources/:source', {
    run: ({ emu, params, path }) => updateCustomerSource(emu, customerSource(emu, mustGet(emu, 'customer', path.id), path.source!), params),
  });
  api.add('DELETE', '/v1/customers/:id/discount', withoutParams(({ emu, path }) => removeCustomerDiscount(emu, mustGet(emu, 'customer', path.id))));
}
