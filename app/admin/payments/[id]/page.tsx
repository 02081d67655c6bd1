import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireAdmin } from '@/lib/auth/session';
import { paymentDetail } from '@/lib/billing/admin/payments';
import { paymentIntentIdSchema } from '@/lib/stripe/ids';
import { formatDateTime } from '@/lib/billing/format';
import { paymentDisplayStatus } from '@/lib/billing/statuses';
import { formatMoney } from '@/lib/money';
import { BackLink } from '@/components/ui/back-link';
import { Badge } from '@/components/ui/badge';
import { PageHeading } from '@/components/ui/page-heading';
import { StatusBadge } from '@/components/billing/status-badge';
import { EventTimeline, PaidFor, PaymentRecords, PaymentSummary, RefundPanel } from '@/components/admin/payment-detail';
import { refundAction } from './actions';

export const metadata: Metadata = { title: 'Payment · Admin' };

export default async function AdminPaymentPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const id = paymentIntentIdSchema.safeParse((await params).id);
  const detail = (id.success && (await paymentDetail(id.data))) || notFound();
  const { payment } = detail;

  return (
    <div className="space-y-6">
      <BackLink href="/admin/payments">All payments</BackLink>
      <PageHeading title={`Payment of ${formatMoney(payment.amount, payment.currency)}`}>
        <span className="flex flex-wrap items-center gap-2">
          <StatusBadge kind="payment" status={paymentDisplayStatus(payment)} />
          {detail.disputes.length > 0 && <Badge tone="bad">Disputed</Badge>}
          <span>
            {payment.customer.email ?? 'Guest'} · {formatDateTime(payment.created)}
          </span>
        </span>
      </PageHeading>

      <div className="grid gap-6 lg:grid-cols-5">
        <div className="lg:col-span-2">
          <PaymentSummary detail={detail} />
        </div>
        <div className="lg:col-span-3">
          <RefundPanel detail={detail} action={refundAction} />
        </div>
      </div>

      <PaidFor detail={detail} />

      <PaymentRecords detail={detail} />

      <EventTimeline detail={detail} />
    </div>
  );
}
