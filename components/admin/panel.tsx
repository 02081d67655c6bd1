// The admin console's building blocks: a titled section card, a stat tile, and an empty state.
import type { ReactNode } from 'react';

export function Panel({ id, title, actions, children, description }: { id: string; title: string; actions?: ReactNode; description?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-xl border border-slate-200 bg-white shadow-sm">
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

export function StatGrid({ label, children, columns = 4 }: { label: string; children: ReactNode; columns?: 4 | 5 }) {
  return (
    <dl aria-label={label} className={`grid grid-cols-2 gap-3 sm:grid-cols-3 ${columns === 5 ? 'lg:grid-cols-5' : 'lg:grid-cols-4'}`}>
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

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="px-5 py-10 text-center">
      <p className="font-medium text-slate-900">{title}</p>
      {children && <div className="mt-1 text-sm text-slate-500">{children}</div>}
    </div>
  );
}

/** Wraps a wide table so it scrolls sideways on small screens instead of breaking the page. */
export function TableScroller({ children, label }: { children: ReactNode; label: string }) {
  return (
    // A focusable scroll region so keyboard users can scroll it too.
    <div className="overflow-x-auto" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/**
 * Classes for a table that becomes one card per row on a phone instead of scrolling sideways: rows
 * stack, the header row hides, and each `Cell` shows its column's name beside its content.
 */
export const stacked = { table: 'max-md:block', head: 'max-md:hidden', body: 'max-md:block', row: 'max-md:block max-md:py-2' };

/** A cell of a `stacked` table; `label` is its column's name, shown beside it on a phone. */
export function Cell({ label, className = '', children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <td
      data-label={label}
      className={`${td} max-md:flex max-md:justify-between max-md:gap-4 max-md:py-1 max-md:before:shrink-0 max-md:before:pt-0.5 max-md:before:text-xs max-md:before:font-semibold max-md:before:uppercase max-md:before:tracking-wide max-md:before:text-slate-500 max-md:before:content-[attr(data-label)] ${className}`}
    >
      <div className="max-md:min-w-0 max-md:text-right">{children}</div>
    </td>
  );
}

export const th = 'whitespace-nowrap px-3 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500';
export const td = 'px-3 py-3 align-top text-sm text-slate-700';
