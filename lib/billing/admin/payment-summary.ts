// How one payment reads in a row (the admin table and its CSV export say the same thing; its
// status reads through lib/billing/statuses.ts).
import type { HistoryPayment } from '@/lib/billing/history';
import { cardBrandName, invoiceLineName } from '@/lib/billing/format';

/** The products a payment paid for, from its invoices' lines or (without an invoice) its order or Checkout items. */
export function productsOf(payment: HistoryPayment): { name: string; quantity: number | null }[] {
  const lines = payment.invoices.length ? payment.invoices.flatMap((invoice) => invoice.lines) : payment.items;
  return lines.map((line) => ({ name: invoiceLineName(line), quantity: line.quantity }));
}

export function productLabel(product: { name: string; quantity: number | null }): string {
  return product.quantity && product.quantity !== 1 ? `${product.name} × ${product.quantity}` : product.name;
}

export function cardLabel(card: HistoryPayment['card']): string {
  return card ? `${cardBrandName(card.brand)} •••• ${card.last4}` : '';
}

/** Disputes that are open or were lost (a won dispute leaves the money with the merchant). */
export function isDisputed(payment: HistoryPayment): boolean {
  return payment.disputes.some((d) => d.status !== 'won');
}
