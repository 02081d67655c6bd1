import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { billingRole } from '@/lib/auth/roles';
import { requireMember } from '@/lib/auth/session';
import { PageHeading } from '@/components/ui/page-heading';
import { NoticeCard } from '@/components/ui/notice-card';
import { PaymentForm } from '@/components/billing/payment-form';
import { customerIdForOrganisation } from '@/lib/billing/customers';
import { invoiceView, partProblem, partsInput } from '@/lib/billing/invoice-parts';
import { getDb } from '@/lib/db/client';
import { formatMoney } from '@/lib/money';
import { stripePublicConfig } from '@/lib/stripe/client';
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
  const label = formatMoney(amount, invoice.currency);
  const rest = invoice.remaining - amount;
  return (
    <div className="mx-auto max-w-xl px-4 py-12 sm:px-6">
      <PageHeading title={`Pay ${label}`}>
        Towards invoice {invoice.number ?? invoice.id} ({formatMoney(invoice.total, invoice.currency)}).{' '}
        {rest > 0 ? `${formatMoney(rest, invoice.currency)} stays to pay later.` : 'This pays what is left of it.'}
      </PageHeading>
      <section aria-label="Card" className="mt-8 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <PaymentForm
          stripeConfig={stripePublicConfig()}
          mode="payment"
          amount={amount}
          currency={invoice.currency}
          submitLabel={`Pay ${label}`}
          pendingLabel="Processing…"
          prepare={prepareInvoicePart.bind(null, invoice.id, amount)}
        />
        <p className="mt-4 text-center text-sm text-slate-500">
          <Link href={back.href} className="hover:text-slate-700 hover:underline">
            Choose another amount
          </Link>
        </p>
      </section>
    </div>
  );
}
