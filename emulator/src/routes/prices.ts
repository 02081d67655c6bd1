// /v1/prices: create (with product or product_data), list, retrieve, update.
import { type ApiRouter, listRoute, matchAnyOf, matchBool, matchOneOf, matchStr, retrieveRoute, updateRoute } from './api.js';
import { parameterMissing } from '../protocol/errors.js';
import { mustGet } from '../state/lookup.js';
import { createProduct } from '../state/products.js';
import { createPriceFor, INTERVALS, claimLookupKey, tiersOf } from '../state/prices.js';
import { defineExpandOnly } from '../protocol/expand.js';

export function registerPriceRoutes(api: ApiRouter): void {
  defineExpandOnly('price', 'tiers', (emu, price) => tiersOf(emu, emu.store.get('price', String(price.id))!));
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
  api.add('GET', '/v1/prices', listRoute('price', {
    filters: {
      active: matchBool((p) => p.active),
      currency: matchStr((p) => p.currency),
      product: matchStr((p) => p.product),
      type: matchOneOf(['one_time', 'recurring'], (p) => p.type),
      lookup_keys: matchAnyOf((p) => p.lookup_key),
      recurring: (params, name) => {
        const interval = params.obj(name)?.only('interval', 'usage_type', 'meter').oneOf('interval', INTERVALS);
        return interval === undefined ? undefined : (p) => p.recurring?.interval === interval;
      },
    },
  }));
  api.add('GET', '/v1/prices/:id', retrieveRoute('price'));
  api.add('POST', '/v1/prices/:id', updateRoute('price', {
    params: ['active', 'nickname', 'metadata', 'lookup_key', 'transfer_lookup_key', 'tax_behavior', 'currency_options'],
    apply: (price, params, emu) => {
      params.assignBools(price, 'active');
      params.assignNullableStrs(price, 'nickname');
      const lookupKey = params.nullableStr('lookup_key');
      if (lookupKey !== undefined) price.lookup_key = claimLookupKey(emu, lookupKey, params.bool('transfer_lookup_key') ?? false);
      price.metadata = params.metadata(price.metadata);
    },
  }));
}
