import type { Metadata } from 'next';
import Link from 'next/link';
import { billingRole } from '@/lib/auth/roles';
import { requireMember } from '@/lib/auth/session';
import { buttonClasses } from '@/components/ui/button-classes';
import { PageHeading } from '@/components/ui/page-heading';
import { Panel, Stat, StatGrid } from '@/components/ui/panel';
import { SimpleTable } from '@/components/ui/table';
import { UsageChart } from '@/components/billing/usage-chart';
import { customerIdForOrganisation } from '@/lib/billing/customers';
import { formatDate, formatPeriod } from '@/lib/billing/format';
import { usageForCustomer } from '@/lib/billing/usage/queries';
import { getDb } from '@/lib/db/client';
import { formatMoney } from '@/lib/money';

export const metadata: Metadata = { title: 'Usage' };

export default async function UsagePage() {
  const user = await requireMember(billingRole);
  const customerId = await customerIdForOrganisation(await getDb(), user.organisation.id);
  const usage = customerId ? await usageForCustomer(customerId) : null;

  return (
    <div className="mx-auto max-w-4xl px-4 py-12 sm:px-6">
      <PageHeading title="Usage">Reports generated this billing period and what they will cost.</PageHeading>
      <nav aria-label="Breadcrumb" className="mt-4 text-sm">
        <Link href="/account" className="text-brand-600 hover:text-brand-700 hover:underline">
          ← Back to your account
        </Link>
      </nav>
      {!usage ? (
        <div className="mt-8 rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
          <h2 className="text-lg font-semibold text-slate-900">No usage-based billing on your plan</h2>
          <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">Pro and Team include reports, billed by use beyond what the plan includes.</p>
          <Link href="/pricing" className={`${buttonClasses('secondary', 'sm')} mt-6`}>
            See plans
          </Link>
        </div>
      ) : (
        <div className="mt-8 space-y-8">
          <section aria-label="This period">
            <StatGrid label="This period" columns={3}>
              <Stat label="Reports generated" value={usage.total.toLocaleString('en-US')} hint={usage.pending > 0 ? `${usage.pending.toLocaleString('en-US')} still on the way to billing` : undefined} />
              <Stat label="Included in your plan" value={usage.included.toLocaleString('en-US')} hint={`${Math.max(0, usage.included - usage.total).toLocaleString('en-US')} left`} />
              <Stat label="Will be billed" value={formatMoney(usage.amount, usage.item.currency)} hint={`on ${formatDate(usage.item.periodEnd)}`} />
            </StatGrid>
            <p className="mt-3 text-sm text-slate-600">
              Period {formatPeriod(usage.item.periodStart, usage.item.periodEnd)}. {pricingSentence(usage.tiers, usage.item.currency)}
            </p>
          </section>
          <Panel id="by-day-heading" title="By day">
            <div className="px-3 pt-4 sm:px-5">
              <UsageChart days={usage.byDay} unit="Reports" />
            </div>
            <SimpleTable caption="Reports generated per day" head={['Day', 'Reports']} numeric={[1]} rows={usage.byDay.filter((d) => d.units > 0).map((d) => [formatDate(new Date(`${d.day}T00:00:00Z`)), d.units.toLocaleString('en-US')])} />
          </Panel>
        </div>
      )}
    </div>
  );
}

/** "The first 100 reports are included; each one after that costs $0.10." */
function pricingSentence(tiers: { upTo: number | null; unitAmount: number }[], currency: string): string {
  const [first, ...rest] = tiers;
  if (!first) return '';
  const next = rest[0];
  if (first.unitAmount === 0 && first.upTo !== null && next) {
    return `The first ${first.upTo.toLocaleString('en-US')} reports are included; each one after that costs ${formatMoney(next.unitAmount, currency)}.`;
  }
  return `Each report costs ${formatMoney(first.unitAmount, currency)}.`;
}
