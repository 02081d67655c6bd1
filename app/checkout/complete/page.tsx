import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { billingRole } from '@/lib/auth/roles';
import { requireMember } from '@/lib/auth/session';
import { NoticeCard } from '@/components/ui/notice-card';
import { PurchaseSummary } from '@/components/billing/purchase-summary';
import { PaymentResultFooter } from '@/components/billing/payment-result-footer';
import { formatDate } from '@/lib/billing/format';
import { inAppPaymentOutcome } from '@/lib/billing/payment-results';
import { invoiceIdSchema, paymentIntentIdSchema, setupIntentIdSchema, subscriptionIdSchema } from '@/lib/stripe/ids';

export const metadata: Metadata = { title: 'Payment' };

// Stripe appends payment_intent / setup_intent (and their client secrets, ignored here) after a redirect.
const query = z.object({
  payment_intent: paymentIntentIdSchema.optional(),
  setup_intent: setupIntentIdSchema.optional(),
  subscription: subscriptionIdSchema.optional(),
  invoice: invoiceIdSchema.optional(),
});

export default async function PaymentCompletePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireMember(billingRole);
  const parsed = query.safeParse(await searchParams);
  if (!parsed.success) notFound();
  const { payment_intent, setup_intent, subscription, invoice } = parsed.data;
  if (!payment_intent && !setup_intent && !subscription && !invoice) notFound();
  const outcome = await inAppPaymentOutcome(user, { paymentIntentId: payment_intent, setupIntentId: setup_intent, subscriptionId: subscription, invoiceId: invoice });
  if (!outcome) notFound();

  if (outcome.state === 'failed') {
    return (
      <NoticeCard
        title="Your payment did not go through"
        tone="warning"
        actions={[
          { href: outcome.purchase === 'invoice' ? '/account/pay' : '/pricing', label: 'Try again' },
          { href: '/account', label: 'Go to your account' },
        ]}
      >
        <p>{outcome.message}</p>
      </NoticeCard>
    );
  }

  const done = outcome.state === 'done';
  const title = !done
    ? 'Finishing up'
    : outcome.purchase === 'subscription'
      ? outcome.trialEnd
        ? 'Your free trial has started'
        : 'You are subscribed'
      : outcome.purchase === 'invoice'
        ? 'Invoice paid'
        : 'Thank you for your purchase';
  return (
    <NoticeCard title={title} tone={done ? 'success' : 'neutral'}>
      {done && outcome.purchase === 'subscription' && outcome.trialEnd && (
        <p>Your card is saved. The first charge happens when the trial ends on {formatDate(outcome.trialEnd)}; cancel before then and you pay nothing.</p>
      )}
      {done && outcome.purchase === 'subscription' && !outcome.trialEnd && <p>Your plan is active. The invoice and receipt are in your billing history.</p>}
      {done && outcome.purchase === 'order' && <p>Paid. The receipt is in your billing history.</p>}
      {done && outcome.purchase === 'invoice' && <p>Thanks — your plan is back in good standing.</p>}
      {outcome.items.length > 0 && <PurchaseSummary items={outcome.items} total={outcome.amount} currency={outcome.currency} />}
      <PaymentResultFooter settled={done} />
    </NoticeCard>
  );
}
