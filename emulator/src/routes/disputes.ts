// /v1/disputes: list, retrieve, update evidence, close.
import { withoutParams, type ApiRouter, retrieveRoute } from './api.js';
import { LIST_PARAMS, paginate } from '../protocol/list.js';
import { mustGet } from '../state/lookup.js';
import { updateDispute, closeDispute } from '../state/disputes.js';

export function registerDisputeRoutes(api: ApiRouter): void {
  api.add('GET', '/v1/disputes', {
    run: ({ emu, params, url }) => {
      params.only(...LIST_PARAMS, 'charge', 'payment_intent');
      const charge = params.str('charge');
      const pi = params.str('payment_intent');
      const items = emu.store.list('dispute').filter((d) => (charge === undefined || d.charge === charge) && (pi === undefined || d.payment_intent === pi));
      return paginate(items, params, url, 'dispute');
    },
  });
  api.add('GET', '/v1/disputes/:id', retrieveRoute('dispute'));
  api.add('POST', '/v1/disputes/:id', { run: ({ emu, params, path }) => updateDispute(emu, mustGet(emu, 'dispute', path.id), params) });
  api.add('POST', '/v1/disputes/:id/close', withoutParams(({ emu, path }) => closeDispute(emu, mustGet(emu, 'dispute', path.id), 'lost')));
}
