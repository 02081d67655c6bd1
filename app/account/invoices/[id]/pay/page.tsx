import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { billingRole } from '@/lib/auth/roles';
import { requireMember } from '@/lib/auth/session';
import { NoticeCard } from '@/components/ui/notice-card';
import { PayAmount } from '@/components/billing/pay-amount';
import { customerIdForOrganisation } from '@/lib/billing/customers';
import { invoiceView, partProblem, partsInput } from '@/lib/billing/invoice-parts';
import { getDb } from '@/lib/db/client';
import { formatMoney } from '@/lib/money';
import { invoiceIdSchema } from '@/lib/stripe/ids';
import { prepareInvoicePart } from '../../actions';

export const metadata: Metadata = { title: 'Pay invoice' };

const query = z.object({ amount: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export default async function PayInvoicePartPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireMember(billingRole);
  const id = invoiceIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const parsed = query.safeParse(await searchParams);
  if (!parsed.success) redirect(`/account/invoices/${id.data}`);
  const customerId = await customerIdForOrganisation(await getDb(), user.organisation.id);
  const invoice = customerId ? await invoiceView(customerId, id.data) : null;
  if (!invoice) notFound();
  const { amount } = parsed.data;
  const back = { href: `/account/invoices/${invoice.id}`, label: 'Back to the invoice' };
  const problem = partProblem(amount, partsInput(invoice));
  if (problem) {
    return (
      <NoticeCard title="This amount cannot be paid now" actions={[back]}>
        <p>{problem}</p>
      </NoticeCard>
    );
  }
  const rest = invoice.remaining - amount;
  return (
    <PayAmount
      amount={amount}
      currency={invoice.currency}
      intro={
        <>
          Towards invoice {invoice.number ?? invoice.id} ({formatMoney(invoice.total, invoice.currency)}).{' '}
          {rest > 0 ? `${formatMoney(rest, invoice.currency)} stays to pay later.` : 'This pays what is left of it.'}
        </>
      }
      prepare={prepareInvoicePart.bind(null, invoice.id, amount)}
      footer={
        <Link href={back.href} className="hover:text-slate-700 hover:underline">
          Choose another amount
        </Link>
      }
    />
  );
}
