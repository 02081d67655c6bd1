// The admin payments export: the current filter as CSV, streamed page by page through the same
// keyset cursor as the table, so memory stays flat however many payments match.
import { billingHistory, MAX_PAGE_SIZE, type HistoryPayment, type PaymentFilters } from '@/lib/billing/history';
import type { Database } from '@/lib/db/client';
import { decimalAmount, formatMoney } from '@/lib/money';
import { cardLabel, isDisputed, productLabel, productsOf } from './payment-summary';
import { paymentDisplayStatus, statusLabel } from '../statuses';

export const csvHeader = [
  'created_utc',
  'payment_id',
  'customer_email',
  'customer_name',
  'status',
  'currency',
  'amount_minor',
  'amount',
  'amount_formatted',
  'card',
  'invoices',
  'invoice_amounts_paid_minor',
  'products',
  'refunded_minor',
  'refunded',
  'refunded_formatted',
  'disputed',
];

export function csvRow(payment: HistoryPayment): string[] {
  const { currency } = payment;
  return [
    payment.created.toISOString(),
    payment.id,
    text(payment.customer.email ?? ''),
    text(payment.customer.name ?? ''),
    statusLabel('payment', paymentDisplayStatus(payment)),
    currency.toUpperCase(),
    String(payment.amount),
    decimalAmount(payment.amount, currency),
    formatMoney(payment.amount, currency),
    cardLabel(payment.card),
    text(payment.invoices.map((i) => i.number ?? i.id).join('; ')),
    payment.invoices.map((i) => String(i.amountPaid)).join('; '),
    text(productsOf(payment).map(productLabel).join('; ')),
    String(payment.amountRefunded),
    decimalAmount(payment.amountRefunded, currency),
    formatMoney(payment.amountRefunded, currency),
    isDisputed(payment) ? 'yes' : 'no',
  ];
}

/** RFC 4180: quote a field holding a comma, quote, CR or LF (or edge spaces), doubling inner quotes. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(fields: string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/**
 * Free text typed by customers (names, emails, product names) must not run as a spreadsheet formula
 * when the file is opened: a leading = + - @ or tab gets a quote mark in front (OWASP's advice).
 */
function text(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function paymentsCsvStream(filters: PaymentFilters, options: { db?: Database; pageSize?: number } = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        // A byte-order mark so spreadsheet apps read the UTF-8 (names, € signs) correctly.
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(csvHeader)}`));
        return;
      }
      const page = await billingHistory({ db: options.db, filters, cursor, limit: options.pageSize ?? MAX_PAGE_SIZE });
      if (page.payments.length) controller.enqueue(encoder.encode(page.payments.map((p) => csvLine(csvRow(p))).join('')));
      cursor = page.nextCursor;
      if (!cursor) controller.close();
    },
  });
}
