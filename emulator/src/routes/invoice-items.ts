// /v1/invoiceitems: create (from a price, price_data or a bare amount), list, retrieve, update, delete.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import { type ApiRouter, listRoute, matchBool, matchStr, retrieveRoute } from './api.js';
import type { Params } from '../protocol/params.js';
import { invalidRequest, parameterMissing } from '../protocol/errors.js';
import { idOf, mustGet } from '../state/lookup.js';
import { createPriceFor } from '../state/prices.js';
import { recomputeTotals } from '../state/invoice-lines.js';
import { adHocPrice, createInvoiceItem } from '../state/invoice-items.js';

export function registerInvoiceItemRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/invoiceitems', { run: ({ emu, params }) => createInvoiceItemFromParams(emu, params) });
  api.add(
    'GET',
    '/v1/invoiceitems',
    listRoute('invoiceitem', { filters: { customer: matchStr((i) => i.customer), invoice: matchStr((i) => i.invoice), pending: matchBool((i) => i.invoice === null) } }),
  );
  api.add('GET', '/v1/invoiceitems/:id', retrieveRoute('invoiceitem'));
  api.add('POST', '/v1/invoiceitems/:id', {
    run: ({ emu, params, path }) => {
      params.only('description', 'metadata', 'quantity', 'amount', 'discountable', 'period', 'price_data', 'pricing', 'tax_rates', 'discounts', 'tax_behavior', 'tax_code', 'unit_amount_decimal');
      const item = mustGet(emu, 'invoiceitem', path.id);
      params.assignNullableStrs(item, 'description');
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
