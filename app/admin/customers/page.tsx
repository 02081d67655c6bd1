import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { requireAdmin } from '@/lib/auth/session';
import { listCustomers } from '@/lib/billing/admin/customers';
import { pageCursorSchema } from '@/lib/billing/page-params';
import { formatMoney } from '@/lib/money';
import { PageHeading } from '@/components/ui/page-heading';
import { buttonClasses } from '@/components/ui/button-classes';
import { fieldClasses } from '@/components/ui/form-field';
import { EmptyState, Panel } from '@/components/ui/panel';
import { SimpleTable } from '@/components/ui/table';
import { Pager } from '@/components/ui/pager';
import { StatusBadge } from '@/components/billing/status-badge';

export const metadata: Metadata = { title: 'Customers · Admin' };

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const searchSchema = z.object({
  q: z.preprocess(first, z.string().trim().max(200).optional().catch(undefined)),
  cursor: z.preprocess(first, pageCursorSchema.optional().catch(undefined)),
});

export default async function AdminCustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin();
  const { q, cursor } = searchSchema.parse(await searchParams);
  const page = await listCustomers({ search: q || undefined, cursor: cursor ?? null });
  const query = (extra: Record<string, string>) => `?${new URLSearchParams({ ...(q ? { q } : {}), ...extra })}`;
  return (
    <div className="space-y-6">
      <PageHeading title="Organisations">Each paying organisation: owner, members, seats, plan and lifetime value (succeeded payments minus refunds).</PageHeading>
      <form method="get" role="search" aria-label="Find customers" className="flex max-w-xl gap-2">
        <label htmlFor="customer-search" className="sr-only">
          Email, name or organisation
        </label>
        <input
          id="customer-search"
          name="q"
          type="search"
          defaultValue={q ?? ''}
          placeholder="Email, name or organisation"
          className={fieldClasses()}
        />
        <button type="submit" className={buttonClasses('primary', 'sm')}>
          Search
        </button>
      </form>
      <Panel id="customers-heading" title="Organisations" description="Newest first. Each organisation has one Stripe customer.">
        {page.customers.length === 0 ? (
          <EmptyState title={q ? 'No customer matches' : 'No customers yet'}>
            {q ? 'Try part of the email or the name.' : 'Customers appear when someone starts a purchase.'}
          </EmptyState>
        ) : (
          <SimpleTable
            caption="Customers, newest first"
            head={['Organisation', 'Members', 'Subscription', 'Plan', 'Lifetime value', 'Payments', '']}
            numeric={[1, 4, 5]}
            rows={page.customers.map((c) => [
              <span key="c">
                <span className="break-all font-medium text-slate-900">{c.organisation && !c.organisation.personal ? c.organisation.name : (c.email ?? c.id)}</span>
                <span className="block break-all text-xs text-slate-500">
                  {c.organisation ? `Owner: ${c.organisation.ownerEmail ?? 'none'}` : 'No organisation'}
                </span>
              </span>,
              c.organisation?.members ?? 0,
              c.subscription ? (
                <span key="s" className="flex flex-col items-start gap-1">
                  <StatusBadge kind="subscription" status={c.subscription.status} />
                  {c.subscription.cancelAtPeriodEnd && <span className="text-xs text-slate-500">Cancels at period end</span>}
                </span>
              ) : (
                <span key="s" className="text-slate-400">None</span>
              ),
              <span key="p">
                {c.subscription?.plan ?? '—'}
                {c.seats !== null && <span className="block text-xs text-slate-500">{c.seats} seats</span>}
              </span>,
              c.lifetimeValue.length ? c.lifetimeValue.map((v) => formatMoney(v.amount, v.currency)).join(' + ') : formatMoney(0, 'usd'),
              c.payments,
              <Link key="l" href={`/admin/customers/${c.id}`} className="whitespace-nowrap font-medium text-brand-700 hover:underline" aria-label={`Billing history of ${c.email ?? c.id}`}>
                Billing history
              </Link>,
            ])}
          />
        )}
        <Pager
          label="Pages"
          className="border-t border-slate-200 px-5 py-3"
          first={cursor ? { href: `/admin/customers${q ? query({}) : ''}`, label: 'First page' } : null}
          next={page.nextCursor ? { href: `/admin/customers${query({ cursor: page.nextCursor })}`, label: 'Next page' } : null}
        />
      </Panel>
    </div>
  );
}
