import type { Metadata } from 'next';
import { NoticeCard } from '@/components/ui/notice-card';
import { PurchaseSummary } from '@/components/billing/purchase-summary';
import { PaymentResultFooter } from '@/components/billing/payment-result-footer';
import { hostedCheckoutOutcome } from '@/lib/billing/checkout';
import { verifiedStripeReturn } from '@/lib/billing/stripe-return';
import { formatDate } from '@/lib/billing/format';
import { checkoutSessionIdSchema } from '@/lib/stripe/ids';

export const metadata: Metadata = { title: 'Checkout complete' };

export default async function CheckoutSuccessPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Verified with Stripe and against this user's customer.
  const outcome = await verifiedStripeReturn(searchParams, 'session_id', checkoutSessionIdSchema, hostedCheckoutOutcome);

  if (outcome.state === 'open' || outcome.state === 'expired') {
    return (
      <NoticeCard
        title={outcome.state === 'expired' ? 'This checkout has expired' : 'This checkout is not finished'}
        tone="warning"
        actions={[{ href: '/pricing', label: 'Back to pricing' }]}
      >
        <p>You have not been charged for it. Start again from the pricing page when you are ready.</p>
      </NoticeCard>
    );
  }

  const done = outcome.state === 'done';
  const title = !done ? 'Finishing up' : outcome.mode === 'subscription' ? (outcome.trialEnd ? 'Your free trial has started' : 'You are subscribed') : 'Thank you for your purchase';
  return (
    <NoticeCard title={title} tone={done ? 'success' : 'neutral'}>
      {done && outcome.trialEnd && <p>The first charge happens when the trial ends on {formatDate(outcome.trialEnd)}.</p>}
      {done && outcome.mode === 'subscription' && !outcome.trialEnd && <p>Your plan is active. The invoice and receipt are in your billing history.</p>}
      {done && outcome.mode === 'payment' && <p>Paid. Your invoice is in your billing history.</p>}
      <PurchaseSummary items={outcome.items} total={outcome.amountTotal} currency={outcome.currency} />
      <PaymentResultFooter settled={done} />
    </NoticeCard>
  );
}
