import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireAdmin } from '@/lib/auth/session';
import { disputeById, disputeStatusLabels } from '@/lib/billing/admin/disputes';
import { disputeIdSchema } from '@/lib/stripe/ids';
import { formatMoney } from '@/lib/money';
import { PageHeading } from '@/components/page-heading';
import { StatusBadge } from '@/components/admin/badge';
import { Panel } from '@/components/admin/panel';
import { formatDate, formatDateTime, humanize } from '@/components/admin/format';
import { EvidenceForm } from '@/components/admin/evidence-form';
import { submitEvidenceAction } from './actions';

export const metadata: Metadata = { title: 'Dispute · Admin' };

export default async function AdminDisputePage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const id = disputeIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const dispute = await disputeById(id.data);
  if (!dispute) notFound();
  const statusLabel = disputeStatusLabels[dispute.status] ?? humanize(dispute.status);
  const canRespond = dispute.status === 'needs_response' || dispute.status === 'warning_needs_response';
  const details = [
    { label: 'Dispute', value: <span className="font-mono text-xs">{dispute.id}</span> },
    { label: 'Status', value: <StatusBadge label={statusLabel} /> },
    { label: 'Amount', value: formatMoney(dispute.amount, dispute.currency) },
    { label: 'Reason', value: dispute.reason ? humanize(dispute.reason) : '—' },
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
      <p>
        <Link href="/admin/disputes" className="text-sm font-medium text-brand-700 hover:underline">
          ← All disputes
        </Link>
      </p>
      <PageHeading title={`Dispute of ${formatMoney(dispute.amount, dispute.currency)}`}>
        {statusLabel}
        {canRespond && dispute.evidenceDueBy ? ` · respond by ${formatDate(dispute.evidenceDueBy)}` : ''}
      </PageHeading>
      <div className="grid gap-6 lg:grid-cols-5">
        <div className="lg:col-span-2">
          <Panel id="dispute-summary-heading" title="Summary">
            <dl className="divide-y divide-slate-100">
              {details.map(({ label, value }) => (
                <div key={label} className="grid grid-cols-5 gap-3 px-5 py-2.5">
                  <dt className="col-span-2 text-sm text-slate-500">{label}</dt>
                  <dd className="col-span-3 text-sm text-slate-900 [overflow-wrap:anywhere]">{value}</dd>
                </div>
              ))}
            </dl>
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
