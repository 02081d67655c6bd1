import type { Metadata } from 'next';
import Link from 'next/link';
import { requireAdmin } from '@/lib/auth/session';
import { defaultRevenueSearch, revenueReport, revenueSearchSchema, type RevenueSearch } from '@/lib/billing/admin/revenue';
import { formatMoney } from '@/lib/money';
import { PageHeading } from '@/components/ui/page-heading';
import { FormMessage } from '@/components/ui/form-message';
import { buttonClasses } from '@/components/ui/button-classes';
import { Field } from '@/components/ui/form-field';
import { EmptyState, Panel, Stat, StatGrid } from '@/components/ui/panel';
import { SimpleTable } from '@/components/ui/table';
import { RevenueChart, SubscriptionsChart } from '@/components/admin/revenue-charts';

export const metadata: Metadata = { title: 'Revenue · Admin' };

const DAY = 86_400_000;
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

function presets(now: Date): { label: string; search: RevenueSearch }[] {
  const to = now.toISOString().slice(0, 10);
  const back = (days: number) => new Date(Date.parse(to) - days * DAY).toISOString().slice(0, 10);
  const yearAgo = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1)).toISOString().slice(0, 10);
  return [
    { label: 'Last 7 days', search: { from: back(6), to, granularity: 'day' } },
    { label: 'Last 30 days', search: { from: back(29), to, granularity: 'day' } },
    { label: 'Last 90 days', search: { from: back(89), to, granularity: 'day' } },
    { label: 'Last 12 months', search: { from: yearAgo, to, granularity: 'month' } },
  ];
}

const query = (s: RevenueSearch) => `?${new URLSearchParams(s)}`;

export default async function AdminRevenuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin();
  const raw = await searchParams;
  const now = new Date();
  const given = Object.keys(raw).length > 0;
  const parsed = revenueSearchSchema.safeParse({ from: first(raw.from), to: first(raw.to), granularity: first(raw.granularity) ?? 'day' });
  const search = given && parsed.success ? parsed.data : defaultRevenueSearch(now);
  const report = await revenueReport(search);
  const currency = report.revenue[0]?.currency ?? report.mrr[0]?.currency ?? 'usd';
  /** One figure per currency ("$388.50 + €30.00"), or zero in the main currency. */
  const sum = (pick: (r: (typeof report.revenue)[number]) => number) =>
    report.revenue.length ? report.revenue.map((r) => formatMoney(pick(r), r.currency)).join(' + ') : formatMoney(0, currency);

  return (
    <div className="space-y-6">
      <PageHeading title="Revenue">
        Gross volume (after discounts), the discounts given, refunds and net from payment, invoice and refund records, by {search.granularity} (UTC), {search.from} to {search.to}.
      </PageHeading>
      {given && !parsed.success && (
        <FormMessage error={`That range could not be used: ${parsed.error.issues.map((i) => i.message).join(' ')} Showing the last 30 days.`} />
      )}
      <div className="flex flex-wrap items-end gap-4">
        <form method="get" aria-label="Choose a range" className="flex flex-wrap items-end gap-3">
          <Field id="range-from" label="From">
            {(control) => <input {...control} type="date" name="from" defaultValue={search.from} required />}
          </Field>
          <Field id="range-to" label="To">
            {(control) => <input {...control} type="date" name="to" defaultValue={search.to} required />}
          </Field>
          <Field id="range-granularity" label="Group by">
            {(control) => (
              <select {...control} name="granularity" defaultValue={search.granularity}>
                <option value="day">Day</option>
                <option value="month">Month</option>
              </select>
            )}
          </Field>
          <button type="submit" className={buttonClasses('primary', 'sm')}>Show</button>
        </form>
        <nav aria-label="Ranges" className="flex flex-wrap gap-2">
          {presets(now).map((p) => (
            <Link key={p.label} href={`/admin/revenue${query(p.search)}`} className={buttonClasses('secondary', 'sm')}>
              {p.label}
            </Link>
          ))}
        </nav>
      </div>

      <StatGrid label="Revenue summary">
        <Stat label="Gross volume" value={sum((r) => r.gross)} hint="Succeeded payments in the range" />
        <Stat label="Discounts" value={sum((r) => r.discounts)} hint="Taken off invoices paid in the range; gross is after them" />
        <Stat label="Refunds" value={sum((r) => r.refunds)} hint="Refunds made in the range, except failed or canceled" />
        <Stat label="Net" value={sum((r) => r.net)} />
        <Stat
          label="MRR"
          value={report.mrr.length ? report.mrr.map((m) => formatMoney(m.amount, m.currency)).join(' + ') : formatMoney(0, currency)}
          hint="Now: active and past-due subscriptions, yearly prices ÷ 12, rounded once"
        />
        <Stat label="Active subscriptions" value={report.activeSubscriptions} hint={`${report.trialingSubscriptions} more trialing`} />
        <Stat label="New subscriptions" value={report.subscriptions.started} hint="Started in the range" />
        <Stat label="Churned subscriptions" value={report.subscriptions.churned} hint="Ended in the range" />
      </StatGrid>

      {report.revenue.length === 0 ? (
        <Panel id="revenue-heading" title="Gross, refunds and net">
          <EmptyState title="No payments or refunds in this range">Pick a longer range.</EmptyState>
        </Panel>
      ) : (
        report.revenue.map((r) => (
          <Panel key={r.currency} id={`revenue-${r.currency}-heading`} title={`Gross, refunds and net (${r.currency.toUpperCase()})`}>
            <div className="p-4">
              <RevenueChart buckets={r.buckets} currency={r.currency} />
            </div>
            <details className="border-t border-slate-200">
              <summary className="cursor-pointer px-5 py-3 text-sm font-medium text-brand-700">Numbers per {search.granularity}</summary>
              <SimpleTable
                caption={`Gross, refunds and net in ${r.currency.toUpperCase()} per ${search.granularity}`}
                head={[search.granularity === 'day' ? 'Day' : 'Month', 'Gross', 'Discounts', 'Refunds', 'Net']}
                numeric={[1, 2, 3, 4]}
                rows={[
                  ...r.buckets.map((b) => [b.period, formatMoney(b.gross, r.currency), formatMoney(b.discounts, r.currency), formatMoney(b.refunds, r.currency), formatMoney(b.net, r.currency)]),
                  ['Total', formatMoney(r.gross, r.currency), formatMoney(r.discounts, r.currency), formatMoney(r.refunds, r.currency), formatMoney(r.net, r.currency)].map((cell, i) => (
                    <strong key={i} className="font-semibold text-slate-900">
                      {cell}
                    </strong>
                  )),
                ]}
              />
            </details>
          </Panel>
        ))
      )}

      <Panel id="subscriptions-heading" title="New and churned subscriptions">
        <div className="p-4">
          <SubscriptionsChart buckets={report.subscriptions.buckets} />
        </div>
        <details className="border-t border-slate-200">
          <summary className="cursor-pointer px-5 py-3 text-sm font-medium text-brand-700">Numbers per {search.granularity}</summary>
          <SimpleTable
            caption={`Subscriptions started and churned per ${search.granularity}`}
            head={[search.granularity === 'day' ? 'Day' : 'Month', 'New', 'Churned']}
            numeric={[1, 2]}
            rows={report.subscriptions.buckets.map((b) => [b.period, b.started, b.churned])}
          />
        </details>
      </Panel>
    </div>
  );
}
