// /v1/tax_rates: create, list, retrieve, update.
import { type ApiRouter, listRoute, matchBool, retrieveRoute } from './api.js';
import { mustGet } from '../state/lookup.js';
import { createTaxRate, updateTaxRate } from '../state/tax-rates.js';

export function registerTaxRateRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/tax_rates', { run: ({ emu, params }) => createTaxRate(emu, params) });
  api.add('GET', '/v1/tax_rates', listRoute('tax_rate', { filters: { active: matchBool((t) => t.active), inclusive: matchBool((t) => t.inclusive) } }));
  api.add('GET', '/v1/tax_rates/:id', retrieveRoute('tax_rate'));
  api.add('POST', '/v1/tax_rates/:id', { run: ({ emu, params, path }) => updateTaxRate(emu, mustGet(emu, 'tax_rate', path.id), params) });
}
