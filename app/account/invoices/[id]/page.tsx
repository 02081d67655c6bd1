import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { billingRole } from '@/lib/auth/roles';
import { requireMember } from '@/lib/auth/session';
import { buttonClasses } from '@/components/ui/button-classes';
import { PageHeading } from '@/components/ui/page-heading';
import { Panel } from '@/components/ui/panel';
import { StatusBadge } from '@/components/billing/status-badge';
import { InvoicePartForm } from '@/components/billing/invoice-part-form';
import { customerIdForOrganisation } from '@/lib/billing/customers';
import { cardBrandName, formatDate } from '@/lib/billing/format';
import { acceptsParts, invoiceView, minimumCharge, partsInput, settleInvoicePart, type InvoiceView } from '@/lib/billing/invoice-parts';
import { getDb } from '@/lib/db/client';
import { formatMoney } from '@/lib/money';
import { invoiceIdSchema, paymentIntentIdSchema } from '@/lib/stripe/ids';
import { choosePartAction } from '../actions';

export const metadata: Metadata = { title: 'Invoice' };

const query = z.object({ payment_intent: paymentIntentIdSchema.optional() });

export default async function InvoicePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireMember(billingRole);
  const id = invoiceIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const returned = query.safeParse(await searchParams);
  // Back from the card form: check the part with Stripe and sync it before reading the mirror.
  const settled = returned.success && returned.data.payment_intent ? await settleInvoicePart(user, id.data, returned.data.payment_intent) : null;
  const customerId = await customerIdForOrganisation(await getDb(), user.organisation.id);
  const invoice = customerId ? await invoiceView(customerId, id.data) : null;
  if (!invoice) notFound();
  const money = (amount: number) => formatMoney(amount, invoice.currency);
  const credited = invoice.creditNotes.filter((c) => c.status === 'issued').reduce((sum, c) => sum + c.amount, 0);
  const owing = invoice.owed;

  return (
    <div className="mx-auto max-w-3xl px-4 py-12 sm:px-6">
      <PageHeading title={`Invoice ${invoice.number ?? invoice.id}`}>
        Issued {formatDate(invoice.created)}
        {invoice.dueDate && owing ? `, due ${formatDate(invoice.dueDate)}` : ''}. Every payment towards it and every credit note, in one place.
      </PageHeading>
      <nav aria-label="Breadcrumb" className="mt-4 text-sm">
        <Link href="/account/billing" className="text-brand-600 hover:text-brand-700 hover:underline">
          ← Billing history
        </Link>
      </nav>

      {settled && <PartResult settled={settled} invoice={invoice} money={money} />}

      <div className="mt-8 space-y-6">
        <Panel id="invoice-summary" title="Summary" actions={invoice.status ? <StatusBadge kind="invoice" status={invoice.status} audience="customer" /> : undefined}>
          <dl className="grid grid-cols-2 gap-4 px-5 py-4 text-sm sm:grid-cols-4">
            <Amount label="Total" value={money(invoice.total)} />
            <Amount label="Paid" value={money(invoice.amountPaid)} />
            <Amount label="Credited" value={money(credited)} />
            <Amount label="Left to pay" value={money(invoice.status === 'open' ? invoice.remaining : 0)} strong={owing} />
          </dl>
          {invoice.lines.length > 0 && (
            <ul className="space-y-1 border-t border-slate-100 px-5 py-3 text-sm" aria-label="Items">
              {invoice.lines.map((line, index) => (
                <li key={index} className="flex justify-between gap-4 text-slate-700">
                  <span className="min-w-0">
                    {line.name}
                    {line.quantity && line.quantity > 1 ? ` × ${line.quantity}` : ''}
                  </span>
                  <span className="shrink-0 tabular-nums">{money(line.amount)}</span>
                </li>
              ))}
            </ul>
          )}
          {(invoice.hostedInvoiceUrl || invoice.invoicePdf) && (
            <p className="flex gap-4 border-t border-slate-100 px-5 py-3 text-sm">
              {invoice.hostedInvoiceUrl && (
                <a href={invoice.hostedInvoiceUrl} className="font-medium text-brand-600 hover:text-brand-700 hover:underline">
                  Stripe invoice page
                </a>
              )}
              {invoice.invoicePdf && (
                <a href={invoice.invoicePdf} className="font-medium text-brand-600 hover:text-brand-700 hover:underline">
                  PDF
                </a>
              )}
            </p>
          )}
        </Panel>

        {owing && <PayPanel invoice={invoice} money={money} />}

        <Panel id="invoice-payments" title="Payments" description={invoice.parts.length > 1 ? `Paid in ${invoice.parts.length} parts.` : undefined}>
          {invoice.parts.length === 0 ? (
            <p className="px-5 py-4 text-sm text-slate-600">No payments towards this invoice yet.</p>
          ) : (
            <ol className="divide-y divide-slate-100" aria-label="Payments towards this invoice">
              {invoice.parts.map((part) => (
                <li key={part.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-5 py-3 text-sm">
                  <p className="text-slate-700">
                    <span className="font-medium text-slate-900">
                      {part.status === 'paid' ? 'Paid' : 'Paying'} {money(part.amount)} of {money(invoice.total)}
                    </span>
                    <span className="text-slate-500">
                      {' · '}
                      {formatDate(part.paidAt ?? part.created)}
                      {part.card ? ` · ${cardBrandName(part.card.brand)} •••• ${part.card.last4}` : ''}
                      {part.refunded > 0 ? ` · ${money(part.refunded)} refunded` : ''}
                    </span>
                  </p>
                  {part.status !== 'paid' && <StatusBadge kind="invoicePayment" status={part.status} audience="customer" />}
                </li>
              ))}
            </ol>
          )}
        </Panel>

        {invoice.creditNotes.length > 0 && (
          <Panel id="invoice-credit-notes" title="Credit notes">
            <ol className="divide-y divide-slate-100" aria-label="Credit notes">
              {invoice.creditNotes.map((note) => (
                <li key={note.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-5 py-3 text-sm">
                  <p className="text-slate-700">
                    <span className="font-medium text-slate-900">
                      Credit note {note.number ?? note.id}: {money(note.amount)}
                    </span>
                    <span className="text-slate-500">
                      {' · '}
                      {formatDate(note.created)}
                      {note.refunded > 0 ? ` · ${money(note.refunded)} refunded to your card` : ''}
                      {note.status === 'void' ? ' · void' : ''}
                    </span>
                  </p>
                </li>
              ))}
            </ol>
          </Panel>
        )}
      </div>
    </div>
  );
}

function Amount({ label, value, strong = false }: { label: string; value: string; strong?: boolean }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className={`mt-0.5 tabular-nums ${strong ? 'font-semibold text-slate-900' : 'text-slate-800'}`}>{value}</dd>
    </div>
  );
}

