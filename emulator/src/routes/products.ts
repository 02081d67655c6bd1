// /v1/products: create, list, retrieve, update, delete.
import { withoutParams, type ApiRouter, listRoute, matchAnyOf, matchBool, retrieveRoute } from './api.js';
import { mustGet } from '../state/lookup.js';
import { createProduct, updateProduct, deleteProduct } from '../state/products.js';

export function registerProductRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/products', { run: ({ emu, params }) => createProduct(emu, params) });
  api.add('GET', '/v1/products', listRoute('product', { filters: { active: matchBool((p) => p.active), ids: matchAnyOf((p) => p.id) }, accepts: ['shippable', 'url'] }));
  api.add('GET', '/v1/products/:id', retrieveRoute('product'));
  api.add('POST', '/v1/products/:id', { run: ({ emu, params, path }) => updateProduct(emu, mustGet(emu, 'product', path.id), params) });
  api.add('DELETE', '/v1/products/:id', withoutParams(({ emu, path }) => deleteProduct(emu, path.id!)));
}
