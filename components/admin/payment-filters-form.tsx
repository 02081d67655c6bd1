// The payments filter: a plain GET form, so the filter lives in the URL (bookmarkable, shareable,
// and the CSV export reads the same parameters).
import Link from 'next/link';
import { buttonClasses } from '@/components/button-classes';
import { paymentStatusLabels, type PaymentSearch } from '@/lib/billing/admin/payment-filters';

const input =
  'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:outline-2 focus:outline-offset-0 focus:outline-brand-600';
const label = 'block text-sm font-medium text-slate-700';

export function PaymentFiltersForm({ search, products, action = '/admin/payments' }: { search: PaymentSearch; products: { id: string; name: string }[]; action?: string }) {
  return (
    <form method="get" action={action} role="search" aria-label="Filter payments" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-6 lg:items-end">
      <div className="space-y-1.5 lg:col-span-2">
        <label htmlFor="filter-email" className={label}>
          Customer email
        </label>
        <input id="filter-email" name="email" type="search" defaultValue={search.email ?? ''} placeholder="Part of an email" className={input} />
      </div>
      <div className="space-y-1.5">
        <label htmlFor="filter-status" className={label}>
          Status
        </label>
        <select id="filter-status" name="status" defaultValue={search.status ?? ''} className={input}>
          <option value="">Any status</option>
          {Object.entries(paymentStatusLabels).map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1.5">
        <label htmlFor="filter-product" className={label}>
          Product
        </label>
        <select id="filter-product" name="product" defaultValue={search.product ?? ''} className={input}>
          <option value="">Any product</option>
          {products.map((product) => (
            <option key={product.id} value={product.id}>
              {product.name}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1.5">
        <label htmlFor="filter-from" className={label}>
          From (UTC)
        </label>
        <input id="filter-from" name="from" type="date" defaultValue={search.from ?? ''} className={input} />
      </div>
      <div className="space-y-1.5">
        <label htmlFor="filter-to" className={label}>
          To (UTC)
        </label>
        <input id="filter-to" name="to" type="date" defaultValue={search.to ?? ''} className={input} />
      </div>
      <div className="flex gap-2 sm:col-span-2 lg:col-span-6">
        <button type="submit" className={buttonClasses('primary', 'sm')}>
          Apply filters
        </button>
        <Link href={action} className={buttonClasses('secondary', 'sm')}>
          Clear
        </Link>
      </div>
    </form>
  );
}
