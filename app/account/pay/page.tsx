import type { Metadata } from 'next';
import { billingRole } from '@/lib/auth/roles';
import { requireMember } from '@/lib/auth/session';
import { NoticeCard } from '@/components/ui/notice-card';
import { PayAmount } from '@/components/billing/pay-amount';
import { owedByUser } from '@/lib/billing/open-invoices';
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
  return (
    <PayAmount
      amount={owed.amountDue}
      currency={owed.currency}
      intro={<>{owed.number ? `Invoice ${owed.number}. ` : ''}Pay it with any card. To change the card your renewals use, update your card on the account page.</>}
      prepare={prepareInvoicePayment}
      footer={
        owed.hostedInvoiceUrl && (
          <a href={owed.hostedInvoiceUrl} className="hover:text-slate-700 hover:underline">
            View the invoice
          </a>
        )
      }
    />
  );
}
