// The sections of an admin's payment page: summary, refund, what it paid for, its records (invoice
// payments, refunds, disputes, charge attempts), and the webhook events about it.
import { CreditNotes } from '@/components/billing/credit-notes';
import Link from 'next/link';
import { randomUUID } from 'node:crypto';
import type { PaymentDetail } from '@/lib/billing/admin/payments';
import { cardLabel } from '@/lib/billing/admin/payment-summary';
import { cardBrandName, formatDate, formatDateTime } from '@/lib/billing/format';
import { disputeReasonLabel, refundReasonLabel, statusLabel } from '@/lib/billing/statuses';
import { formatMoney } from '@/lib/money';
import type { ActionState } from '@/lib/auth/validated-action';
import { DetailList, EmptyState, Panel } from '@/components/ui/panel';
import { SimpleTable } from '@/components/ui/table';
import { LineItems } from '@/components/billing/line-items';
import { StatusBadge } from '@/components/billing/status-badge';
import { RefundForm } from './refund-form';

type Section = { detail: PaymentDetail };

/** A dispute not yet won, lost or closed holds the money: refunding is refused while it lasts. */
export function hasOpenDispute({ disputes }: PaymentDetail): boolean {
  return disputes.some((d) => !['won', 'lost', 'warning_closed'].includes(d.status));
}

export function PaymentSummary({ detail }: Section) {
  const { payment, charges, refundable } = detail;
  const money = (amount: number) => formatMoney(amount, payment.currency);
  const card = charges.find((c) => c.card)?.card ?? null;
  const items = [
    { label: 'Payment', value: <span className="font-mono text-xs">{payment.id}</span> },
    {
      label: 'Customer',
      value: payment.customer.id ? (
        <Link href={`/admin/customers/${payment.customer.id}`} className="text-brand-700 hover:underline">
          {payment.customer.email ?? payment.customer.id}
        </Link>
      ) : (
        'Guest'
      ),
    },
    { label: 'Created', value: formatDateTime(payment.created) },
    { label: 'Amount', value: money(payment.amount) },
    { label: 'Received', value: money(payment.amountReceived) },
    { label: 'Refunded', value: money(payment.amountRefunded) },
    { label: 'Still refundable', value: hasOpenDispute(detail) ? 'Nothing while disputed' : money(refundable) },
    {
      label: 'Card',
      value: card ? (
        <span>
          {cardBrandName(card.brand ?? '')} •••• {card.last4}
          {card.expMonth && card.expYear ? ` · expires ${String(card.expMonth).padStart(2, '0')}/${card.expYear}` : ''}
          {card.funding ? ` · ${card.funding}` : ''}
          {card.country ? ` · ${card.country}` : ''}
        </span>
      ) : (
        '—'
      ),
    },
  ];
  if (payment.description) items.push({ label: 'Description', value: payment.description });
  if (payment.failureMessage && payment.status !== 'succeeded') items.push({ label: 'Failure', value: payment.failureMessage });
  return (
    <Panel id="summary-heading" title="Summary">
      <DetailList items={items} />
    </Panel>
  );
}

export function RefundPanel({ detail, action }: Section & { action: (state: ActionState, formData: FormData) => Promise<ActionState> }) {
  const { payment, refundable } = detail;
  const unavailable =
    payment.status !== 'succeeded'
      ? 'Only a succeeded payment can be refunded.'
      : hasOpenDispute(detail)
        ? 'This payment is disputed: respond to the dispute instead of refunding it.'
        : refundable <= 0
          ? 'This payment has been fully refunded.'
          : undefined;
  return (
    <Panel id="refund-heading" title="Refund" description="Full or partial, back to the card the customer paid with.">
      <RefundForm
        action={action}
        paymentIntentId={payment.id}
        attemptId={randomUUID()}
        refundable={refundable}
        currency={payment.currency}
        cardLabel={cardLabel(payment.card)}
        unavailable={unavailable}
      />
    </Panel>
  );
}

