// Every admin page sits under this layout: admins only (each page checks again, since layouts do
// not re-run on client navigation), with the console's sub-navigation.
import type { ReactNode } from 'react';
import { requireAdmin } from '@/lib/auth/session';
import { AdminNav } from '@/components/admin/admin-nav';

export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdmin();
  return (
    <div data-wide-layout>
      <div className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-(--site-width) px-4 sm:px-6">
          <AdminNav />
        </div>
      </div>
      <div className="mx-auto max-w-(--site-width) px-4 py-8 sm:px-6 sm:py-10">{children}</div>
    </div>
  );
}
