import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { billingRole } from '@/lib/auth/roles';
import { requireMember } from '@/lib/auth/session';
import { spendActionAttempt } from '@/lib/auth/throttle';
import { buttonClasses } from '@/components/ui/button-classes';
import { NoticeCard } from '@/components/ui/notice-card';
import { PageHeading } from '@/components/ui/page-heading';
import { InviteForm } from '@/components/team/invite-form';
import { formatDate, formatPeriod, invoiceLineName } from '@/lib/billing/format';
import { previewSeatIncrease } from '@/lib/billing/seats';
import { getDb } from '@/lib/db/client';
import { invitableRoles } from '@/lib/db/schema';
import { UserError } from '@/lib/errors';
import { formatMoney } from '@/lib/money';
import { inviteWithNewSeatAction } from '../actions';

export const metadata: Metadata = { title: 'Add a seat' };

const query = z.object({ email: z.email().max(254), role: z.enum(invitableRoles) });

/** Before an invitation needs a seat beyond those paid: Stripe's preview of the prorated charge, then confirm. */
export default async function AddSeatPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireMember(billingRole);
  const parsed = query.safeParse(await searchParams);
  if (!parsed.success) redirect('/team');
  let preview;
  try {
    // Each view asks Stripe for a preview: it counts against the plan-change limit.
    await spendActionAttempt(await getDb(), user.id, 'plan');
    preview = await previewSeatIncrease(user);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return (
      <NoticeCard title="A seat cannot be added" actions={[{ href: '/team', label: 'Back to your team' }]}>
        <p>{error.message}</p>
      </NoticeCard>
    );
  }
  // A seat came free meanwhile: the invitation needs no charge.
  if (!preview) redirect('/team');
  const { seats, quantity, amountDueNow, currency } = preview;
  return (
    <div className="mx-auto max-w-2xl px-4 py-12 sm:px-6">
      <PageHeading title="Add a seat">
        Inviting {parsed.data.email} needs a seat: all {seats.paid} paid seats are in use.
      </PageHeading>
      <section aria-label="Seat change" className="mt-8 rounded-xl border border-slate-200 bg-white shadow-sm">
        <dl className="divide-y divide-slate-100 text-sm">
          <Row label="Seats">
            {seats.paid} → {quantity} × {seats.planName}
            {seats.unitAmount != null ? ` · ${formatMoney(seats.unitAmount, seats.currency)} per seat` : ''}
          </Row>
          {preview.lines.map((line, index) => (
            <Row key={index} label={`${invoiceLineName(line)}${line.quantity ? ` × ${line.quantity}` : ''} (${formatPeriod(line.periodStart, line.periodEnd)})`} muted>
              {formatMoney(line.amount, currency)}
            </Row>
          ))}
          <Row label="Charged now" strong>
            <span data-testid="amount-due-now">{formatMoney(amountDueNow, currency)}</span>
          </Row>
        </dl>
        <p className="border-t border-slate-100 px-6 py-4 text-sm text-slate-600">
          The prorated price of the extra seat for the rest of this period is invoiced and charged at once, with your saved card.
          {seats.renewsOn && ` From ${formatDate(seats.renewsOn)}, each renewal bills ${quantity} seats.`}
        </p>
        <div className="flex flex-wrap items-start gap-3 border-t border-slate-100 px-6 py-4">
          <InviteForm
            action={inviteWithNewSeatAction}
            chosen={{ email: parsed.data.email, role: parsed.data.role, prorationDate: String(preview.prorationDate) }}
            submitLabel={`Pay ${formatMoney(amountDueNow, currency)} and invite`}
          />
          <Link href="/team" className={buttonClasses('secondary')}>
            Cancel
          </Link>
        </div>
      </section>
    </div>
  );
}

function Row({ label, children, strong, muted }: { label: string; children: React.ReactNode; strong?: boolean; muted?: boolean }) {
  return (
    <div className={`flex justify-between gap-6 px-6 py-3 ${strong ? 'bg-slate-50 font-semibold text-slate-900' : muted ? 'text-slate-500' : 'text-slate-900'}`}>
      <dt>{label}</dt>
      <dd className="shrink-0 text-right">{children}</dd>
    </div>
  );
}
