import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { randomUUID } from 'node:crypto';
import { requireAdmin } from '@/lib/auth/session';
import { paymentDetail } from '@/lib/billing/admin/payments';
import { paymentIntentIdSchema } from '@/lib/stripe/ids';
import { cardLabel, statusLabel } from '@/lib/billing/admin/payment-summary';
import { formatPeriod, invoiceLineName } from '@/lib/billing/format';
import type { PurchasedItem } from '@/lib/billing/history';
import { disputeStatusLabels } from '@/lib/billing/admin/disputes';
import { formatMoney } from '@/lib/money';
import { PageHeading } from '@/components/page-heading';
import { Badge, StatusBadge } from '@/components/admin/badge';
import { EmptyState, Panel, TableScroller, td, th } from '@/components/admin/panel';
import { formatDate, formatDateTime, humanize } from '@/components/admin/format';
import { RefundForm } from '@/components/admin/refund-form';
import { SimpleTable } from '@/components/admin/simple-table';
import { refundAction } from './actions';

export const metadata: Metadata = { title: 'Payment · Admin' };

export default async function AdminPaymentPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const id = paymentIntentIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const detail = await paymentDetail(id.data);
  if (!detail) notFound();
  const { payment, charges, invoicePayments, disputes, timeline, refundable } = detail;
  const money = (amount: number) => formatMoney(amount, payment.currency);
  const latestCard = charges.find((c) => c.card)?.card ?? null;
  const openDispute = disputes.some((d) => !['won', 'lost', 'warning_closed'].includes(d.status));
  const unavailable =
    payment.status !== 'succeeded'
      ? 'Only a succeeded payment can be refunded.'
      : openDispute
        ? 'This payment is disputed: respond to the dispute instead of refunding it.'
        : refundable <= 0
          ? 'This payment has been fully refunded.'
          : undefined;

  const summary = [
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
    { label: 'Still refundable', value: openDispute ? 'Nothing while disputed' : money(refundable) },
    {
      label: 'Card',
      value: latestCard ? (
        <span>
          <span className="capitalize">{latestCard.brand}</span> •••• {latestCard.last4}
          {latestCard.expMonth && latestCard.expYear ? ` · expires ${String(latestCard.expMonth).padStart(2, '0')}/${latestCard.expYear}` : ''}
          {latestCard.funding ? ` · ${latestCard.funding}` : ''}
          {latestCard.country ? ` · ${latestCard.country}` : ''}
        </span>
      ) : (
        '—'
      ),
    },
  ];
  if (payment.description) summary.push({ label: 'Description', value: payment.description });
  if (payment.failureMessage && payment.status !== 'succeeded') summary.push({ label: 'Failure', value: payment.failureMessage });

  return (
    <div className="space-y-6">
      <p>
        <Link href="/admin/payments" className="text-sm font-medium text-brand-700 hover:underline">
          ← All payments
        </Link>
      </p>
      <PageHeading title={`Payment of ${money(payment.amount)}`}>
        <span className="flex flex-wrap items-center gap-2">
          <StatusBadge label={statusLabel(payment)} />
          {disputes.length > 0 && <Badge tone="bad">Disputed</Badge>}
          <span>{payment.customer.email ?? 'Guest'} · {formatDateTime(payment.created)}</span>
        </span>
      </PageHeading>

      <div className="grid gap-6 lg:grid-cols-5">
        <div className="lg:col-span-2">
          <Panel id="summary-heading" title="Summary">
            <dl className="divide-y divide-slate-100">
              {summary.map(({ label, value }) => (
                <div key={label} className="grid grid-cols-5 gap-3 px-5 py-2.5">
                  <dt className="col-span-2 text-sm text-slate-500">{label}</dt>
                  <dd className="col-span-3 break-words text-sm text-slate-900 tabular-nums">{value}</dd>
                </div>
              ))}
            </dl>
          </Panel>
        </div>
        <div className="lg:col-span-3">
          <Panel id="refund-heading" title="Refund" description="Full or partial, back to the card the customer paid with.">
            <RefundForm
              action={refundAction}
              paymentIntentId={payment.id}
              attemptId={randomUUID()}
              refundable={refundable}
              currency={payment.currency}
              cardLabel={cardLabel(payment.card)}
              unavailable={unavailable}
            />
          </Panel>
        </div>
      </div>

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
                    Invoice {invoice.number ?? invoice.id}{' '}
                    {invoice.status && <StatusBadge label={humanize(invoice.status)} />}
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
                <LinesTable caption={`Lines of invoice ${invoice.number ?? invoice.id}`} lines={invoice.lines} currency={invoice.currency} />
              </div>
            ))}
            {payment.invoices.length === 0 && (
              <div className="px-5 py-4">
                <h3 className="font-medium text-slate-900">Purchased items ({payment.items[0]?.source === 'order' ? 'in-app order' : 'Checkout'})</h3>
                <LinesTable caption="Purchased items" lines={payment.items} currency={payment.currency} />
              </div>
            )}
          </div>
        )}
      </Panel>

      {/* One per row: side by side, their ids and times wrapped over several lines. */}
      <div className="space-y-6">
        <Panel id="invoice-payments-heading" title="Invoice payments">
          {invoicePayments.length === 0 ? (
            <EmptyState title="None" />
          ) : (
            <SimpleTable
              caption="InvoicePayments of this payment"
              head={['Invoice', 'Status', 'Paid', 'Requested', 'Paid at']}
              numeric={[2, 3]}
              rows={invoicePayments.map((p) => [
                <span key="n">
                  {p.invoiceNumber ?? p.invoiceId}
                  <span className="block font-mono text-xs text-slate-400">{p.id}</span>
                </span>,
                humanize(p.status),
                p.amountPaid == null ? '—' : formatMoney(p.amountPaid, p.currency),
                formatMoney(p.amountRequested, p.currency),
                p.paidAt ? formatDateTime(p.paidAt) : '—',
              ])}
            />
          )}
        </Panel>
        <Panel id="refunds-heading" title="Refunds">
          {payment.refunds.length === 0 ? (
            <EmptyState title="No refunds" />
          ) : (
            <SimpleTable
              caption="Refunds of this payment"
              head={['Refund', 'Amount', 'Status', 'Reason', 'Created']}
              numeric={[1]}
              rows={payment.refunds.map((r) => [
                <span key="id" className="font-mono text-xs">{r.id}</span>,
                money(r.amount),
                humanize(r.status ?? 'unknown'),
                r.reason ? humanize(r.reason) : '—',
                formatDateTime(r.created),
              ])}
            />
          )}
        </Panel>
        <Panel id="disputes-heading" title="Disputes">
          {disputes.length === 0 ? (
            <EmptyState title="No disputes" />
          ) : (
            <SimpleTable
              caption="Disputes of this payment"
              head={['Dispute', 'Status', 'Reason', 'Amount', 'Evidence due']}
              numeric={[3]}
              rows={disputes.map((d) => [
                <Link key="id" href={`/admin/disputes/${d.id}`} className="font-mono text-xs text-brand-700 hover:underline">
                  {d.id}
                </Link>,
                disputeStatusLabels[d.status] ?? humanize(d.status),
                d.reason ? humanize(d.reason) : '—',
                formatMoney(d.amount, d.currency),
                d.evidenceDueBy ? formatDate(d.evidenceDueBy) : '—',
              ])}
            />
          )}
        </Panel>
        <Panel id="charges-heading" title="Charge attempts">
          {charges.length === 0 ? (
            <EmptyState title="No charges" />
          ) : (
            <SimpleTable
              caption="Charges of this payment, newest first"
              head={['Charge', 'Status', 'Amount', 'Card', 'Created']}
              numeric={[2]}
              rows={charges.map((c) => [
                <span key="id">
                  <span className="font-mono text-xs">{c.id}</span>
                  {c.failureMessage && <span className="block text-xs text-red-700">{c.failureMessage}</span>}
                </span>,
                humanize(c.status),
                formatMoney(c.amount, c.currency),
                c.card ? <span key="card" className="capitalize">{`${c.card.brand ?? ''} •••• ${c.card.last4 ?? ''}`}</span> : '—',
                formatDateTime(c.created),
              ])}
            />
          )}
        </Panel>
      </div>

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
                <StatusBadge label={humanize(event.status)} />
                <span className="font-mono text-xs text-slate-400">{event.id}</span>
                {event.lastError && <span className="basis-full text-xs text-red-700">{event.lastError}</span>}
              </li>
            ))}
          </ol>
        )}
      </Panel>
    </div>
  );
}

function LinesTable({
  caption,
  lines,
  currency,
}: {
  caption: string;
  lines: PurchasedItem[];
  currency: string;
}) {
  return (
    <TableScroller label={caption}>
      <table className="mt-3 min-w-full divide-y divide-slate-200 rounded-md border border-slate-200">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={th}>Product</th>
            <th scope="col" className={`${th} text-right`}>Qty</th>
            <th scope="col" className={th}>Period</th>
            <th scope="col" className={`${th} text-right`}>Amount</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {lines.map((line, index) => (
            <tr key={index}>
              <td className={td}>
                {invoiceLineName(line)}
                {line.productId && <span className="block font-mono text-xs text-slate-400">{line.productId}</span>}
              </td>
              <td className={`${td} text-right tabular-nums`}>{line.quantity ?? '—'}</td>
              <td className={td}>{line.periodStart && line.periodEnd ? formatPeriod(line.periodStart, line.periodEnd) : '—'}</td>
              <td className={`${td} text-right tabular-nums`}>{formatMoney(line.amount, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}