function PayPanel({ invoice, money }: { invoice: InvoiceView; money: (amount: number) => string }) {
  const all = `/account/invoices/${invoice.id}/pay?${new URLSearchParams({ amount: String(invoice.remaining) })}`;
  // Stripe takes no parts on a subscription invoice it charges automatically: the past-due page pays it.
  const payAll = invoice.subscriptionId && invoice.collectionMethod !== 'send_invoice' ? '/account/pay' : all;
  const min = minimumCharge(invoice.currency);
  return (
    <Panel id="invoice-pay" title="Pay this invoice" description={`${money(invoice.remaining)} left to pay.`}>
      <div className="space-y-5 px-5 py-4">
        <Link href={payAll} className={buttonClasses('secondary')}>
          Pay all {money(invoice.remaining)}
        </Link>
        {acceptsParts(partsInput(invoice)) && min !== null && (
          <div className="border-t border-slate-100 pt-5">
            <h3 className="text-sm font-semibold text-slate-900">Or pay part now, the rest later</h3>
            <div className="mt-3">
              <InvoicePartForm
                action={choosePartAction}
                invoiceId={invoice.id}
                currencyCode={invoice.currency.toUpperCase()}
                hint={`From ${money(min)} to ${money(invoice.remaining - min)}, leaving at least ${money(min)} for later.`}
              />
            </div>
          </div>
        )}
      </div>
    </Panel>
  );
}

function PartResult({ settled, invoice, money }: { settled: NonNullable<Awaited<ReturnType<typeof settleInvoicePart>>>; invoice: InvoiceView; money: (amount: number) => string }) {
  const [tone, text] =
    settled.status === 'succeeded'
      ? [
          'border-emerald-200 bg-emerald-50 text-emerald-900',
          invoice.status === 'paid' ? `Paid ${money(settled.amount)}. This invoice is paid in full.` : `Paid ${money(settled.amount)}. ${money(invoice.remaining)} left to pay.`,
        ]
      : settled.status === 'processing'
        ? ['border-slate-200 bg-slate-50 text-slate-800', `Your payment of ${money(settled.amount)} is processing.`]
        : ['border-red-200 bg-red-50 text-red-800', settled.message ?? 'Your payment did not go through. Try again or use another card.'];
  return (
    <p role="status" className={`mt-6 rounded-lg border px-4 py-3 text-sm ${tone}`}>
      {text}
    </p>
  );
}
