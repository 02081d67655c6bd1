import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireAdmin } from '@/lib/auth/session';
import { disputeById } from '@/lib/billing/admin/disputes';
import { disputeIdSchema } from '@/lib/stripe/ids';
import { formatDate, formatDateTime } from '@/lib/billing/format';
import { disputeAwaitsResponse, disputeReasonLabel, statusLabel } from '@/lib/billing/statuses';
import { formatMoney } from '@/lib/money';
import { BackLink } from '@/components/ui/back-link';
import { PageHeading } from '@/components/ui/page-heading';
import { DetailList, Panel } from '@/components/ui/panel';
import { StatusBadge } from '@/components/billing/status-badge';
import { EvidenceForm } from '@/components/admin/evidence-form';
import { submitEvidenceAction } from './actions';

export const metadata: Metadata = { title: 'Dispute · Admin' };

export default async function AdminDisputePage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const id = disputeIdSchema.safeParse((await params).id);
  const dispute = (id.success && (await disputeById(id.data))) || notFound();
  const canRespond = disputeAwaitsResponse(dispute.status);
  const details = [
    { label: 'Dispute', value: <span className="font-mono text-xs">{dispute.id}</span> },
    { label: 'Status', value: <StatusBadge kind="dispute" status={dispute.status} /> },
    { label: 'Amount', value: formatMoney(dispute.amount, dispute.currency) },
    { label: 'Reason', value: dispute.reason ? disputeReasonLabel(dispute.reason) : '—' },
    { label: 'Opened', value: formatDateTime(dispute.created) },
    { label: 'Evidence due', value: dispute.evidenceDueBy ? formatDate(dispute.evidenceDueBy) : '—' },
    { label: 'Customer', value: dispute.customerEmail ?? '—' },
    {
      label: 'Payment',
      value: dispute.paymentIntentId ? (
        <Link href={`/admin/payments/${dispute.paymentIntentId}`} className="font-mono text-xs text-brand-700 hover:underline">
          {dispute.paymentIntentId}
        </Link>
      ) : (
        <span className="font-mono text-xs">{dispute.chargeId}</span>
      ),
    },
  ];
  return (
    <div className="space-y-6">
      <BackLink href="/admin/disputes">All disputes</BackLink>
      <PageHeading title={`Dispute of ${formatMoney(dispute.amount, dispute.currency)}`}>
        {statusLabel('dispute', dispute.status)}
        {canRespond && dispute.evidenceDueBy ? ` · respond by ${formatDate(dispute.evidenceDueBy)}` : ''}
      </PageHeading>
      <div className="grid gap-6 lg:grid-cols-5">
        <div className="lg:col-span-2">
          <Panel id="dispute-summary-heading" title="Summary">
            <DetailList items={details} />
          </Panel>
        </div>
        <div className="lg:col-span-3">
          <Panel id="evidence-heading" title="Evidence">
            {canRespond ? (
              <EvidenceForm action={submitEvidenceAction} disputeId={dispute.id} />
            ) : (
              <div className="space-y-2 p-5 text-sm text-slate-700">
                <p>
                  {dispute.submissionCount > 0
                    ? `Evidence submitted ${dispute.submissionCount === 1 ? 'once' : `${dispute.submissionCount} times`}. No more changes are possible.`
                    : 'This dispute no longer accepts evidence.'}
                </p>
                {dispute.evidenceText && (
                  <blockquote className="whitespace-pre-wrap rounded-md border border-slate-200 bg-slate-50 p-3 text-slate-800">{dispute.evidenceText}</blockquote>
                )}
              </div>
            )}
          </Panel>
        </div>
      </div>
    </div>
  );
}
