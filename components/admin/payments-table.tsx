// The admin payments table: one row per payment with its customer, invoices (and what this payment
// paid on each), products, refunds and disputes. Server-rendered; the CSV export says the same.
import Link from 'next/link';
import type { HistoryPayment } from '@/lib/billing/history';
import { formatMoney } from '@/lib/money';
import { isDisputed, productLabel, productsOf } from '@/lib/billing/admin/payment-summary';
import { cardBrandName, formatDate, formatTime } from '@/lib/billing/format';
import { paymentDisplayStatus } from '@/lib/billing/statuses';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/panel';
import { Cell, Row, StackedTable } from '@/components/ui/table';
import { StatusBadge } from '@/components/billing/status-badge';

export function PaymentsTable({ payments, caption, showCustomer = true }: { payments: HistoryPayment[]; caption: string; showCustomer?: boolean }) {
  if (payments.length === 0) {
    return <EmptyState title="No payments match">Try a wider date range or clear the filters.</EmptyState>;
  }
  const columns = [
    { label: 'Date' },
    ...(showCustomer ? [{ label: 'Customer' }] : []),
    { label: 'Amount', numeric: true },
    { label: 'Status' },
    { label: 'Card' },
    { label: 'Invoices' },
    { label: 'Products' },
    { label: 'Refunded', numeric: true },
    { label: 'Dispute' },
  ];
  return (
    <StackedTable caption={caption} columns={columns}>
      {payments.map((payment) => (
        <PaymentRow key={payment.id} payment={payment} showCustomer={showCustomer} />
      ))}
    </StackedTable>
  );
}

function PaymentRow({ payment, showCustomer }: { payment: HistoryPayment; showCustomer: boolean }) {
  const products = productsOf(payment);
  return (
    <Row data-payment-id={payment.id} className="hover:bg-slate-50">
      <Cell label="Date">
        <Link href={`/admin/payments/${payment.id}`} className="font-medium whitespace-nowrap text-brand-700 hover:underline">
          {formatDate(payment.created)}
        </Link>
        <div className="whitespace-nowrap text-xs text-slate-500">{formatTime(payment.created)}</div>
        <div className="max-w-32 truncate font-mono text-xs text-slate-400" title={payment.id}>
          {payment.id}
        </div>
      </Cell>
      {showCustomer && (
        <Cell label="Customer" className="max-w-56 min-w-40 [overflow-wrap:anywhere] max-md:max-w-none max-md:min-w-0">
          {payment.customer.id ? (
            <Link href={`/admin/customers/${payment.customer.id}`} className="hover:underline">
              {payment.customer.email ?? payment.customer.id}
            </Link>
          ) : (
            <span className="text-slate-400">Guest</span>
          )}
          {payment.customer.name && <div className="text-xs text-slate-500">{payment.customer.name}</div>}
        </Cell>
      )}
      <Cell label="Amount" numeric className="font-medium text-slate-900">{formatMoney(payment.amount, payment.currency)}</Cell>
      <Cell label="Status">
        <StatusBadge kind="payment" status={paymentDisplayStatus(payment)} />
        {payment.failureMessage && payment.status !== 'succeeded' && <div className="mt-1 max-w-48 text-xs text-red-700">{payment.failureMessage}</div>}
      </Cell>
      {/* The brand may wrap above its digits: with every column at its widest the table must still fit 1280 px. */}
      <Cell label="Card">
        {payment.card ? (
          <>
            {cardBrandName(payment.card.brand)} <span className="whitespace-nowrap">•••• {payment.card.last4}</span>
          </>
        ) : (
          <span className="text-slate-400">—</span>
        )}
      </Cell>
      <Cell label="Invoices">
        {payment.invoices.length ? (
          <ul className="space-y-0.5">
            {payment.invoices.map((invoice) => (
              <li key={invoice.id}>
                <span className="font-medium whitespace-nowrap text-slate-900">{invoice.number ?? invoice.id}</span>{' '}
                <span className="whitespace-nowrap tabular-nums text-slate-500">{formatMoney(invoice.amountPaid, invoice.currency)}</span>
              </li>
            ))}
          </ul>
        ) : payment.linking ? (
          <Badge tone="info">Linking…</Badge>
        ) : (
          <span className="text-slate-400">None</span>
        )}
      </Cell>
      <Cell label="Products">
        {products.length ? (
          <ul className="space-y-0.5">
            {products.map((product, index) => (
              <li key={index}>{productLabel(product)}</li>
            ))}
          </ul>
        ) : (
          <span className="text-slate-400">—</span>
        )}
      </Cell>
      <Cell label="Refunded" numeric>
        {payment.amountRefunded > 0 ? formatMoney(payment.amountRefunded, payment.currency) : <span className="text-slate-400">—</span>}
      </Cell>
      <Cell label="Dispute">{isDisputed(payment) ? <Badge tone="bad">Disputed</Badge> : <span className="text-slate-400">—</span>}</Cell>
    </Row>
  );
}
