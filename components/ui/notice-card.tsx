// A single centred card with a heading: for "not available", "already subscribed" and result pages,
// ending with the ways on.
import type { ReactNode } from 'react';
import { LinkButtons, type LinkAction } from './link-buttons';

export function NoticeCard({
  title,
  tone = 'neutral',
  actions = [],
  children,
}: {
  title: string;
  tone?: 'neutral' | 'success' | 'warning';
  actions?: LinkAction[];
  children: ReactNode;
}) {
  const accent = { neutral: 'border-slate-200', success: 'border-emerald-300', warning: 'border-amber-300' }[tone];
  return (
    <div className="mx-auto max-w-2xl px-4 py-16 sm:px-6">
      <div className={`rounded-xl border bg-white p-8 shadow-sm ${accent}`}>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        <div className="mt-3 text-slate-600">{children}</div>
        {actions.length > 0 && <LinkButtons links={actions} />}
      </div>
    </div>
  );
}