/** What the payment paid for: each invoice with its lines, or (without an invoice) the items bought. */
export function PaidFor({ detail: { payment, allocations } }: Section) {
  return (
    <Panel id="invoices-heading" title="Invoices" description="What this payment paid for, through its InvoicePayments.">
      {payment.invoices.length === 0 && payment.items.length === 0 ? (
        <EmptyState title={payment.linking ? 'Linking…' : 'No invoice'}>
          {payment.linking ? 'The payment succeeded; its invoice link has not arrived yet.' : 'This payment has no invoice or purchased items on record.'}
        </EmptyState>
      ) : (
        <div className="divide-y divide-slate-200">
          {payment.invoices.map((invoice) => (
            <div key={invoice.id} className="px-5 py-4">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h3 className="font-medium text-slate-900">
                  Invoice {invoice.number ?? invoice.id} {invoice.status && <StatusBadge kind="invoice" status={invoice.status} />}
                </h3>
                <p className="text-sm text-slate-600">
                  This payment paid <strong className="tabular-nums text-slate-900">{formatMoney(invoice.amountPaid, invoice.currency)}</strong> of{' '}
                  <span className="tabular-nums">{formatMoney(invoice.total, invoice.currency)}</span>
                  {invoice.hostedInvoiceUrl && (
                    <>
                      {' · '}
                      <a href={invoice.hostedInvoiceUrl} className="text-brand-700 hover:underline" target="_blank" rel="noreferrer">
                        View invoice
                      </a>
                    </>
                  )}
                </p>
              </div>
              <Allocation parts={allocations.find((a) => a.invoiceId === invoice.id)?.parts ?? []} paymentId={payment.id} currency={invoice.currency} />
              <LineItems items={invoice.lines} currency={invoice.currency} label={`Lines of invoice ${invoice.number ?? invoice.id}`} showProductIds discount={invoice.discountAmount} />
              <CreditNotes notes={invoice.creditNotes} currency={invoice.currency} numberClassName="font-medium text-slate-900" />
            </div>
          ))}
          {payment.invoices.length === 0 && (
            <div className="px-5 py-4">
              <h3 className="font-medium text-slate-900">Purchased items ({payment.items[0]?.source === 'order' ? 'in-app order' : 'Checkout'})</h3>
              <LineItems items={payment.items} currency={payment.currency} label="Purchased items" showProductIds />
            </div>
          )}
        </div>
      )}
    </Panel>
  );
}

/** An invoice paid in parts: every part (in the order paid, to the second), this payment marked, the others linked. */
function Allocation({ parts, paymentId, currency }: { parts: PaymentDetail['allocations'][number]['parts']; paymentId: string; currency: string }) {
  if (parts.length < 2) return null;
  return (
    <ol className="mt-2 space-y-0.5 text-sm text-slate-600" aria-label="Payments of this invoice">
      {parts.map((part, index) => (
        <li key={part.paymentIntentId ?? index}>
          <span className="tabular-nums">{formatMoney(part.amountPaid, currency)}</span>
          {part.paidAt ? ` on ${formatDate(part.paidAt)}` : ''} ·{' '}
          {part.paymentIntentId === paymentId ? (
            <strong className="text-slate-900">this payment</strong>
          ) : part.paymentIntentId ? (
            <Link href={`/admin/payments/${part.paymentIntentId}`} className="font-mono text-xs text-brand-700 hover:underline">
              {part.paymentIntentId}
            </Link>
          ) : (
            'another payment'
          )}
        </li>
      ))}
    </ol>
  );
}

