// Totals for the payments matching the current filter, one line per currency.
import type { PaymentTotals } from '@/lib/billing/admin/payments';
import { formatMoney } from '@/lib/money';

export function PaymentTotalsList({ totals }: { totals: PaymentTotals[] }) {
  if (totals.length === 0) return null;
  return (
    <div className="grid gap-3">
      {totals.map((t) => (
        <dl
          key={t.currency}
          aria-label={`Totals in ${t.currency.toUpperCase()}`}
          className="grid grid-cols-2 gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-6"
        >
          <Total label="Currency" value={t.currency.toUpperCase()} />
          <Total label="Payments" value={String(t.payments)} />
          <Total label="Succeeded" value={String(t.succeeded)} />
          <Total label="Gross" value={formatMoney(t.gross, t.currency)} />
          <Total label="Refunded" value={formatMoney(t.refunded, t.currency)} />
          <Total label="Net" value={formatMoney(t.net, t.currency)} />
        </dl>
      ))}
    </div>
  );
}

function Total({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-lg font-semibold tabular-nums text-slate-900">{value}</dd>
    </div>
  );
}
