import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { billingRole } from '@/lib/auth/roles';
import { requireMember } from '@/lib/auth/session';
import { buttonClasses } from '@/components/ui/button-classes';
import { PageHeading } from '@/components/ui/page-heading';
import { Pager } from '@/components/ui/pager';
import { PaymentHistoryItem } from '@/components/billing/payment-history-item';
import { customerIdForOrganisation } from '@/lib/billing/customers';
import { billingHistory, type BillingHistoryPage } from '@/lib/billing/history';
import { openInvoices, type OpenInvoice } from '@/lib/billing/invoice-parts';
import { formatDate } from '@/lib/billing/format';
import { formatMoney } from '@/lib/money';
import { resolveLinking } from '@/lib/billing/linking';
import { getDb } from '@/lib/db/client';
import { pageCursorSchema } from '@/lib/billing/page-params';

export const metadata: Metadata = { title: 'Billing history' };

const PAGE_SIZE = 10;
const query = z.object({ cursor: pageCursorSchema.optional() });

export default async function BillingHistoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireMember(billingRole);
  const parsed = query.safeParse(await searchParams);
  if (!parsed.success) redirect('/account/billing');
  const cursor = parsed.data.cursor ?? null;
  const customerId = await customerIdForOrganisation(await getDb(), user.organisation.id);
  const page = customerId ? await historyPage(customerId, cursor) : { payments: [], nextCursor: null };
  const owed = customerId && !cursor ? await openInvoices(customerId) : [];

  return (
    <div className="mx-auto max-w-4xl px-4 py-12 sm:px-6">
      <PageHeading title="Billing history">Every payment you made, the invoices it paid and what was on them.</PageHeading>
      <nav aria-label="Breadcrumb" className="mt-4 text-sm">
        <Link href="/account" className="text-brand-600 hover:text-brand-700 hover:underline">
          ← Back to your account
        </Link>
      </nav>
      {owed.length > 0 && <OpenInvoices invoices={owed} />}
      {page.payments.length === 0 ? (
        <div className="mt-8 rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
          <h2 className="text-lg font-semibold text-slate-900">{cursor ? 'No older payments' : 'No payments yet'}</h2>
          <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">
            {cursor ? 'You have reached the beginning of your history.' : 'When you subscribe or buy an add-on, the payment and its invoice appear here.'}
          </p>
          <Link href={cursor ? '/account/billing' : '/pricing'} className={`${buttonClasses('secondary', 'sm')} mt-6`}>
            {cursor ? 'Newest payments' : 'See plans'}
          </Link>
        </div>
      ) : (
        <ol className="mt-8 space-y-4" aria-label="Payments">
          {page.payments.map((payment) => (
            <PaymentHistoryItem key={payment.id} payment={payment} />
          ))}
        </ol>
      )}
      {page.payments.length > 0 && (
        <Pager
          label="Pagination"
          className="mt-8"
          first={cursor ? { href: '/account/billing', label: 'Newest payments' } : null}
          next={page.nextCursor ? { href: `/account/billing?${new URLSearchParams({ cursor: page.nextCursor })}`, label: 'Older payments' } : null}
        />
      )}
    </div>
  );
}

async function historyPage(customerId: string, cursor: string | null): Promise<BillingHistoryPage> {
  let page = await billingHistory({ customerId, cursor, limit: PAGE_SIZE });
  // Payments whose invoice link is late: one bounded live lookup, then the page is read again (the
  // lookup either linked them or stamped them as having no invoice; either way they stop "linking").
  const linking = page.payments.filter((p) => p.linking).map((p) => p.id);
  if (linking.length > 0) {
    await resolveLinking(linking, { maxLookups: 5, timeoutMs: 2_000 });
    page = await billingHistory({ customerId, cursor, limit: PAGE_SIZE });
  }
  return page;
}

/** Invoices still owing money, each linking to its page (pay all of it, or part now and the rest later). */
function OpenInvoices({ invoices }: { invoices: OpenInvoice[] }) {
  return (
    <section aria-labelledby="open-invoices" className="mt-8 rounded-xl border border-amber-200 bg-amber-50/60 px-5 py-4">
      <h2 id="open-invoices" className="font-semibold text-slate-900">
        Open invoices
      </h2>
      <ul className="mt-2 divide-y divide-amber-100 text-sm">
        {invoices.map((invoice) => (
          <li key={invoice.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2">
            <p className="text-slate-700">
              <span className="font-medium text-slate-900">{invoice.number ?? invoice.id}</span>
              {' · '}
              {invoice.remaining === invoice.total
                ? `${formatMoney(invoice.remaining, invoice.currency)} to pay`
                : `${formatMoney(invoice.remaining, invoice.currency)} of ${formatMoney(invoice.total, invoice.currency)} left to pay`}
              {invoice.dueDate ? ` · due ${formatDate(invoice.dueDate)}` : ''}
            </p>
            <Link href={`/account/invoices/${invoice.id}`} className="font-medium text-brand-600 hover:text-brand-700 hover:underline">
              View and pay<span className="sr-only"> invoice {invoice.number}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
