// /v1/credit_notes: create, list, retrieve, update, void, lines.
import { withoutParams, type ApiRouter, listRoute, matchStr, retrieveRoute } from './api.js';
import { LIST_PARAMS, paginate } from '../protocol/list.js';
import { mustGet } from '../state/lookup.js';
import { createCreditNote, updateCreditNote, voidCreditNote } from '../state/credit-notes.js';

export function registerCreditNoteRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/credit_notes', { run: ({ emu, params }) => createCreditNote(emu, params) });
  api.add('GET', '/v1/credit_notes', listRoute('credit_note', { filters: { customer: matchStr((c) => c.customer), invoice: matchStr((c) => c.invoice) }, accepts: ['customer_account'] }));
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
