// Invoice items: one-off charges (and proration adjustments) waiting for, or added to, an invoice.
import { wireDecimal } from '../decimal.js';
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import { newId } from '../ids.js';
import { idOf, nowForCustomer } from './lookup.js';
import { invoiceLine, recomputeTotals } from './invoice-lines.js';

/** A hidden product+price for a bare `amount`, so every line still names a price and product. */
export function adHocPrice(emu: Emulator, currency: string, amount: number, name: string): Stripe.Price {
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
