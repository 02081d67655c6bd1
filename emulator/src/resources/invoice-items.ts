// Invoice items: one-off charges (and proration adjustments) waiting for, or added to, an invoice.
import { wireDecimal } from '../decimal.js';
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import type { ApiRouter } from '../api.js';
import type { Params } from '../protocol/params.js';
import { LIST_PARAMS, paginate } from '../protocol/list.js';
import { invalidRequest, parameterMissing } from '../protocol/errors.js';
import { newId } from '../ids.js';
import { idOf, mustGet, nowForCustomer, retrieveRoute } from './lookup.js';
import { createPriceFor } from './prices.js';
import { invoiceLine, recomputeTotals } from './invoices.js';

export function registerInvoiceItemRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/invoiceitems', { run: ({ emu, params }) => createInvoiceItemFromParams(emu, params) });
  api.add('GET', '/v1/invoiceitems', {
    run: ({ emu, params, url }) => {
      params.only(...LIST_PARAMS, 'customer', 'invoice', 'pending');
      const customer = params.str('customer');
      const invoice = params.str('invoice');
      const pending = params.bool('pending');
      const items = emu.store
        .list('invoiceitem')
        .filter((i) => (customer === undefined || i.customer === customer) && (invoice === undefined || i.invoice === invoice) && (pending === undefined || (i.invoice === null) === pending));
      return paginate(items, params, url, 'invoiceitem');
    },
  });
  api.add('GET', '/v1/invoiceitems/:id', retrieveRoute('invoiceitem'));
  api.add('POST', '/v1/invoiceitems/:id', {
    run: ({ emu, params, path }) => {
      params.only('description', 'metadata', 'quantity', 'amount', 'discountable', 'period', 'price_data', 'pricing', 'tax_rates', 'discounts', 'tax_behavior', 'tax_code', 'unit_amount_decimal');
      const item = mustGet(emu, 'invoiceitem', path.id);
      const description = params.nullableStr('description');
      if (description !== undefined) item.description = description;
      item.metadata = params.metadata(item.metadata ?? {});
      return item;
    },
  });
  api.add('DELETE', '/v1/invoiceitems/:id', {
    run: ({ emu, params, path }) => {
      params.only();
      const item = mustGet(emu, 'invoiceitem', path.id);
      const invoice = item.invoice ? emu.store.get('invoice', idOf(item.invoice)!) : undefined;
      if (invoice && invoice.status !== 'draft') throw invalidRequest('You can only delete invoice items that are pending or on a draft invoice.', undefined, 'invoice_not_editable');
      if (invoice) {
        invoice.lines.data = invoice.lines.data.filter((l) => l.parent?.invoice_item_details?.invoice_item !== item.id);
        recomputeTotals(invoice);
      }
      emu.store.delete(item.id);
      emu.events.emit('invoiceitem.deleted', item);
      return { id: item.id, object: 'invoiceitem', deleted: true };
    },
  });
}

function createInvoiceItemFromParams(emu: Emulator, params: Params): Stripe.InvoiceItem {
  params.only('customer', 'amount', 'currency', 'description', 'invoice', 'subscription', 'period', 'metadata', 'discountable', 'price_data', 'pricing', 'quantity', 'unit_amount_decimal', 'tax_rates', 'discounts', 'tax_behavior', 'tax_code', 'customer_account');
  const customer = mustGet(emu, 'customer', params.requiredStr('customer'), 'customer');
  const invoiceId = params.str('invoice');
  const invoice = invoiceId ? mustGet(emu, 'invoice', invoiceId, 'invoice') : undefined;
  if (invoice && invoice.status !== 'draft') throw invalidRequest('You can only add invoice items to draft invoices.', 'invoice', 'invoice_not_editable');
  const quantity = params.int('quantity', { min: 0 }) ?? 1;
  const priceId = params.obj('pricing')?.only('price').str('price');
  let price: Stripe.Price;
  if (priceId) {
    price = mustGet(emu, 'price', priceId, 'pricing[price]');
  } else {
    const priceData = params.obj('price_data');
    if (priceData) {
      priceData.only('currency', 'product', 'unit_amount', 'unit_amount_decimal', 'tax_behavior');
      price = createPriceFor(emu, mustGet(emu, 'product', priceData.requiredStr('product'), 'price_data[product]').id, priceData);
    } else {
      const amount = params.int('amount');
      if (amount === undefined) throw parameterMissing('amount');
      price = adHocPrice(emu, params.str('currency') ?? invoice?.currency ?? 'usd', amount, params.str('description') ?? 'Invoice item');
      return createInvoiceItem(emu, { customer, invoice, price, quantity: 1, amount, description: params.str('description') ?? null, metadata: params.metadata(), subscription: params.str('subscription') ?? null });
    }
  }
  return createInvoiceItem(emu, {
    customer,
    invoice,
    price,
    quantity,
    amount: (price.unit_amount ?? 0) * quantity,
    description: params.str('description') ?? null,
    metadata: params.metadata(),
    subscription: params.str('subscription') ?? null,
  });
}

