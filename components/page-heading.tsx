import type { ReactNode } from 'react';

export function PageHeading({ title, children, eyebrow }: { title: string; children?: ReactNode; eyebrow?: string }) {
  return (
    <div className="border-b border-slate-200 pb-6">
      {eyebrow && <p className="text-sm font-semibold text-brand-600">{eyebrow}</p>}
      <h1 className="mt-1 text-3xl font-semibold tracking-tight text-slate-900">{title}</h1>
      {children && <div className="mt-2 max-w-2xl text-slate-600">{children}</div>}
    </div>
  );
}
