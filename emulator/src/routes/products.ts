// /v1/products: create, list, retrieve, update, delete.
import { withoutParams, type ApiRouter, retrieveRoute } from './api.js';
import { LIST_PARAMS, paginate } from '../protocol/list.js';
import { mustGet } from '../state/lookup.js';
import { createProduct, updateProduct, deleteProduct } from '../state/products.js';

export function registerProductRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/products', { run: ({ emu, params }) => createProduct(emu, params) });
  api.add('GET', '/v1/products', {
    run: ({ emu, params, url }) => {
      params.only(...LIST_PARAMS, 'active', 'ids', 'shippable', 'url');
      const active = params.bool('active');
      const ids = params.strList('ids');
      const items = emu.store
        .list('product')
        .filter((p) => (active === undefined || p.active === active) && (!ids || ids.includes(p.id)));
      return paginate(items, params, url, 'product');
    },
  });
  api.add('GET', '/v1/products/:id', retrieveRoute('product'));
  api.add('POST', '/v1/products/:id', { run: ({ emu, params, path }) => updateProduct(emu, mustGet(emu, 'product', path.id), params) });
  api.add('DELETE', '/v1/products/:id', withoutParams(({ emu, path }) => deleteProduct(emu, path.id!)));
}
