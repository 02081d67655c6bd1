'use client';
// A header link that marks itself as the current page (for screen readers and the eye).
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const pathname = usePathname();
  const current = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={current ? 'page' : undefined}
      className={`rounded-md px-3 py-2 text-sm font-medium hover:bg-slate-100 hover:text-slate-900 ${
        current ? 'bg-slate-100 text-slate-900' : 'text-slate-600'
      }`}
    >
      {children}
    </Link>
  );
}
