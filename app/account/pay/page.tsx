import type { Metadata } from 'next';
import Link from 'next/link';
import { billingRole } from '@/lib/auth/roles';
import { requireMember } from '@/lib/auth/session';
import { PageHeading } from '@/components/ui/page-heading';
import { NoticeCard } from '@/components/ui/notice-card';
import { PaymentForm } from '@/components/billing/payment-form';
import { formatMoney } from '@/lib/money';
import { owedByUser } from '@/lib/billing/open-invoices';
import { stripePublicConfig } from '@/lib/stripe/client';
import { prepareInvoicePayment } from '../actions';

export const metadata: Metadata = { title: 'Pay invoice' };

export default async function PayInvoicePage() {
  const owed = await owedByUser(await requireMember(billingRole));
  if (!owed) {
    return (
      <NoticeCard title="Nothing to pay" actions={[{ href: '/account', label: 'Back to your account' }]}>
        <p>You do not owe anything right now.</p>
      </NoticeCard>
    );
  }
  const amount = formatMoney(owed.amountDue, owed.currency);
  return (
    <div className="mx-auto max-w-xl px-4 py-12 sm:px-6">
      <PageHeading title={`Pay ${amount}`}>
        {owed.number ? `Invoice ${owed.number}. ` : ''}Pay it with any card. To change the card your renewals use, update your card on the account page.
      </PageHeading>
      <section aria-label="Card" className="mt-8 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <PaymentForm
          stripeConfig={stripePublicConfig()}
          mode="payment"
          amount={owed.amountDue}
          currency={owed.currency}
          submitLabel={`Pay ${amount}`}
          pendingLabel="Processing…"
          prepare={prepareInvoicePayment}
        />
        {owed.hostedInvoiceUrl && (
          <p className="mt-4 text-center text-sm text-slate-500">
            <a href={owed.hostedInvoiceUrl} className="hover:text-slate-700 hover:underline">
              View the invoice
            </a>
          </p>
        )}
      </section>
    </div>
  );
}
