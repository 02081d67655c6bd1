// /v1/prices: create (with product or product_data), list, retrieve, update.
import { type ApiRouter, retrieveRoute } from './api.js';
import { LIST_PARAMS, paginate } from '../protocol/list.js';
import { parameterMissing } from '../protocol/errors.js';
import { snapshot } from '../events.js';
import { mustGet } from '../state/lookup.js';
import { createProduct } from '../state/products.js';
import { createPriceFor, INTERVALS, claimLookupKey } from '../state/prices.js';

export function registerPriceRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/prices', {
    run: ({ emu, params }) => {
      params.only('currency', 'unit_amount', 'unit_amount_decimal', 'product', 'product_data', 'recurring', 'lookup_key', 'transfer_lookup_key', 'active', 'nickname', 'metadata', 'tax_behavior', 'billing_scheme', 'custom_unit_amount', 'currency_options', 'tiers', 'tiers_mode', 'transform_quantity');
      let productId = params.str('product');
      const productData = params.obj('product_data');
      if (!productId && productData) productId = createProduct(emu, productData).id;
      if (!productId) throw parameterMissing('product');
      mustGet(emu, 'product', productId, 'product');
      return createPriceFor(emu, productId, params);
    },
  });
  api.add('GET', '/v1/prices', {
    run: ({ emu, params, url }) => {
      params.only(...LIST_PARAMS, 'active', 'currency', 'product', 'type', 'lookup_keys', 'recurring');
      const active = params.bool('active');
      const currency = params.str('currency');
      const product = params.str('product');
      const type = params.oneOf('type', ['one_time', 'recurring'] as const);
      const lookupKeys = params.strList('lookup_keys');
      const interval = params.obj('recurring')?.only('interval', 'usage_type', 'meter').oneOf('interval', INTERVALS);
      const items = emu.store.list('price').filter(
        (p) =>
          (active === undefined || p.active === active) &&
          (currency === undefined || p.currency === currency) &&
          (product === undefined || p.product === product) &&
          (type === undefined || p.type === type) &&
          (!lookupKeys || (p.lookup_key !== null && lookupKeys.includes(p.lookup_key))) &&
          (interval === undefined || p.recurring?.interval === interval),
      );
      return paginate(items, params, url, 'price');
    },
  });
  api.add('GET', '/v1/prices/:id', retrieveRoute('price'));
  api.add('POST', '/v1/prices/:id', {
    run: ({ emu, params, path }) => {
      params.only('active', 'nickname', 'metadata', 'lookup_key', 'transfer_lookup_key', 'tax_behavior', 'currency_options');
      const price = mustGet(emu, 'price', path.id);
      const before = snapshot(price);
      const active = params.bool('active');
      if (active !== undefined) price.active = active;
      const nickname = params.nullableStr('nickname');
      if (nickname !== undefined) price.nickname = nickname;
      const lookupKey = params.nullableStr('lookup_key');
      if (lookupKey !== undefined) price.lookup_key = claimLookupKey(emu, lookupKey, params.bool('transfer_lookup_key') ?? false);
      price.metadata = params.metadata(price.metadata);
      emu.events.emitUpdate('price.updated', price, before);
      return price;
    },
  });
}
