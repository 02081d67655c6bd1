import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import Link from 'next/link';
import { z } from 'zod';
import { billingRole } from '@/lib/auth/roles';
import { requireMember } from '@/lib/auth/session';
import { spendActionAttempt } from '@/lib/auth/throttle';
import { getDb } from '@/lib/db/client';
import { buttonClasses } from '@/components/ui/button-classes';
import { PageHeading } from '@/components/ui/page-heading';
import { ActionForm } from '@/components/ui/action-form';
import { NoticeCard } from '@/components/ui/notice-card';
import { UserError } from '@/lib/errors';
import { formatMoney } from '@/lib/money';
import { ChangeReview, PreviewLineRows, ReviewRow } from '@/components/billing/change-review';
import { formatDate, perInterval, type BillingInterval } from '@/lib/billing/format';
import type { SubscriptionSummary } from '@/lib/billing/subscription-mirror';
import { reviewPlanChange, type PlanChangeReview } from '@/lib/billing/plan-changes';
import { priceIdSchema } from '@/lib/stripe/ids';
import { scheduleDowngradeAction, switchPlanAction } from '../actions';

export const metadata: Metadata = { title: 'Switch plan' };

const query = z.object({ price: priceIdSchema });

export default async function SwitchPlanPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireMember(billingRole);
  const parsed = query.safeParse(await searchParams);
  let review: PlanChangeReview;
  try {
    if (!parsed.success) throw new UserError('Pick the plan to switch to from the pricing page.');
    // Each view asks Stripe for a preview: it counts against the customer's plan-change limit.
    await spendActionAttempt(await getDb(), user.id, 'plan');
    review = await reviewPlanChange(user, parsed.data.price);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return (
      <NoticeCard
        title="This plan change is not available"
        actions={[
          { href: '/pricing', label: 'See plans' },
          { href: '/account', label: 'Back to your account' },
        ]}
      >
        <p>{error.message}</p>
      </NoticeCard>
    );
  }
  if (review.kind === 'at_period_end') return <DowngradeReview review={review} />;
  const { preview } = review;
  const { subscription, target, amountDueNow, currency } = preview;
  const from = subscription.plan!;
  const credit = amountDueNow < 0;
  return (
    <PlanSwitchReview
      from={from}
      target={target}
      rows={
        <>
          <PreviewLineRows lines={preview.lines} currency={currency} />
          <ReviewRow label={credit ? 'Credit to your balance' : 'Due now'} strong>
            <span data-testid="amount-due-now">{formatMoney(Math.abs(amountDueNow), currency)}</span>
          </ReviewRow>
        </>
      }
      note={
        <>
          {credit
            ? 'The unused time on your current plan is worth more than the new plan until the end of the period; the difference is credited to your next invoices.'
            : `We charge the difference for the rest of this period now, with your saved card.`}
          {subscription.currentPeriodEnd && ` After that, ${formatMoney(target.unitAmount, target.currency)} ${perInterval(target.interval)}.`}
          {subscription.status === 'trialing' && subscription.trialEnd && ` Your trial still ends on ${formatDate(subscription.trialEnd)}.`}
        </>
      }
      confirm={
        <ActionForm
          action={switchPlanAction}
          fields={{ priceId: target.id, prorationDate: String(preview.prorationDate) }}
          label={`Confirm switch to ${target.productName}`}
          pendingLabel="Switching…"
        />
      }
    />
  );
}

/** A downgrade: nothing changes or is charged now; the cheaper plan takes over when the paid period ends. */
function DowngradeReview({ review }: { review: Extract<PlanChangeReview, { kind: 'at_period_end' }> }) {
  const { subscription, target, at } = review;
  const from = subscription.plan!;
  return (
    <PlanSwitchReview
      from={from}
      target={target}
      rows={
        <>
          <ReviewRow label="Changes on">
            <span data-testid="change-date">{formatDate(at)}</span>
          </ReviewRow>
          <ReviewRow label="Due now" strong>
            <span data-testid="amount-due-now">{formatMoney(0, target.currency)}</span>
          </ReviewRow>
        </>
      }
      note={
        <>
          You keep {from.name} until {formatDate(at)}, the end of the period you paid for. From then we charge{' '}
          {formatMoney(target.unitAmount, target.currency)} {perInterval(target.interval)} for {target.productName}. You can cancel the change from your
          account page until then.
        </>
      }
      confirm={
        <ActionForm action={scheduleDowngradeAction} fields={{ priceId: target.id }} label={`Switch to ${target.productName} on ${formatDate(at)}`} pendingLabel="Scheduling…" />
      }
    />
  );
}

type PlanRowsProps = {
  from: NonNullable<SubscriptionSummary['plan']>;
  target: { productName: string; unitAmount: number; currency: string; interval: BillingInterval };
};

/** The review of either kind of switch: the current and new plan, then the change's own rows, note and confirm button. */
function PlanSwitchReview({ from, target, rows, note, confirm }: PlanRowsProps & { rows: ReactNode; note: ReactNode; confirm: ReactNode }) {
  return (
    <div className="mx-auto max-w-2xl px-4 py-12 sm:px-6">
      <PageHeading title={`Switch to ${target.productName}`}>Review the change before you confirm it.</PageHeading>
      <ChangeReview
        label="Plan change"
        rows={
          <>
            <CurrentAndNewPlan from={from} target={target} />
            {rows}
          </>
        }
        note={note}
        actions={
          <>
            {confirm}
            <Link href="/account" className={buttonClasses('secondary')}>
              Keep my current plan
            </Link>
          </>
        }
      />
    </div>
  );
}

function CurrentAndNewPlan({ from, target }: PlanRowsProps) {
  return (
    <>
      <ReviewRow label="Current plan">
        {from.name}
        {from.unitAmount != null && from.interval
          ? ` · ${from.perSeat && from.quantity > 1 ? `${from.quantity} seats × ` : ''}${formatMoney(from.unitAmount, from.currency)} ${perInterval(from.interval)}`
          : ''}
      </ReviewRow>
      <ReviewRow label="New plan">
        {target.productName} · {formatMoney(target.unitAmount, target.currency)} {perInterval(target.interval)}
      </ReviewRow>
    </>
  );
}
