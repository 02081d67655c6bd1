// /v1/charges: list, retrieve, update (charges are created by state/payment-intents.ts).
import { type ApiRouter, listRoute, matchStr, retrieveRoute, updateRoute } from './api.js';

export function registerChargeRoutes(api: ApiRouter): void {
  api.add('GET', '/v1/charges', listRoute('charge', { filters: { customer: matchStr((c) => c.customer), payment_intent: matchStr((c) => c.payment_intent) }, accepts: ['transfer_group'] }));
  api.add('GET', '/v1/charges/:id', retrieveRoute('charge'));
  api.add('POST', '/v1/charges/:id', updateRoute('charge', {
    params: ['description', 'metadata', 'receipt_email', 'shipping', 'fraud_details', 'transfer_group'],
    apply: (charge, params) => {
      params.assignNullableStrs(charge, 'description', 'receipt_email');
      charge.metadata = params.metadata(charge.metadata);
    },
  }));
}
