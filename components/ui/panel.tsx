// Cards that hold a page's content: a titled section, a stat tile, and what an empty list shows.
import type { ReactNode } from 'react';

/**
 * A titled section card. `id` names its heading (the section is labelled by it); `anchor`, when
 * given, is the section's own id for links such as `/account#plan`.
 */
export function Panel({
  id,
  title,
  actions,
  description,
  anchor,
  children,
}: {
  id: string;
  title: string;
  actions?: ReactNode;
  description?: ReactNode;
  anchor?: string;
  children: ReactNode;
}) {
  return (
    <section id={anchor} aria-labelledby={id} className="scroll-mt-6 rounded-xl border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-5 py-4">
        <div>
          <h2 id={id} className="font-semibold text-slate-900">
            {title}
          </h2>
          {description && <p className="mt-0.5 text-sm text-slate-500">{description}</p>}
        </div>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function StatGrid({ label, children, columns = 4 }: { label: string; children: ReactNode; columns?: 3 | 4 | 5 }) {
  const wide = { 3: '', 4: 'lg:grid-cols-4', 5: 'lg:grid-cols-5' }[columns];
  return (
    <dl aria-label={label} className={`grid grid-cols-2 gap-3 sm:grid-cols-3 ${wide}`}>
      {children}
    </dl>
  );
}

export function Stat({ label, value, hint }: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <dt className="text-sm font-medium text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value}</dd>
      {hint && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
    </div>
  );
}

/** What a panel shows when it has nothing to list. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="px-5 py-10 text-center">
      <p className="font-medium text-slate-900">{title}</p>
      {children && <div className="mt-1 text-sm text-slate-500">{children}</div>}
    </div>
  );
}

/** Label/value rows inside a panel (a summary, a profile). */
export function DetailList({ items, className = '' }: { items: { label: string; value: ReactNode }[]; className?: string }) {
  return (
    <dl className={`divide-y divide-slate-100 ${className}`}>
      {items.map(({ label, value }) => (
        <div key={label} className="grid grid-cols-5 gap-3 px-5 py-2.5">
          <dt className="col-span-2 text-sm text-slate-500">{label}</dt>
          <dd className="col-span-3 text-sm text-slate-900 tabular-nums [overflow-wrap:anywhere]">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
