// /v1/charges: list, retrieve, update (charges are created by state/payment-intents.ts).
import { type ApiRouter, retrieveRoute } from './api.js';
import { LIST_PARAMS, paginate } from '../protocol/list.js';
import { snapshot } from '../events.js';
import { mustGet } from '../state/lookup.js';

export function registerChargeRoutes(api: ApiRouter): void {
  api.add('GET', '/v1/charges', {
    run: ({ emu, params, url }) => {
      params.only(...LIST_PARAMS, 'customer', 'payment_intent', 'transfer_group');
      const customer = params.str('customer');
      const paymentIntent = params.str('payment_intent');
      const items = emu.store
        .list('charge')
        .filter((c) => (customer === undefined || c.customer === customer) && (paymentIntent === undefined || c.payment_intent === paymentIntent));
      return paginate(items, params, url, 'charge');
    },
  });
  api.add('GET', '/v1/charges/:id', retrieveRoute('charge'));
  api.add('POST', '/v1/charges/:id', {
    run: ({ emu, params, path }) => {
      params.only('description', 'metadata', 'receipt_email', 'shipping', 'fraud_details', 'transfer_group');
      const charge = mustGet(emu, 'charge', path.id);
      const before = snapshot(charge);
      const description = params.nullableStr('description');
      if (description !== undefined) charge.description = description;
      const receiptEmail = params.nullableStr('receipt_email');
      if (receiptEmail !== undefined) charge.receipt_email = receiptEmail;
      charge.metadata = params.metadata(charge.metadata);
      emu.events.emitUpdate('charge.updated', charge, before);
      return charge;
    },
  });
}
