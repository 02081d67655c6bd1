// Legacy card sources on a customer (`POST /v1/customers/:id/sources` with `source=tok_visa`):
// kept as attached card PaymentMethods and shown in the Card shape, so a source pays like any card.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import type { Params } from '../protocol/params.js';
import { invalidRequest } from '../protocol/errors.js';
import { snapshot } from '../events.js';
import { attachPaymentMethod, resolveCardToken } from './payment-methods.js';

/** A card PaymentMethod as the legacy Card object. */
export function cardView(pm: Stripe.PaymentMethod): Stripe.Card {
  const card = pm.card!;
  const address = pm.billing_details.address;
  return {
    id: pm.id,
    object: 'card',
    address_city: address?.city ?? null,
    address_country: address?.country ?? null,
    address_line1: address?.line1 ?? null,
    address_line1_check: null,
    address_line2: address?.line2 ?? null,
    address_state: address?.state ?? null,
    address_zip: address?.postal_code ?? null,
    address_zip_check: null,
    brand: card.brand.charAt(0).toUpperCase() + card.brand.slice(1),
    country: card.country,
    customer: typeof pm.customer === 'string' ? pm.customer : (pm.customer?.id ?? null),
    cvc_check: card.checks?.cvc_check ?? null,
    dynamic_last4: null,
    exp_month: card.exp_month,
    exp_year: card.exp_year,
    fingerprint: card.fingerprint ?? null,
    funding: card.funding,
    last4: card.last4,
    metadata: pm.metadata ?? {},
    name: pm.billing_details.name,
    regulated_status: card.regulated_status,
    tokenization_method: null,
  };
}

/** Adds a card source from a token; the first becomes the customer's default source. */
export function addCustomerSource(emu: Emulator, customer: Stripe.Customer, params: Params): Stripe.Card {
  params.only('source', 'metadata', 'validate');
  const pm = attachPaymentMethod(emu, resolveCardToken(emu, params.requiredStr('source'), 'source').id, customer.id, 'source');
  pm.metadata = params.metadata(pm.metadata ?? {});
  const card = cardView(pm);
  emu.events.emit('customer.source.created', card);
  if (!customer.default_source) {
    const before = snapshot(customer);
    customer.default_source = pm.id;
    emu.events.emitUpdate('customer.updated', customer, before);
  }
  return card;
}

export function customerSource(emu: Emulator, customer: Stripe.Customer, id: string): Stripe.PaymentMethod {
  const pm = emu.store.get('payment_method', id);
  if (!pm || pm.customer !== customer.id || pm.type !== 'card') throw invalidRequest(`No such source: '${id}'`, 'id', 'resource_missing');
  return pm;
}

export function updateCustomerSource(emu: Emulator, pm: Stripe.PaymentMethod, params: Params): Stripe.Card {
  params.only('metadata', 'name', 'exp_month', 'exp_year', 'address_city', 'address_country', 'address_line1', 'address_line2', 'address_state', 'address_zip');
  const before = cardView(pm);
  pm.metadata = params.metadata(pm.metadata ?? {});
  const name = params.nullableStr('name');
  if (name !== undefined) pm.billing_details.name = name;
  const expMonth = params.int('exp_month', { min: 1, max: 12 });
  if (expMonth !== undefined) pm.card!.exp_month = expMonth;
  const expYear = params.int('exp_year');
  if (expYear !== undefined) pm.card!.exp_year = expYear;
  const card = cardView(pm);
  emu.events.emitUpdate('customer.source.updated', card, before);
  return card;
}
