// Products: the things prices are for.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import type { Params } from '../protocol/params.js';
import { invalidRequest } from '../protocol/errors.js';
import { newId } from '../ids.js';
import { snapshot } from '../events.js';
import { mustGet } from './lookup.js';
import { createPriceFor } from './prices.js';

export function createProduct(emu: Emulator, params: Params): Stripe.Product {
  params.only('id', 'name', 'active', 'description', 'images', 'metadata', 'marketing_features', 'default_price_data', 'tax_code', 'unit_label', 'url', 'statement_descriptor', 'shippable', 'package_dimensions', 'type');
  const id = params.str('id') || newId('prod');
  if (emu.store.byId(id)) throw invalidRequest(`Product already exists.`, 'id', 'resource_already_exists');
  const now = emu.clock.now();
  const product = emu.store.insert({
    id,
    object: 'product',
    active: params.bool('active') ?? true,
    created: now,
    default_price: null,
    description: params.nullableStr('description') ?? null,
    images: params.strList('images') ?? [],
    livemode: false,
    marketing_features: params.objList('marketing_features').map((f) => ({ name: f.str('name') })),
    metadata: params.metadata(),
    name: params.requiredStr('name'),
    package_dimensions: null,
    shippable: null,
    statement_descriptor: params.str('statement_descriptor') ?? null,
    tax_code: params.str('tax_code') ?? null,
    tax_details: null,
    type: 'service',
    unit_label: params.str('unit_label') ?? null,
    updated: now,
    url: params.nullableStr('url') ?? null,
  });
  emu.events.emit('product.created', product);
  const defaultPrice = params.obj('default_price_data');
  if (defaultPrice) {
    const price = createPriceFor(emu, product.id, defaultPrice);
    product.default_price = price.id;
  }
  return product;
}

export function updateProduct(emu: Emulator, product: Stripe.Product, params: Params): Stripe.Product {
  params.only('name', 'active', 'description', 'images', 'metadata', 'marketing_features', 'default_price', 'tax_code', 'unit_label', 'url', 'statement_descriptor', 'shippable');
  const before = snapshot(product);
  const name = params.str('name');
  if (name) product.name = name;
  params.assignBools(product, 'active');
  params.assignNullableStrs(product, 'description');
  if (params.has('images')) product.images = params.strList('images') ?? [];
  const defaultPrice = params.nullableStr('default_price');
  if (defaultPrice) mustGet(emu, 'price', defaultPrice, 'default_price');
  if (defaultPrice !== undefined) product.default_price = defaultPrice;
  params.assignNullableStrs(product, 'url');
  product.metadata = params.metadata(product.metadata);
  product.updated = emu.clock.now();
  emu.events.emitUpdate('product.updated', product, before);
  return product;
}

export function deleteProduct(emu: Emulator, id: string): Stripe.DeletedProduct {
  const product = mustGet(emu, 'product', id);
  if (emu.store.list('price').some((p) => p.product === id)) {
    throw invalidRequest('This product cannot be deleted because it has one or more user-created prices.');
  }
  emu.store.delete(id);
  emu.events.emit('product.deleted', product);
  return { id, object: 'product', deleted: true };
}
