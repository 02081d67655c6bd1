// One payment in the customer's billing history: amount, status, card, the invoices it paid (with
// what was on them), items bought without an invoice, refunds and disputes.
import { CreditNotes } from '@/components/billing/credit-notes';
import Link from 'next/link';
import type { HistoryPayment, PaidInvoice } from '@/lib/billing/history';
import { formatMoney } from '@/lib/money';
import { cardBrandName, formatDate } from '@/lib/billing/format';
import { paymentDisplayStatus, refundReasonLabel, statusLabel } from '@/lib/billing/statuses';
import { LineItems } from './line-items';
import { StatusBadge } from './status-badge';

export function PaymentHistoryItem({ payment }: { payment: HistoryPayment }) {
  const money = (amount: number) => formatMoney(amount, payment.currency);
  const title = paymentTitle(payment);
  return (
    <li aria-label={`${title}, ${formatDate(payment.created)}`} className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <div className="flex items-start justify-between gap-x-4 px-5 py-4">
        <div className="min-w-0">
          <p className="font-semibold text-slate-900">{title}</p>
          <p className="mt-0.5 text-sm text-slate-500">
            {formatDate(payment.created)}
            {payment.card && (
              <>
                {' · '}
                <span className="whitespace-nowrap">
                  {cardBrandName(payment.card.brand)} •••• {payment.card.last4}
                </span>
              </>
            )}
          </p>
        </div>
        <div className="shrink-0 text-right">
          <p className="font-semibold tabular-nums text-slate-900">{money(payment.amount)}</p>
          <div className="mt-1">
            <StatusBadge kind="payment" status={paymentDisplayStatus(payment)} audience="customer" />
          </div>
        </div>
      </div>

      {payment.status === 'requires_payment_method' && payment.failureMessage && (
        <p className="border-t border-slate-100 px-5 py-3 text-sm text-red-700">{payment.failureMessage}</p>
      )}

      {payment.linking && (
        <p className="border-t border-slate-100 px-5 py-3 text-sm text-slate-600" role="status">
          <span className="font-medium">Linking…</span> We are matching this payment to its invoice; refresh in a moment.
        </p>
      )}

      {payment.invoices.map((invoice) => (
        <div key={invoice.id} className="border-t border-slate-100 px-5 py-3">
          <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 text-sm">
            <p className="text-slate-600">
              {invoiceShare(invoice)}{' '}
              <span className="font-medium text-slate-900">{invoice.number ?? invoice.id}</span>
            </p>
            <p className="flex gap-3">
              <Link href={`/account/invoices/${invoice.id}`} className="font-medium text-brand-600 hover:text-brand-700 hover:underline">
                All payments<span className="sr-only"> towards invoice {invoice.number}</span>
              </Link>
              {invoice.hostedInvoiceUrl && (
                <a href={invoice.hostedInvoiceUrl} className="font-medium text-brand-600 hover:text-brand-700 hover:underline">
                  View invoice<span className="sr-only"> {invoice.number}</span>
                </a>
              )}
              {invoice.invoicePdf && (
                <a href={invoice.invoicePdf} className="font-medium text-brand-600 hover:text-brand-700 hover:underline">
                  PDF<span className="sr-only"> of invoice {invoice.number}</span>
                </a>
              )}
            </p>
          </div>
          <LineItems items={invoice.lines} currency={invoice.currency} discount={invoice.discountAmount} />
          <CreditNotes notes={invoice.creditNotes} currency={invoice.currency} />
        </div>
      ))}

      {payment.items.length > 0 && (
        <div className="border-t border-slate-100 px-5 py-3">
          <LineItems items={payment.items} currency={payment.currency} />
        </div>
      )}

      {(payment.refunds.length > 0 || payment.disputes.length > 0 || payment.receiptUrl) && (
        <div className="space-y-1 border-t border-slate-100 px-5 py-3 text-sm text-slate-600">
          {payment.refunds.map((refund) => (
            <p key={refund.id}>
              Refund of {money(refund.amount)} on {formatDate(refund.created)}
              {refund.reason ? ` (${inSentence(refundReasonLabel(refund.reason))})` : ''}
              {refund.status && refund.status !== 'succeeded' ? ` · ${inSentence(statusLabel('refund', refund.status))}` : ''}
            </p>
          ))}
          {payment.disputes.map((dispute) => (
            <p key={dispute.id} className="text-amber-800">
              Disputed {money(dispute.amount)} on {formatDate(dispute.created)} · {inSentence(statusLabel('dispute', dispute.status))}
            </p>
          ))}
          {payment.receiptUrl && (
            <p>
              <a href={payment.receiptUrl} className="font-medium text-brand-600 hover:text-brand-700 hover:underline">
                Receipt
              </a>
            </p>
          )}
        </div>
      )}
    </li>
  );
}

/** What this payment paid on the invoice: "Paid $40.00 of $120.00 on" (a part) or "Paid $120.00 on" (all of it). */
function invoiceShare(invoice: PaidInvoice): string {
  const paid = formatMoney(invoice.amountPaid, invoice.currency);
  if (invoice.paymentStatus !== 'paid') return 'Towards';
  return invoice.amountPaid === invoice.total ? `Paid ${paid} on` : `Paid ${paid} of ${formatMoney(invoice.total, invoice.currency)} on`;
}

/** A short name for the payment: what it bought (not what a plan change credited), else its description. */
function paymentTitle(payment: HistoryPayment): string {
  const bought = [...payment.invoices.flatMap((i) => i.lines), ...payment.items].filter((item) => !(item.proration && item.amount < 0));
  const names = bought.map((item) => item.name).filter(Boolean);
  const unique = [...new Set(names)];
  if (unique.length > 0) return unique.length > 2 ? `${unique.slice(0, 2).join(', ')} and more` : unique.join(', ');
  return payment.description ?? 'Payment';
}

/** A label in the middle of a sentence: "Requested by the customer" → "requested by the customer". */
function inSentence(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}