/** The payment's records, one table each: invoice payments, refunds, disputes and charge attempts. */
export function PaymentRecords({ detail: { payment, invoicePayments, disputes, charges } }: Section) {
  const tables = [
    { id: 'invoice-payments-heading', title: 'Invoice payments', empty: 'None', caption: 'InvoicePayments of this payment', head: ['Invoice', 'Status', 'Paid', 'Requested', 'Paid at'], numeric: [2, 3],
      rows: invoicePayments.map((p) => [
        <span key="n">
          {p.invoiceNumber ?? p.invoiceId}
          <span className="block font-mono text-xs text-slate-400">{p.id}</span>
        </span>,
        statusLabel('invoicePayment', p.status),
        p.amountPaid == null ? '—' : formatMoney(p.amountPaid, p.currency),
        formatMoney(p.amountRequested, p.currency),
        p.paidAt ? formatDateTime(p.paidAt) : '—',
      ]),
    },
    { id: 'refunds-heading', title: 'Refunds', empty: 'No refunds', caption: 'Refunds of this payment', head: ['Refund', 'Amount', 'Status', 'Reason', 'Created'], numeric: [1],
      rows: payment.refunds.map((r) => [
        <span key="id" className="font-mono text-xs">{r.id}</span>,
        formatMoney(r.amount, payment.currency),
        statusLabel('refund', r.status ?? 'unknown'),
        r.reason ? refundReasonLabel(r.reason) : '—',
        formatDateTime(r.created),
      ]),
    },
    { id: 'disputes-heading', title: 'Disputes', empty: 'No disputes', caption: 'Disputes of this payment', head: ['Dispute', 'Status', 'Reason', 'Amount', 'Evidence due'], numeric: [3],
      rows: disputes.map((d) => [
        <Link key="id" href={`/admin/disputes/${d.id}`} className="font-mono text-xs text-brand-700 hover:underline">
          {d.id}
        </Link>,
        statusLabel('dispute', d.status),
        d.reason ? disputeReasonLabel(d.reason) : '—',
        formatMoney(d.amount, d.currency),
        d.evidenceDueBy ? formatDate(d.evidenceDueBy) : '—',
      ]),
    },
    { id: 'charges-heading', title: 'Charge attempts', empty: 'No charges', caption: 'Charges of this payment, newest first', head: ['Charge', 'Status', 'Amount', 'Card', 'Created'], numeric: [2],
      rows: charges.map((c) => [
        <span key="id">
          <span className="font-mono text-xs">{c.id}</span>
          {c.failureMessage && <span className="block text-xs text-red-700">{c.failureMessage}</span>}
        </span>,
        statusLabel('charge', c.status),
        formatMoney(c.amount, c.currency),
        c.card ? `${cardBrandName(c.card.brand ?? '')} •••• ${c.card.last4 ?? ''}` : '—',
        formatDateTime(c.created),
      ]),
    },
  ];
  return (
    // One per row: side by side, their ids and times wrapped over several lines.
    <div className="space-y-6">
      {tables.map(({ id, title, empty, ...table }) => (
        <Panel key={id} id={id} title={title}>
          {table.rows.length === 0 ? <EmptyState title={empty} /> : <SimpleTable {...table} />}
        </Panel>
      ))}
    </div>
  );
}

export function EventTimeline({ detail: { timeline } }: Section) {
  return (
    <Panel id="timeline-heading" title="Event timeline" description="Webhook events about this payment, its charges, invoices, refunds and disputes, oldest first.">
      {timeline.length === 0 ? (
        <EmptyState title="No events received yet" />
      ) : (
        <ol className="divide-y divide-slate-100" aria-label="Events">
          {timeline.map((event) => (
            <li key={event.id} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 px-5 py-2.5 text-sm">
              <time dateTime={event.created.toISOString()} className="w-44 shrink-0 tabular-nums text-slate-500">
                {formatDateTime(event.created)}
              </time>
              <span className="font-mono text-slate-900">{event.type}</span>
              <StatusBadge kind="event" status={event.status} />
              <span className="font-mono text-xs text-slate-400">{event.id}</span>
              {event.lastError && <span className="basis-full text-xs text-red-700">{event.lastError}</span>}
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
