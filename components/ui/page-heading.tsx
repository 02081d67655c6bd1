import type { ReactNode } from 'react';

export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="border-b border-slate-200 pb-6">
      <h1 className="text-3xl font-semibold tracking-tight text-slate-900">{title}</h1>
      {children && <div className="mt-2 max-w-2xl text-slate-600">{children}</div>}
    </div>
  );
}
