// Invoice lines and totals, shared by invoices, invoice items and previews (which build lines without storing an invoice).
import { wireDecimal } from '../decimal.js';
import type Stripe from 'stripe';
import { newId } from '../ids.js';

export interface NewLine {
  amount: number;
  description: string | null;
  price: Stripe.Price;
  quantity: number;
  period: { start: number; end: number };
  proration?: boolean;
  subscription?: string | null;
  subscriptionItem?: string | null;
  invoiceItem?: string | null;
  metadata?: Record<string, string>;
}

export function invoiceLine(invoiceId: string | null, currency: string, line: NewLine): Stripe.InvoiceLineItem {
  const product = typeof line.price.product === 'string' ? line.price.product : line.price.product.id;
  const proration = line.proration ?? false;
  const parent: Stripe.InvoiceLineItem.Parent = line.subscriptionItem
    ? {
        type: 'subscription_item_details',
        invoice_item_details: null,
        subscription_item_details: {
          invoice_item: line.invoiceItem ?? null,
          proration,
          proration_details: { credited_items: null },
          subscription: line.subscription ?? null,
          subscription_item: line.subscriptionItem,
        },
      }
    : {
        type: 'invoice_item_details',
        invoice_item_details: { invoice_item: line.invoiceItem ?? '', proration, proration_details: { credited_items: null }, subscription: line.subscription ?? null },
        subscription_item_details: null,
      };
  return {
    id: newId('il'),
    object: 'line_item',
    amount: line.amount,
    currency,
    description: line.description,
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice: invoiceId,
    livemode: false,
    metadata: line.metadata ?? {},
    parent,
    period: line.period,
    pretax_credit_amounts: [],
    pricing: { type: 'price_details', price_details: { price: line.price.id, product }, unit_amount_decimal: line.price.unit_amount_decimal },
    quantity: line.quantity,
    quantity_decimal: wireDecimal(line.quantity),
    subscription: line.subscription ?? null,
    subtotal: line.amount,
    taxes: [],
  };
}

export function addLines(invoice: Stripe.Invoice, lines: NewLine[]): void {
  for (const line of lines) invoice.lines.data.push(invoiceLine(invoice.id, invoice.currency, line));
  recomputeTotals(invoice);
}

/** Totals from the lines: subtotal before discounts, `total_discount_amounts` per discount, total after them. */
export function recomputeTotals(invoice: Stripe.Invoice): void {
  const subtotal = invoice.lines.data.reduce((sum, line) => sum + line.amount, 0);
  const byDiscount = new Map<string, number>();
  for (const line of invoice.lines.data) {
    for (const { amount, discount } of line.discount_amounts ?? []) {
      const id = typeof discount === 'string' ? discount : discount.id;
      byDiscount.set(id, (byDiscount.get(id) ?? 0) + amount);
    }
  }
  const discounted = [...byDiscount.values()].reduce((sum, amount) => sum + amount, 0);
  invoice.total_discount_amounts = [...byDiscount].map(([discount, amount]) => ({ amount, discount }));
  const total = subtotal - discounted;
  invoice.subtotal = subtotal;
  invoice.subtotal_excluding_tax = subtotal;
  invoice.total = total;
  invoice.total_excluding_tax = total;
  invoice.amount_due = Math.max(0, total);
  invoice.amount_remaining = Math.max(0, invoice.amount_due - invoice.amount_paid);
}
