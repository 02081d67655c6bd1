// The review of a change to a subscription before the customer confirms it (a plan switch, a
// downgrade at the period end, an extra seat): what changes, Stripe's previewed lines, what is
// charged now, what follows, and the actions to confirm or keep things as they are.
import type { ReactNode } from 'react';
import { formatPeriod, invoiceLineName } from '@/lib/billing/format';
import type { PreviewLine } from '@/lib/billing/subscriptions';
import { formatMoney } from '@/lib/money';

export function ChangeReview({ label, rows, note, actions }: { label: string; rows: ReactNode; note: ReactNode; actions: ReactNode }) {
  return (
    <section aria-label={label} className="mt-8 rounded-xl border border-slate-200 bg-white shadow-sm">
      <dl className="divide-y divide-slate-100 text-sm">{rows}</dl>
      <p className="border-t border-slate-100 px-6 py-4 text-sm text-slate-600">{note}</p>
      <div className="flex flex-wrap items-start gap-3 border-t border-slate-100 px-6 py-4">{actions}</div>
    </section>
  );
}

export function ReviewRow({ label, children, strong, muted }: { label: string; children: ReactNode; strong?: boolean; muted?: boolean }) {
  return (
    <div className={`flex justify-between gap-6 px-6 py-3 ${strong ? 'bg-slate-50 font-semibold text-slate-900' : muted ? 'text-slate-500' : 'text-slate-900'}`}>
      <dt>{label}</dt>
      <dd className="text-right">{children}</dd>
    </div>
  );
}

/** Stripe's previewed invoice lines, each with its period (and its quantity, where that is the change). */
export function PreviewLineRows({ lines, currency, quantities = false }: { lines: PreviewLine[]; currency: string; quantities?: boolean }) {
  return lines.map((line, index) => (
    <ReviewRow key={index} label={`${invoiceLineName(line)}${quantities && line.quantity ? ` × ${line.quantity}` : ''} (${formatPeriod(line.periodStart, line.periodEnd)})`} muted>
      {formatMoney(line.amount, currency)}
    </ReviewRow>
  ));
}
