import type { Metadata } from 'next';
import Link from 'next/link';
import { requireMember } from '@/lib/auth/session';
import { buttonClasses } from '@/components/ui/button-classes';
import { PageHeading } from '@/components/ui/page-heading';
import { Panel, Stat, StatGrid } from '@/components/ui/panel';
import { SimpleTable } from '@/components/ui/table';
import { customerIdForOrganisation } from '@/lib/billing/customers';
import { entitlementsForOrganisation } from '@/lib/billing/entitlements';
import { formatMoney } from '@/lib/money';
import { billingHistory } from '@/lib/billing/history';
import { getDb } from '@/lib/db/client';

export const metadata: Metadata = { title: 'Reports' };

/** The entitlement (product metadata `features`) this page requires. */
const REQUIRED_FEATURE = 'reports';

export default async function ReportsPage() {
  const user = await requireMember();
  const entitlements = await entitlementsForOrganisation(user.organisation.id);
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

  const customerId = await customerIdForOrganisation(await getDb(), user.organisation.id);
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
      <section aria-label="Spending summary" className="mt-8">
        {totals.size === 0 ? (
          <p className="text-sm text-slate-600">No completed payments yet.</p>
        ) : (
          <StatGrid label="Totals per currency" columns={3}>
            {[...totals].flatMap(([currency, total]) => [
              <Stat key={`${currency}-paid`} label={`Paid (${currency.toUpperCase()})`} value={formatMoney(total.paid, currency)} />,
              <Stat key={`${currency}-refunded`} label={`Refunded (${currency.toUpperCase()})`} value={formatMoney(total.refunded, currency)} />,
              <Stat key={`${currency}-count`} label="Payments" value={total.count} />,
            ])}
          </StatGrid>
        )}
      </section>
      {months.size > 0 && (
        <div className="mt-8">
          <Panel id="by-month-heading" title="By month">
            <SimpleTable
              caption="Payments by month"
              head={['Month', 'Payments', 'Paid', 'Refunded']}
              numeric={[1, 2, 3]}
              rows={[...months.values()].map((row) => [
                monthName.format(new Date(`${row.month}-01T00:00:00Z`)),
                row.count,
                formatMoney(row.paid, row.currency),
                formatMoney(row.refunded, row.currency),
              ])}
            />
          </Panel>
        </div>
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
