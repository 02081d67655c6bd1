// The payments filter: a plain GET form, so the filter lives in the URL (bookmarkable, shareable,
// and the CSV export reads the same parameters).
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button-classes';
import { Field } from '@/components/ui/form-field';
import type { PaymentSearch } from '@/lib/billing/admin/payment-filters';
import { filterablePaymentStatuses, statusLabel } from '@/lib/billing/statuses';

export function PaymentFiltersForm({ search, products, action = '/admin/payments' }: { search: PaymentSearch; products: { id: string; name: string }[]; action?: string }) {
  const choices = [
    { name: 'status', label: 'Status', any: 'Any status', options: filterablePaymentStatuses.map((status) => ({ value: status, label: statusLabel('payment', status) })) },
    { name: 'product', label: 'Product', any: 'Any product', options: products.map((product) => ({ value: product.id, label: product.name })) },
  ] as const;
  return (
    <form method="get" action={action} role="search" aria-label="Filter payments" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-6 lg:items-end">
      <Field id="filter-email" label="Customer email" className="lg:col-span-2">
        {(control) => <input {...control} name="email" type="search" defaultValue={search.email ?? ''} placeholder="Part of an email" />}
      </Field>
      {choices.map(({ name, label, any, options }) => (
        <Field key={name} id={`filter-${name}`} label={label}>
          {(control) => (
            <select {...control} name={name} defaultValue={search[name] ?? ''}>
              <option value="">{any}</option>
              {options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      ))}
      <Field id="filter-from" label="From (UTC)">
        {(control) => <input {...control} name="from" type="date" defaultValue={search.from ?? ''} />}
      </Field>
      <Field id="filter-to" label="To (UTC)">
        {(control) => <input {...control} name="to" type="date" defaultValue={search.to ?? ''} />}
      </Field>
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
