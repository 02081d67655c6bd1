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
import { ChangeReview, PreviewLineRows, ReviewRow } from '@/components/billing/change-review';
import { formatDate } from '@/lib/billing/format';
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
      <ChangeReview
        label="Seat change"
        rows={
          <>
            <ReviewRow label="Seats">
              {seats.paid} → {quantity} × {seats.planName}
              {seats.unitAmount != null ? ` · ${formatMoney(seats.unitAmount, seats.currency)} per seat` : ''}
            </ReviewRow>
            <PreviewLineRows lines={preview.lines} currency={currency} quantities />
            <ReviewRow label="Charged now" strong>
              <span data-testid="amount-due-now">{formatMoney(amountDueNow, currency)}</span>
            </ReviewRow>
          </>
        }
        note={
          <>
            The prorated price of the extra seat for the rest of this period is invoiced and charged at once, with your saved card.
            {seats.renewsOn && ` From ${formatDate(seats.renewsOn)}, each renewal bills ${quantity} seats.`}
          </>
        }
        actions={
          <>
            <InviteForm
              action={inviteWithNewSeatAction}
              chosen={{ email: parsed.data.email, role: parsed.data.role, prorationDate: String(preview.prorationDate) }}
              submitLabel={`Pay ${formatMoney(amountDueNow, currency)} and invite`}
            />
            <Link href="/team" className={buttonClasses('secondary')}>
              Cancel
            </Link>
          </>
        }
      />
    </div>
  );
}
