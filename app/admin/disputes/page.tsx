import type { Metadata } from 'next';
import Link from 'next/link';
import { requireAdmin } from '@/lib/auth/session';
import { listDisputes } from '@/lib/billing/admin/disputes';
import { formatDate, formatDateTime } from '@/lib/billing/format';
import { disputeAwaitsResponse, disputeReasonLabel, openDisputeStatuses } from '@/lib/billing/statuses';
import { formatMoney } from '@/lib/money';
import { PageHeading } from '@/components/ui/page-heading';
import { EmptyState, Panel } from '@/components/ui/panel';
import { SimpleTable } from '@/components/ui/table';
import { StatusBadge } from '@/components/billing/status-badge';

export const metadata: Metadata = { title: 'Disputes · Admin' };

export default async function AdminDisputesPage() {
  await requireAdmin();
  const disputes = await listDisputes();
  const open = disputes.filter((d) => openDisputeStatuses.includes(d.status)).length;
  return (
    <div className="space-y-6">
      <PageHeading title="Disputes">Chargebacks and inquiries, open ones first by evidence deadline.</PageHeading>
      <Panel id="disputes-heading" title="Disputes" description={`${open} open of ${disputes.length}`}>
        {disputes.length === 0 ? (
          <EmptyState title="No disputes">When a customer disputes a payment with their bank, it shows up here.</EmptyState>
        ) : (
          <SimpleTable
            caption="Disputes, open ones first"
            head={['Opened', 'Customer', 'Amount', 'Reason', 'Status', 'Evidence due', 'Payment', '']}
            numeric={[2]}
            rows={disputes.map((d) => [
              formatDateTime(d.created),
              d.customerEmail ?? '—',
              formatMoney(d.amount, d.currency),
              d.reason ? disputeReasonLabel(d.reason) : '—',
              <StatusBadge key="s" kind="dispute" status={d.status} />,
              d.evidenceDueBy && openDisputeStatuses.includes(d.status) ? formatDate(d.evidenceDueBy) : '—',
              d.paymentIntentId ? (
                <Link key="p" href={`/admin/payments/${d.paymentIntentId}`} className="font-mono text-xs text-brand-700 hover:underline">
                  {d.paymentIntentId}
                </Link>
              ) : (
                '—'
              ),
              <Link key="r" href={`/admin/disputes/${d.id}`} className="whitespace-nowrap font-medium text-brand-700 hover:underline" aria-label={`Open dispute ${d.id}`}>
                {disputeAwaitsResponse(d.status) ? 'Respond' : 'View'}
              </Link>,
            ])}
          />
        )}
      </Panel>
    </div>
  );
}
