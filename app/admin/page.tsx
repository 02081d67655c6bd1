import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/db/client';
import { requireAdmin } from '@/lib/auth/session';
import { countUsersByRole } from '@/lib/auth/accounts';
import { defaultRevenueSearch, revenueReport } from '@/lib/billing/admin/revenue';
import { listDisputes } from '@/lib/billing/admin/disputes';
import { openDisputeStatuses } from '@/lib/billing/statuses';
import { webhookHealth } from '@/lib/billing/admin/webhook-health';
import { formatMoney } from '@/lib/money';
import { PageHeading } from '@/components/ui/page-heading';
import { Stat, StatGrid } from '@/components/ui/panel';

export const metadata: Metadata = { title: 'Admin' };

const sections = [
  { href: '/admin/payments', title: 'Payments', body: 'Every payment of every customer, joined to the invoices it paid and the products bought. Filter, total, export.' },
  { href: '/admin/disputes', title: 'Disputes', body: 'Chargebacks with their deadlines; submit evidence.' },
  { href: '/admin/customers', title: 'Organisations', body: 'Owner, members, seats, plan and lifetime value of each paying organisation, and its billing history.' },
  { href: '/admin/revenue', title: 'Revenue', body: 'Gross, refunds and net per day or month; MRR; new and churned subscriptions.' },
  { href: '/admin/webhooks', title: 'Webhooks', body: 'The event inbox: pending, failed, retries, and reconciliation with Stripe.' },
];

export default async function AdminPage() {
  await requireAdmin();
  const [accounts, revenue, disputes, health] = await Promise.all([
    getDb().then(countUsersByRole),
    revenueReport(defaultRevenueSearch()),
    listDisputes(),
    webhookHealth({ failingLimit: 1 }),
  ]);
  const [main] = revenue.revenue;
  const currency = main?.currency ?? revenue.mrr[0]?.currency ?? 'usd';
  const openDisputes = disputes.filter((d) => openDisputeStatuses.includes(d.status)).length;
  return (
    <div className="space-y-8">
      <PageHeading title="Admin console">Payments, refunds, disputes, revenue and the webhook pipeline of this Paydesk.</PageHeading>
      <StatGrid label="At a glance" columns={5}>
        <Stat label="Customer accounts" value={accounts.customer} hint={`${accounts.admin} admin${accounts.admin === 1 ? '' : 's'}`} />
        <Stat label="Net volume, 30 days" value={formatMoney(main?.net ?? 0, currency)} hint={`${formatMoney(main?.gross ?? 0, currency)} gross`} />
        <Stat label="MRR" value={formatMoney(revenue.mrr.find((m) => m.currency === currency)?.amount ?? 0, currency)} hint={`${revenue.activeSubscriptions} active subscriptions`} />
        <Stat label="Open disputes" value={openDisputes} />
        <Stat label="Failed webhook events" value={health.counts.failed} hint={`${health.counts.pending} pending`} />
      </StatGrid>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {sections.map(({ href, title, body }) => (
          <li key={href}>
            <Link href={href} className="block h-full rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition-colors hover:border-brand-500">
              <h2 className="font-semibold text-slate-900">{title}</h2>
              <p className="mt-2 text-sm text-slate-600">{body}</p>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
