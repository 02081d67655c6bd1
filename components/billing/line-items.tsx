// What a payment paid for, line by line: name (a proration credit says what it credits), quantity,
// billing period and amount. The customer's billing history and the admin's payment page both list
// invoice lines and purchased items with it.
import type { PurchasedItem } from '@/lib/billing/history';
import { formatPeriod, invoiceLineName } from '@/lib/billing/format';
import { formatMoney } from '@/lib/money';

export function LineItems({
  items,
  currency,
  label = 'Items',
  showProductIds = false,
  discount = 0,
}: {
  items: PurchasedItem[];
  /** What discounts took off these lines (an invoice's coupons and promotion codes), shown after them. */
  discount?: number;
  currency: string;
  label?: string;
  /** For admins: the Stripe product of each line under its name. */
  showProductIds?: boolean;
}) {
  if (items.length === 0) return null;
  return (
    <ul className="mt-2 space-y-1 text-sm" aria-label={label}>
      {items.map((item, index) => (
        <li key={`${item.productId}-${index}`} className="flex justify-between gap-4 text-slate-700">
          <span className="min-w-0">
            {invoiceLineName(item)}
            {item.quantity && item.quantity > 1 ? ` × ${item.quantity}` : ''}
            {item.periodStart && item.periodEnd && item.periodEnd > item.periodStart && (
              <span className="text-slate-500"> ({formatPeriod(item.periodStart, item.periodEnd)})</span>
            )}
            {showProductIds && item.productId && <span className="block font-mono text-xs text-slate-400 [overflow-wrap:anywhere]">{item.productId}</span>}
          </span>
          <span className="shrink-0 tabular-nums">{formatMoney(item.amount, currency)}</span>
        </li>
      ))}
      {discount > 0 && (
        <li className="flex justify-between gap-4 text-emerald-700">
          <span>Discount</span>
          <span className="shrink-0 tabular-nums">−{formatMoney(discount, currency)}</span>
        </li>
      )}
    </ul>
  );
}
