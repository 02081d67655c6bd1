import type { Metadata } from 'next';
import { requireAdmin } from '@/lib/auth/session';
import { listPromotionCodes } from '@/lib/billing/admin/promotions';
import { formatDate } from '@/lib/billing/format';
import { PageHeading } from '@/components/ui/page-heading';
import { EmptyState, Panel } from '@/components/ui/panel';
import { SimpleTable } from '@/components/ui/table';
import { Badge } from '@/components/ui/badge';
import { PromotionForm } from '@/components/admin/promotion-form';
import { createPromotionCodeAction } from './actions';

export const metadata: Metadata = { title: 'Promotion codes · Admin' };

export default async function AdminPromotionsPage() {
  await requireAdmin();
  const codes = await listPromotionCodes();
  return (
    <div className="space-y-6">
      <PageHeading title="Promotion codes">
        Codes customers type at checkout, and the coupons behind them. Discounts show on invoices, in billing history and in revenue.
      </PageHeading>
      <Panel id="promotion-codes-heading" title="Promotion codes" description="Newest first.">
        {codes.length === 0 ? (
          <EmptyState title="No promotion codes yet">Create one below; customers can use it at once.</EmptyState>
        ) : (
          <SimpleTable
            caption="Promotion codes, newest first"
            head={['Code', 'Discount', 'Redeemed', 'Expires', 'Status']}
            numeric={[2]}
            rows={codes.map((c) => [
              <span key="code">
                <span className="font-mono font-semibold text-slate-900">{c.code}</span>
                {c.couponName && <span className="block text-xs text-slate-500">{c.couponName}</span>}
              </span>,
              <span key="terms">
                {c.terms}
                {c.firstTimeOnly && <span className="block text-xs text-slate-500">First purchase only</span>}
              </span>,
              c.maxRedemptions !== null ? `${c.timesRedeemed} of ${c.maxRedemptions}` : String(c.timesRedeemed),
              c.expiresAt ? formatDate(c.expiresAt) : 'Never',
              <Badge key="status" tone={c.ended ? 'neutral' : 'good'}>
                {c.ended ? c.ended.charAt(0).toUpperCase() + c.ended.slice(1) : 'Active'}
              </Badge>,
            ])}
          />
        )}
      </Panel>
      <Panel id="new-promotion-heading" title="New promotion code" description="One coupon and the code customers type for it.">
        <PromotionForm action={createPromotionCodeAction} attemptId={crypto.randomUUID()} />
      </Panel>
    </div>
  );
}
