import type { Metadata } from 'next';
import Link from 'next/link';
import { billingRole } from '@/lib/auth/roles';
import { requireMember } from '@/lib/auth/session';
import { PageHeading } from '@/components/ui/page-heading';
import { PaymentForm } from '@/components/billing/payment-form';
import { stripePublicConfig } from '@/lib/stripe/client';
import { prepareCardSetup } from '../actions';

export const metadata: Metadata = { title: 'Update card' };

export default async function UpdateCardPage() {
  await requireMember(billingRole);
  return (
    <div className="mx-auto max-w-xl px-4 py-12 sm:px-6">
      <PageHeading title="Update card">The new card is used for your next payments. Nothing is charged now.</PageHeading>
      <section aria-label="New card" className="mt-8 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <PaymentForm
          stripeConfig={stripePublicConfig()}
          mode="setup"
          amount={0}
          currency="usd"
          submitLabel="Save card"
          pendingLabel="Saving…"
          prepare={prepareCardSetup}
        />
        <p className="mt-4 text-center text-sm text-slate-500">
          <Link href="/account" className="hover:text-slate-700 hover:underline">
            Back to your account
          </Link>
        </p>
      </section>
    </div>
  );
}
