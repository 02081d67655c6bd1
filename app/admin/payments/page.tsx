import type { Metadata } from 'next';
import Link from 'next/link';
import { requireAdmin } from '@/lib/auth/session';
import { parsePaymentSearch, paymentSearchQuery } from '@/lib/billing/admin/payment-filters';
import { adminHistoryPage, paymentTotals } from '@/lib/billing/admin/payments';
import { productOptions } from '@/lib/billing/admin/catalog';
import { PageHeading } from '@/components/page-heading';
import { buttonClasses } from '@/components/button-classes';
import { FormMessage } from '@/components/form-message';
import { PaymentFiltersForm } from '@/components/admin/payment-filters-form';
import { PaymentsTable } from '@/components/admin/payments-table';
import { PaymentTotalsList } from '@/components/admin/payment-totals';
import { Panel } from '@/components/admin/panel';

export const metadata: Metadata = { title: 'Payments · Admin' };

const PAGE_SIZE = 25;

export default async function AdminPaymentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin();
  const parsed = parsePaymentSearch(await searchParams);
  const { search, filters } = parsed;
  const [page, totals, products] = await Promise.all([
    adminHistoryPage({ filters, cursor: search.cursor ?? null, limit: PAGE_SIZE }),
    paymentTotals(filters),
    productOptions(),
  ]);
  const filterOnly = { ...search, cursor: undefined };

  return (
    <div className="space-y-6">
      <PageHeading title="Payments">
        Every customer’s payments with the invoices they paid and the products on them. Times are UTC.
      </PageHeading>
      {!parsed.ok && <FormMessage error={`Those filters could not be used: ${parsed.errors.join(' ')} Showing every payment instead.`} />}
      <PaymentFiltersForm search={search} products={products} />
      <section aria-label="Totals for this filter">
        <PaymentTotalsList totals={totals} />
      </section>
      <Panel
        id="payments-heading"
        title="Payments"
        description={search.cursor ? 'A later page of this filter, newest first.' : 'Newest first.'}
        actions={
          <a href={`/api/admin/payments/export${paymentSearchQuery(filterOnly)}`} className={buttonClasses('secondary', 'sm')} download>
            Export CSV
          </a>
        }
      >
        <PaymentsTable payments={page.payments} caption="Payments matching the filter, newest first" />
        {(search.cursor || page.nextCursor) && (
          <nav aria-label="Pages" className="flex items-center justify-between gap-3 border-t border-slate-200 px-5 py-3">
            {search.cursor ? (
              <Link href={`/admin/payments${paymentSearchQuery(filterOnly)}`} className={buttonClasses('secondary', 'sm')}>
                First page
              </Link>
            ) : (
              <span />
            )}
            {page.nextCursor && (
              <Link href={`/admin/payments${paymentSearchQuery(search, { cursor: page.nextCursor })}`} className={buttonClasses('secondary', 'sm')}>
                Next page
              </Link>
            )}
          </nav>
        )}
      </Panel>
    </div>
  );
}
