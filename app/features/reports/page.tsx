import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/session';
import { buttonClasses } from '@/components/button-classes';
import { PageHeading } from '@/components/page-heading';
import { customerIdForUser } from '@/lib/billing/customers';
import { entitlementsForUser } from '@/lib/billing/entitlements';
import { formatMoney } from '@/lib/money';
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
  const totals = new Map<string, Totals>();
  const months = new Map<string, Totals & { currency: string; month: string }>();
  for (const payment of payments) {
    if (payment.status !== 'succeeded') continue;
    const month = payment.created.toISOString().slice(0, 7);
    add(totals, payment.currency, () => ({ paid: 0, refunded: 0, count: 0 }), payment);
    add(months, `${month} ${payment.currency}`, () => ({ paid: 0, refunded: 0, count: 0, currency: payment.currency, month }), payment);
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
      {months.size > 0 && (
        <section aria-labelledby="by-month-heading" className="mt-8 overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <h2 id="by-month-heading" className="border-b border-slate-200 px-5 py-4 font-semibold text-slate-900">
            By month
          </h2>
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-500">
              <tr>
                <th scope="col" className="px-5 py-2 font-medium">Month</th>
                <th scope="col" className="px-5 py-2 text-right font-medium">Payments</th>
                <th scope="col" className="px-5 py-2 text-right font-medium">Paid</th>
                <th scope="col" className="px-5 py-2 text-right font-medium">Refunded</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {[...months.values()].map((row) => (
                <tr key={`${row.month}-${row.currency}`}>
                  <td className="px-5 py-2.5 text-slate-900">{monthName.format(new Date(`${row.month}-01T00:00:00Z`))}</td>
                  <td className="px-5 py-2.5 text-right tabular-nums">{row.count}</td>
                  <td className="px-5 py-2.5 text-right tabular-nums">{formatMoney(row.paid, row.currency)}</td>
                  <td className="px-5 py-2.5 text-right tabular-nums">{formatMoney(row.refunded, row.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}

interface Totals {
  paid: number;
  refunded: number;
  count: number;
}

const monthName = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });

function add<T extends Totals>(into: Map<string, T>, key: string, empty: () => T, payment: { amountReceived: number; amountRefunded: number }): void {
  const total = into.get(key) ?? empty();
  total.paid += payment.amountReceived;
  total.refunded += payment.amountRefunded;
  total.count += 1;
  into.set(key, total);
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white px-5 py-4 shadow-sm">
      <p className="text-sm text-slate-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value}</p>
    </div>
  );
}
