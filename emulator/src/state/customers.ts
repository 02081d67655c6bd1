// Customers: CRUD, default payment method for invoices, test-clock membership.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import type { Params } from '../protocol/params.js';
import { newId, randomToken } from '../ids.js';
import { snapshot } from '../events.js';
import { invalidRequest } from '../protocol/errors.js';
import { mustGet } from './lookup.js';
import { addressFrom } from './address.js';
import { cardKeyForAlias } from '../cards.js';
import { attachPaymentMethod, resolveCardToken } from './payment-methods.js';
import { cancelSubscriptionNow } from './subscriptions.js';
import { setCustomerDiscount } from './discounts.js';

const FIELDS = ['email', 'name', 'description', 'phone', 'metadata', 'payment_method', 'invoice_settings', 'test_clock', 'address', 'shipping', 'preferred_locales', 'invoice_prefix', 'tax_exempt', 'balance', 'source', 'tax', 'tax_id_data', 'coupon', 'promotion_code', 'next_invoice_sequence', 'cash_balance'];

export function createCustomer(emu: Emulator, params: Params): Stripe.Customer {
  params.only(...FIELDS);
  const testClock = params.str('test_clock') || null;
  if (testClock) mustGet(emu, 'test_helpers.test_clock', testClock, 'test_clock');
  const customer = emu.store.insert({
    id: newId('cus'),
    object: 'customer',
    address: addressFrom(params.obj('address')),
    balance: params.int('balance') ?? 0,
    created: emu.clock.now(testClock),
    currency: null,
    default_source: null,
    delinquent: false,
    description: params.nullableStr('description') ?? null,
    discount: null,
    email: params.nullableStr('email') ?? null,
    invoice_prefix: params.str('invoice_prefix') || randomToken(8).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: params.metadata(),
    name: params.nullableStr('name') ?? null,
    next_invoice_sequence: 1,
    phone: params.nullableStr('phone') ?? null,
    preferred_locales: params.strList('preferred_locales') ?? [],
    shipping: shippingFrom(params.obj('shipping')),
    tax_exempt: 'none',
    test_clock: testClock,
  });
  emu.events.emit('customer.created', customer);
  setCustomerDiscount(emu, customer, params);
  const source = params.str('source');
  if (source) {
    // A legacy card source (`tok_visa`): kept as a card PaymentMethod that is the default source.
    const card = attachPaymentMethod(emu, resolveCardToken(emu, source, 'source').id, customer.id, 'source');
    const before = snapshot(customer);
    customer.default_source = card.id;
    emu.events.emitUpdate('customer.updated', customer, before);
  }
  const paymentMethod = params.str('payment_method');
  if (paymentMethod) {
    const before = snapshot(customer);
    attachPaymentMethod(emu, paymentMethod, customer.id, 'payment_method');
    applyInvoiceSettings(emu, customer, params);
    emu.events.emitUpdate('customer.updated', customer, before);
  } else {
    applyInvoiceSettings(emu, customer, params);
  }
  return customer;
}

export function updateCustomer(emu: Emulator, customer: Stripe.Customer, params: Params): Stripe.Customer {
  params.only(...FIELDS.filter((f) => f !== 'test_clock' && f !== 'payment_method'), 'default_source');
  const before = snapshot(customer);
  for (const field of ['email', 'name', 'description', 'phone'] as const) {
    const value = params.nullableStr(field);
    if (value !== undefined) customer[field] = value;
  }
  if (params.has('address')) customer.address = addressFrom(params.obj('address'));
  if (params.has('shipping')) customer.shipping = shippingFrom(params.obj('shipping'));
  if (params.has('preferred_locales')) customer.preferred_locales = params.strList('preferred_locales') ?? [];
  if (params.has('balance')) customer.balance = params.int('balance') ?? 0;
  customer.metadata = params.metadata(customer.metadata);
  applyInvoiceSettings(emu, customer, params);
  setCustomerDiscount(emu, customer, params);
  emu.events.emitUpdate('customer.updated', customer, before);
  return customer;
}

function applyInvoiceSettings(emu: Emulator, customer: Stripe.Customer, params: Params): void {
  const settings = params.obj('invoice_settings')?.only('default_payment_method', 'custom_fields', 'footer', 'rendering_options');
  if (!settings) return;
  if (settings.isCleared('default_payment_method')) customer.invoice_settings.default_payment_method = null;
  const pmId = settings.str('default_payment_method');
  if (pmId) {
    const pm = attachedTestPaymentMethod(emu, customer.id, pmId) ?? mustGet(emu, 'payment_method', pmId, 'invoice_settings[default_payment_method]');
    if (pm.customer !== customer.id) {
      throw invalidPaymentMethodOwner(pmId);
    }
    customer.invoice_settings.default_payment_method = pm.id;
  }
  const footer = settings.nullableStr('footer');
  if (footer !== undefined) customer.invoice_settings.footer = footer;
}

/**
 * A `pm_card_*` alias names the customer's card made from that alias (Stripe's test-clock guide
 * creates a customer with `payment_method=pm_card_visa` and
 * `invoice_settings[default_payment_method]=pm_card_visa`): the newest one attached.
 */
function attachedTestPaymentMethod(emu: Emulator, customerId: string, alias: string): Stripe.PaymentMethod | undefined {
  const key = cardKeyForAlias(alias);
  if (!key) return undefined;
  return emu.store.list('payment_method').find((pm) => pm.customer === customerId && emu.store.extras(pm.id).card === key);
}

function invalidPaymentMethodOwner(pmId: string) {
  return invalidRequest(
    `The customer does not have a payment method with the ID ${pmId}. The payment method must be attached to the customer.`,
    'invoice_settings[default_payment_method]',
    'resource_missing',
  );
}

export function deleteCustomer(emu: Emulator, id: string): Stripe.DeletedCustomer {
  const customer = mustGet(emu, 'customer', id);
  for (const subscription of emu.store.list('subscription')) {
    if (subscription.customer === id && !['canceled', 'incomplete_expired'].includes(subscription.status)) {
      cancelSubscriptionNow(emu, subscription, {});
    }
  }
  emu.store.delete(id);
  emu.events.emit('customer.deleted', customer);
  return { id, object: 'customer', deleted: true };
}

function shippingFrom(shipping: Params | undefined): Stripe.Customer.Shipping | null {
  if (!shipping) return null;
  shipping.only('address', 'name', 'phone');
  return { address: addressFrom(shipping.obj('address')) ?? undefined, name: shipping.requiredStr('name'), phone: shipping.str('phone') ?? null };
}

