// /v1/disputes: list, retrieve, update evidence, close.
import { withoutParams, type ApiRouter, listRoute, matchStr, retrieveRoute } from './api.js';
import { mustGet } from '../state/lookup.js';
import { updateDispute, closeDispute } from '../state/disputes.js';

export function registerDisputeRoutes(api: ApiRouter): void {
  api.add('GET', '/v1/disputes', listRoute('dispute', { filters: { charge: matchStr((d) => d.charge), payment_intent: matchStr((d) => d.payment_intent) } }));
  api.add('GET', '/v1/disputes/:id', retrieveRoute('dispute'));
  api.add('POST', '/v1/disputes/:id', { run: ({ emu, params, path }) => updateDispute(emu, mustGet(emu, 'dispute', path.id), params) });
  api.add('POST', '/v1/disputes/:id/close', withoutParams(({ emu, path }) => closeDispute(emu, mustGet(emu, 'dispute', path.id), 'lost')));
}
