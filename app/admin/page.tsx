import type { Metadata } from 'next';
import { getDb } from '@/lib/db/client';
import { requireAdmin } from '@/lib/auth/session';
import { countUsersByRole } from '@/lib/auth/accounts';
import { PageHeading } from '@/components/page-heading';

export const metadata: Metadata = { title: 'Admin' };

const upcoming = [
  { title: 'Payments', body: 'Every payment of every customer, joined to the invoices it paid and the products bought.' },
  { title: 'Refunds and disputes', body: 'Full and partial refunds with a reason, and disputes with their status.' },
  { title: 'Revenue', body: 'Revenue and refund totals over time, summed from payment records.' },
  { title: 'Webhook pipeline', body: 'Events received from Stripe, what is pending or failed, and the last reconciliation.' },
];

export default async function AdminPage() {
  await requireAdmin();
  const accounts = await countUsersByRole(await getDb());
  const stats = [
    { label: 'Customers', value: accounts.customer },
    { label: 'Admins', value: accounts.admin },
  ];
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <PageHeading title="Admin console">
        An overview of the accounts on this Paydesk. Payment tools arrive here as billing is connected.
      </PageHeading>
      <section aria-labelledby="accounts-heading" className="mt-8">
        <h2 id="accounts-heading" className="text-lg font-semibold text-slate-900">
          Accounts
        </h2>
        <dl className="mt-4 grid max-w-xl grid-cols-2 gap-4">
          {stats.map(({ label, value }) => (
            <div key={label} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
              <dt className="text-sm font-medium text-slate-500">{label}</dt>
              <dd className="mt-1 text-3xl font-semibold tabular-nums text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="upcoming-heading" className="mt-12">
        <h2 id="upcoming-heading" className="text-lg font-semibold text-slate-900">
          Coming to this console
        </h2>
        <ul className="mt-4 grid gap-4 sm:grid-cols-2">
          {upcoming.map(({ title, body }) => (
            <li key={title} className="rounded-xl border border-dashed border-slate-300 bg-white p-5">
              <div className="flex items-center justify-between gap-3">
                <h3 className="font-semibold text-slate-900">{title}</h3>
                <span className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-600">Not set up yet</span>
              </div>
              <p className="mt-2 text-sm text-slate-600">{body}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
