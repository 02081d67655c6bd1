// The body of error pages (404, 403, 500): a code, a sentence, and a way out.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { buttonClasses } from '@/components/ui/button-classes';

export function StatusPage({ code, title, children, action }: { code: string; title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <div className="mx-auto flex max-w-xl flex-col items-center px-4 py-20 text-center sm:py-28">
      <p className="text-sm font-semibold text-brand-600">{code}</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight text-slate-900 sm:text-4xl">{title}</h1>
      <div className="mt-4 text-slate-600">{children}</div>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        {action}
        <Link href="/" className={buttonClasses(action ? 'secondary' : 'primary')}>
          Back to home
        </Link>
      </div>
    </div>
  );
}