/** A hidden product+price for a bare `amount`, so every line still names a price and product. */
function adHocPrice(emu: Emulator, currency: string, amount: number, name: string): Stripe.Price {
  const product = emu.store.insert({
    id: newId('prod'), object: 'product', active: false, created: emu.clock.now(), description: null, images: [], livemode: false,
    marketing_features: [], metadata: {}, name, package_dimensions: null, shippable: null, tax_details: null, type: 'service', updated: emu.clock.now(), url: null,
  });
  return emu.store.insert({
    id: newId('price'), object: 'price', active: false, billing_scheme: 'per_unit', created: emu.clock.now(), currency: currency.toLowerCase(), custom_unit_amount: null,
    livemode: false, lookup_key: null, metadata: {}, nickname: null, product: product.id, recurring: null, tax_behavior: 'unspecified', tiers_mode: null,
    transform_quantity: null, type: 'one_time', unit_amount: amount, unit_amount_decimal: wireDecimal(amount),
  });
}

export interface NewInvoiceItem {
  customer: Stripe.Customer;
  invoice?: Stripe.Invoice;
  price: Stripe.Price;
  quantity: number;
  amount: number;
  description: string | null;
  metadata?: Record<string, string>;
  subscription?: string | null;
  subscriptionItem?: string | null;
  proration?: boolean;
  period?: { start: number; end: number };
}

export function createInvoiceItem(emu: Emulator, init: NewInvoiceItem): Stripe.InvoiceItem {
  const now = nowForCustomer(emu, init.customer.id);
  const product = typeof init.price.product === 'string' ? init.price.product : init.price.product.id;
  const item = emu.store.insert({
    id: newId('ii'),
    object: 'invoiceitem',
    amount: init.amount,
    currency: init.price.currency,
    customer: init.customer.id,
    customer_account: null,
    date: now,
    description: init.description,
    discountable: true,
    discounts: [],
    invoice: init.invoice?.id ?? null,
    livemode: false,
    metadata: init.metadata ?? {},
    net_amount: init.amount,
    parent: init.subscription
      ? { type: 'subscription_details', subscription_details: { subscription: init.subscription, subscription_item: init.subscriptionItem ?? undefined } }
      : null,
    period: init.period ?? { start: now, end: now },
    pricing: { type: 'price_details', price_details: { price: init.price.id, product }, unit_amount_decimal: init.price.unit_amount_decimal },
    proration: init.proration ?? false,
    quantity: init.quantity,
    quantity_decimal: wireDecimal(init.quantity),
    tax_rates: [],
    test_clock: init.customer.test_clock ?? null,
  });
  if (init.invoice) {
    init.invoice.lines.data.push(
      invoiceLine(init.invoice.id, init.invoice.currency, {
        amount: item.amount,
        description: item.description,
        price: init.price,
        quantity: item.quantity,
        period: item.period,
        proration: item.proration,
        subscription: init.subscription,
        invoiceItem: item.id,
        metadata: item.metadata ?? {},
      }),
    );
    recomputeTotals(init.invoice);
  }
  emu.events.emit('invoiceitem.created', item);
  return item;
}

/** Items not yet on an invoice: for one subscription, or (subscription = null) the standalone ones. */
export function pendingInvoiceItems(emu: Emulator, customerId: string, subscription: string | null): Stripe.InvoiceItem[] {
  return emu.store
    .list('invoiceitem')
    .filter((i) => i.customer === customerId && i.invoice === null && (idOf(i.parent?.subscription_details?.subscription) ?? null) === subscription)
    .reverse();
}
