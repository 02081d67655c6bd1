import type { Metadata } from 'next';
import { requireAdmin } from '@/lib/auth/session';
import { parsePaymentSearch, paymentSearchQuery } from '@/lib/billing/admin/payment-filters';
import { adminHistoryPage, paymentTotals } from '@/lib/billing/admin/payments';
import { productOptions } from '@/lib/billing/admin/catalog';
import { PageHeading } from '@/components/ui/page-heading';
import { buttonClasses } from '@/components/ui/button-classes';
import { FormMessage } from '@/components/ui/form-message';
import { PaymentFiltersForm } from '@/components/admin/payment-filters-form';
import { PaymentsTable } from '@/components/admin/payments-table';
import { PaymentTotalsList } from '@/components/admin/payment-totals';
import { Panel } from '@/components/ui/panel';
import { Pager } from '@/components/ui/pager';

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
        <Pager
          label="Pages"
          className="border-t border-slate-200 px-5 py-3"
          first={search.cursor ? { href: `/admin/payments${paymentSearchQuery(filterOnly)}`, label: 'First page' } : null}
          next={page.nextCursor ? { href: `/admin/payments${paymentSearchQuery(search, { cursor: page.nextCursor })}`, label: 'Next page' } : null}
        />
      </Panel>
    </div>
  );
}
