// The lines of a purchase and its total, on the result pages.
import { formatMoney } from '@/lib/money';

export function PurchaseSummary({
  items,
  total,
  currency,
}: {
  items: { name: string; quantity: number | null; amount: number }[];
  total: number | null;
  currency: string | null;
}) {
  return (
    <dl className="mt-5 divide-y divide-slate-100 rounded-lg border border-slate-200 text-sm" aria-label="Purchase">
      {items.map((item, index) => (
        <div key={`${item.name}-${index}`} className="flex justify-between gap-4 px-4 py-3">
          <dt className="text-slate-700">
            {item.name}
            {item.quantity && item.quantity > 1 ? ` × ${item.quantity}` : ''}
          </dt>
          <dd className="font-medium text-slate-900">{currency ? formatMoney(item.amount, currency) : ''}</dd>
        </div>
      ))}
      {total != null && currency && (
        <div className="flex justify-between gap-4 bg-slate-50 px-4 py-3">
          <dt className="font-semibold text-slate-900">Total</dt>
          <dd className="font-semibold text-slate-900">{formatMoney(total, currency)}</dd>
        </div>
      )}
    </dl>
  );
}
