import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { NoticeCard } from '@/components/ui/notice-card';
import { RefreshUntilSettled } from '@/components/billing/refresh-until-settled';
import { adoptSavedCard } from '@/lib/billing/payment-methods';
import { verifiedStripeReturn } from '@/lib/billing/stripe-return';
import { setupIntentIdSchema } from '@/lib/stripe/ids';

export const metadata: Metadata = { title: 'Card saved' };

export default async function CardSavedPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Checked with Stripe: the SetupIntent must be this user's and have succeeded.
  const outcome = await verifiedStripeReturn(searchParams, 'setup_intent', setupIntentIdSchema, adoptSavedCard);
  if (outcome.state === 'saved') redirect('/account?updated=card');
  if (outcome.state === 'pending') {
    return (
      <NoticeCard title="Saving your card">
        <RefreshUntilSettled slowMessage="Your bank is still confirming the card. It will appear on your account page once it is saved." />
      </NoticeCard>
    );
  }
  return (
    <NoticeCard title="Your card was not saved" tone="warning" actions={[{ href: '/account/card', label: 'Try again' }]}>
      <p>{outcome.message}</p>
    </NoticeCard>
  );
}
