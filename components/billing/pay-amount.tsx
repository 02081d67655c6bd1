// Paying one amount towards what the organisation owes (the whole open invoice, or a part of one):
// the amount as the title, what it pays under it, the card form, and a way back.
import type { ReactNode } from 'react';
import type { PreparedPayment } from '@/lib/auth/validated-action';
import { formatMoney } from '@/lib/money';
import { stripePublicConfig } from '@/lib/stripe/client';
import { PageHeading } from '@/components/ui/page-heading';
import { PaymentForm } from './payment-form';

export function PayAmount({
  amount,
  currency,
  intro,
  prepare,
  footer,
}: {
  amount: number;
  currency: string;
  intro: ReactNode;
  prepare: (attemptId: string) => Promise<PreparedPayment>;
  footer?: ReactNode;
}) {
  const label = formatMoney(amount, currency);
  return (
    <div className="mx-auto max-w-xl px-4 py-12 sm:px-6">
      <PageHeading title={`Pay ${label}`}>{intro}</PageHeading>
      <section aria-label="Card" className="mt-8 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <PaymentForm
          stripeConfig={stripePublicConfig()}
          mode="payment"
          amount={amount}
          currency={currency}
          submitLabel={`Pay ${label}`}
          pendingLabel="Processing…"
          prepare={prepare}
        />
        {footer && <p className="mt-4 text-center text-sm text-slate-500">{footer}</p>}
      </section>
    </div>
  );
}
