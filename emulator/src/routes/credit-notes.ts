// /v1/credit_notes: create, list, retrieve, update, void, lines.
import { withoutParams, type ApiRouter, retrieveRoute } from './api.js';
import { LIST_PARAMS, paginate } from '../protocol/list.js';
import { mustGet } from '../state/lookup.js';
import { createCreditNote, updateCreditNote, voidCreditNote } from '../state/credit-notes.js';

export function registerCreditNoteRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/credit_notes', { run: ({ emu, params }) => createCreditNote(emu, params) });
  api.add('GET', '/v1/credit_notes', {
    run: ({ emu, params, url }) => {
      params.only(...LIST_PARAMS, 'customer', 'invoice', 'customer_account');
      const customer = params.str('customer');
      const invoice = params.str('invoice');
      const items = emu.store.list('credit_note').filter((c) => (customer === undefined || c.customer === customer) && (invoice === undefined || c.invoice === invoice));
      return paginate(items, params, url, 'credit_note');
    },
  });
  api.add('GET', '/v1/credit_notes/:id', retrieveRoute('credit_note'));
  api.add('POST', '/v1/credit_notes/:id', { run: ({ emu, params, path }) => updateCreditNote(emu, mustGet(emu, 'credit_note', path.id), params) });
  api.add('POST', '/v1/credit_notes/:id/void', withoutParams(({ emu, path }) => voidCreditNote(emu, mustGet(emu, 'credit_note', path.id))));
  api.add('GET', '/v1/credit_notes/:id/lines', {
    run: ({ emu, params, path, url }) => {
      params.only(...LIST_PARAMS);
      return paginate(mustGet(emu, 'credit_note', path.id).lines.data, params, url, 'credit_note_line_item');
    },
  });
}
