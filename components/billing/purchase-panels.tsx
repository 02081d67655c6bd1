// An in-app purchase: the summary of what is bought (its rows, then what is due today) beside the
// card form. Shared by plans (PlanPurchase, with a promotion code) and one-time add-ons.
import type { ReactNode } from 'react';

export function PurchasePanels({ rows, dueToday, afterSummary, children }: { rows: ReactNode; dueToday: string; afterSummary?: ReactNode; children: ReactNode }) {
  return (
    <div className="mt-8 grid gap-8 md:grid-cols-5">
      <section aria-labelledby="summary-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm md:col-span-2 md:self-start">
        <h2 id="summary-heading" className="font-semibold text-slate-900">
          Summary
        </h2>
        <dl className="mt-4 space-y-3 text-sm">
          {rows}
          <div className="flex justify-between gap-4 border-t border-slate-200 pt-3">
            <dt className="font-semibold text-slate-900">Due today</dt>
            <dd className="font-semibold text-slate-900" data-testid="due-today">
              {dueToday}
            </dd>
          </div>
        </dl>
        {afterSummary}
      </section>
      <section aria-labelledby="card-heading" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm md:col-span-3">
        <h2 id="card-heading" className="mb-4 font-semibold text-slate-900">
          Card
        </h2>
        {children}
      </section>
    </div>
  );
}
