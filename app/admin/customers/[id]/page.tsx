import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireAdmin } from '@/lib/auth/session';
import { listCustomers } from '@/lib/billing/admin/customers';
import { customerIdSchema } from '@/lib/stripe/ids';
import { parsePaymentSearch, paymentSearchQuery } from '@/lib/billing/admin/payment-filters';
import { adminHistoryPage } from '@/lib/billing/admin/payments';
import { formatMoney } from '@/lib/money';
import { formatDate } from '@/lib/billing/format';
import { BackLink } from '@/components/ui/back-link';
import { PageHeading } from '@/components/ui/page-heading';
import { Panel, Stat, StatGrid } from '@/components/ui/panel';
import { Pager } from '@/components/ui/pager';
import { StatusBadge } from '@/components/billing/status-badge';
import { PaymentsTable } from '@/components/admin/payments-table';
import { SimpleTable } from '@/components/ui/table';
import { getDb } from '@/lib/db/client';
import { membersOf } from '@/lib/organisations/members';

export const metadata: Metadata = { title: 'Customer · Admin' };

export default async function AdminCustomerPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdmin();
  const id = customerIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const [{ customers }, search] = [await listCustomers({ id: id.data, limit: 1 }), parsePaymentSearch(await searchParams).search];
  const customer = customers[0];
  if (!customer) notFound();
  const [history, members] = await Promise.all([
    adminHistoryPage({ customerId: customer.id, cursor: search.cursor ?? null, limit: 25 }),
    customer.organisation ? membersOf(await getDb(), customer.organisation.id) : [],
  ]);
  const here = `/admin/customers/${customer.id}`;

  return (
    <div className="space-y-6">
      <BackLink href="/admin/customers">All organisations</BackLink>
      <PageHeading title={customer.email ?? customer.id}>
        {customer.name ? `${customer.name} · ` : ''}
        <span className="font-mono text-sm">{customer.id}</span>
      </PageHeading>
      <StatGrid label="Customer summary">
        <Stat
          label="Lifetime value"
          value={customer.lifetimeValue.length ? customer.lifetimeValue.map((v) => formatMoney(v.amount, v.currency)).join(' + ') : formatMoney(0, 'usd')}
          hint="Succeeded payments minus refunds"
        />
        <Stat label="Succeeded payments" value={customer.payments} />
        <Stat label="Subscription" value={customer.subscription ? <StatusBadge kind="subscription" status={customer.subscription.status} /> : 'None'} />
        <Stat label="Plan" value={<span className="text-base">{customer.subscription?.plan ?? '—'}</span>} hint={customer.seats !== null ? `${customer.seats} seats` : undefined} />
      </StatGrid>
      <Panel
        id="members-heading"
        title={customer.organisation ? (customer.organisation.personal ? 'Personal organisation' : customer.organisation.name) : 'No organisation'}
        description={customer.organisation ? `${members.length} ${members.length === 1 ? 'member' : 'members'}` : 'This customer is not bound to an organisation of the app.'}
      >
        {members.length > 0 && (
          <SimpleTable
            caption="Members"
            head={['Member', 'Role', 'Joined']}
            rows={members.map((m) => [
              <span key="m" className="break-all">
                {m.email}
                {m.name && <span className="block text-xs text-slate-500">{m.name}</span>}
              </span>,
              m.role.charAt(0).toUpperCase() + m.role.slice(1),
              formatDate(m.joinedAt),
            ])}
          />
        )}
      </Panel>
      <Panel id="history-heading" title="Billing history" description="This customer’s payments, newest first.">
        <PaymentsTable payments={history.payments} caption={`Payments of ${customer.email ?? customer.id}, newest first`} showCustomer={false} />
        <Pager
          label="Pages"
          className="border-t border-slate-200 px-5 py-3"
          first={search.cursor ? { href: here, label: 'First page' } : null}
          next={history.nextCursor ? { href: `${here}${paymentSearchQuery({}, { cursor: history.nextCursor })}`, label: 'Next page' } : null}
        />
      </Panel>
    </div>
  );
}
