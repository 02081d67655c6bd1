import type { Metadata } from 'next';
import Link from 'next/link';
import { requireMember } from '@/lib/auth/session';
import { buttonClasses } from '@/components/ui/button-classes';
import { PageHeading } from '@/components/ui/page-heading';
import { Panel, Stat, StatGrid } from '@/components/ui/panel';
import { SimpleTable } from '@/components/ui/table';
import { ActionForm } from '@/components/ui/action-form';
import { customerIdForOrganisation } from '@/lib/billing/customers';
import { entitlementsForOrganisation } from '@/lib/billing/entitlements';
import { formatMoney } from '@/lib/money';
import { formatDateTime } from '@/lib/billing/format';
import { recentReports, spendingSummary } from '@/lib/billing/reports';
import { getDb } from '@/lib/db/client';
import { generateReportAction } from './actions';

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
  const [summary, reports] = await Promise.all([spendingSummary(customerId), customerId ? recentReports(customerId, { limit: 5 }) : []]);
  const totals = new Map(Object.entries(summary.totals));
  const months = summary.months;
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
      <section aria-labelledby="generate-heading" className="mt-8 max-w-2xl rounded-xl border border-slate-200 bg-white px-6 py-5">
        <h2 id="generate-heading" className="font-semibold text-slate-900">
          Generate a report
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Saves this summary as it stands now. Each report counts toward your plan&rsquo;s usage:{' '}
          <Link href="/account/usage" className="font-medium text-brand-700 underline">
            see this period&rsquo;s usage
          </Link>
          .
        </p>
        <ActionForm action={generateReportAction} label="Generate report" pendingLabel="Generating…" className="mt-4" />
        {reports.length > 0 && (
          <div className="mt-4">
            <SimpleTable
              caption="Recently generated reports"
              head={['Generated', 'Payments', 'Paid']}
              numeric={[1, 2]}
              rows={reports.map((report) => {
                const entries = Object.entries(report.summary.totals);
                return [
                  formatDateTime(report.created),
                  entries.reduce((sum, [, t]) => sum + t.count, 0),
                  entries.length === 0 ? '—' : entries.map(([currency, t]) => formatMoney(t.paid, currency)).join(', '),
                ];
              })}
            />
          </div>
        )}
      </section>
      {months.length > 0 && (
        <div className="mt-8">
          <Panel id="by-month-heading" title="By month">
            <SimpleTable
              caption="Payments by month"
              head={['Month', 'Payments', 'Paid', 'Refunded']}
              numeric={[1, 2, 3]}
              rows={months.map((row) => [
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

const monthName = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
