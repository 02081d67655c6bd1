// /v1/tax_rates: create, list, retrieve, update.
import { type ApiRouter, retrieveRoute } from './api.js';
import { LIST_PARAMS, paginate } from '../protocol/list.js';
import { mustGet } from '../state/lookup.js';
import { createTaxRate, updateTaxRate } from '../state/tax-rates.js';

export function registerTaxRateRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/tax_rates', { run: ({ emu, params }) => createTaxRate(emu, params) });
  api.add('GET', '/v1/tax_rates', {
    run: ({ emu, params, url }) => {
      params.only(...LIST_PARAMS, 'active', 'inclusive');
      const active = params.bool('active');
      const inclusive = params.bool('inclusive');
      const items = emu.store.list('tax_rate').filter((t) => (active === undefined || t.active === active) && (inclusive === undefined || t.inclusive === inclusive));
      return paginate(items, params, url, 'tax_rate');
    },
  });
  api.add('GET', '/v1/tax_rates/:id', retrieveRoute('tax_rate'));
  api.add('POST', '/v1/tax_rates/:id', { run: ({ emu, params, path }) => updateTaxRate(emu, mustGet(emu, 'tax_rate', path.id), params) });
}
