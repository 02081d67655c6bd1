'use client';
// The admin console's own sub-navigation (the site header links to /admin; this moves within it).
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const sections = [
  { href: '/admin', label: 'Overview' },
  { href: '/admin/payments', label: 'Payments' },
  { href: '/admin/disputes', label: 'Disputes' },
  { href: '/admin/customers', label: 'Organisations' },
  { href: '/admin/revenue', label: 'Revenue' },
  { href: '/admin/usage', label: 'Usage' },

  { href: '/admin/promotions', label: 'Promotions' },
  { href: '/admin/webhooks', label: 'Webhooks' },
];

export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin sections" className="-mx-3 -mb-px flex flex-wrap gap-x-1">
      {sections.map(({ href, label }) => {
        const current = href === '/admin' ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={href}
            href={href}
            aria-current={current ? 'page' : undefined}
            className={`whitespace-nowrap border-b-2 px-3 py-3 text-sm font-medium ${
              current ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900'
            }`}
          >
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
