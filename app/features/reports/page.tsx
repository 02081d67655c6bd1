import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/session';
import { buttonClasses } from '@/components/button-classes';
import { PageHeading } from '@/components/page-heading';
import { customerIdForUser } from '@/lib/billing/customers';
import { entitlementsForUser } from '@/lib/billing/entitlements';
import { formatMoney } from '@/lib/billing/format';
import { billingHistory } from '@/lib/billing/history';
import { getDb } from '@/lib/db/client';

export const metadata: Metadata = { title: 'Reports' };

/** The entitlement (product metadata `features`) this page requires. */
const REQUIRED_FEATURE = 'reports';

export default async function ReportsPage() {
  const user = await requireUser();
  const entitlements = await entitlementsForUser(user.id);
  if (!entitlements.features.has(REQUIRED_FEATURE)) {
    return (
      <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
        <PageHeading title="Reports">Spending summaries across all your payments.</PageHeading>
        <section aria-label="Upgrade" className="mt-8 max-w-2xl rounded-xl border border-brand-100 bg-brand-50 px-6 py-6">
          <h2 className="font-semibold text-slate-900">Reports are part of Pro and Team</h2>
          <p className="mt-1 text-sm text-slate-700">
            {entitlements.tier
              ? 'Your current plan does not include reports. Upgrade to unlock them; we prorate the difference.'
              : 'You need an active Pro or Team plan to use reports. Pro comes with a free trial.'}
          </p>
          <Link href="/pricing" className={`${buttonClasses()} mt-4`}>
            {entitlements.tier ? 'Upgrade your plan' : 'See plans'}
          </Link>
        </section>
      </div>
    );
  }

  const customerId = await customerIdForUser(await getDb(), user.id);
  const { payments } = customerId ? await billingHistory({ customerId, limit: 100 }) : { payments: [] };
  const totals = new Map<string, { paid: number; refunded: number; count: number }>();
  for (const payment of payments) {
    if (payment.status !== 'succeeded') continue;
    const total = totals.get(payment.currency) ?? { paid: 0, refunded: 0, count: 0 };
    total.paid += payment.amountReceived;
    total.refunded += payment.amountRefunded;
    total.count += 1;
    totals.set(payment.currency, total);
  }
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <PageHeading title="Reports">Spending summaries across your last 100 payments.</PageHeading>
      <section aria-label="Spending summary" className="mt-8 grid gap-4 sm:grid-cols-3">
        {totals.size === 0 ? (
          <p className="text-sm text-slate-600 sm:col-span-3">No completed payments yet.</p>
        ) : (
          [...totals].flatMap(([currency, total]) => [
            <Stat key={`${currency}-paid`} label={`Paid (${currency.toUpperCase()})`} value={formatMoney(total.paid, currency)} />,
            <Stat key={`${currency}-refunded`} label={`Refunded (${currency.toUpperCase()})`} value={formatMoney(total.refunded, currency)} />,
            <Stat key={`${currency}-count`} label="Payments" value={String(total.count)} />,
          ])
        )}
      </section>
    </div>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white px-5 py-4 shadow-sm">
      <p className="text-sm text-slate-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value}</p>
    </div>
  );
}
