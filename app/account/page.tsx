import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { canManageBilling } from '@/lib/auth/roles';
import { requireMember } from '@/lib/auth/session';
import { buttonClasses } from '@/components/ui/button-classes';
import { FormMessage } from '@/components/ui/form-message';
import { PageHeading } from '@/components/ui/page-heading';
import { ActionForm } from '@/components/ui/action-form';
import { Panel } from '@/components/ui/panel';
import { StatusBadge } from '@/components/billing/status-badge';
import { customerIdForOrganisation } from '@/lib/billing/customers';
import { formatMoney } from '@/lib/money';
import { cardBrandName, formatDate, perInterval } from '@/lib/billing/format';
import { owedSubscriptionInvoice, type OwedInvoice } from '@/lib/billing/open-invoices';
import { defaultCard, type SavedCard } from '@/lib/billing/payment-methods';
import { scheduledChange, type ScheduledChange } from '@/lib/billing/plan-changes';
import { isLive, subscriptionForCustomer, type SubscriptionSummary } from '@/lib/billing/subscription-mirror';
import { getDb } from '@/lib/db/client';
import { seatsOf } from '@/lib/billing/seats';
import { isOwnPersonal, organisationLabel } from '@/lib/organisations/members';
import { SeatSummary } from '@/components/team/seat-summary';
import { cancelPlanAction, cancelPlanChangeAction, openPortalAction, resumePlanAction, signOutEverywhereAction } from './actions';

export const metadata: Metadata = { title: 'Account' };

const roleLabels = { owner: 'Owner', admin: 'Admin', member: 'Member' } as const;

const memberSince = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });

const updates: Record<string, string> = {
  canceled: 'Your plan is canceled. You keep it until the end of the period you paid for.',
  resumed: 'Your plan will renew as usual.',
  switched: 'Your plan has been changed.',
  scheduled: 'Your plan change is scheduled. You keep your current plan until then.',
  'change-canceled': 'The plan change is canceled. Your plan renews as it is.',
  card: 'Your new card is saved and will be used for future payments.',
};

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireMember();
  const billing = canManageBilling(user.organisation.role);
  const { updated } = await searchParams;
  const customerId = await customerIdForOrganisation(await getDb(), user.organisation.id);
  const [subscription, seats] = customerId ? await Promise.all([subscriptionForCustomer(customerId), seatsOf(user.organisation.id)]) : [null, null];
  const change = subscription && isLive(subscription.status) ? await scheduledChange(subscription.id) : null;
  // Payment details are for owners and admins: a member's page never loads them.
  const [owed, card] =
    customerId && billing
      ? await Promise.all([
          subscription ? owedSubscriptionInvoice(customerId, subscription.id) : null,
          defaultCard(customerId, subscription?.defaultPaymentMethodId ?? null),
        ])
      : [null, null];
  const needsPayment = Boolean(owed && subscription && ['past_due', 'unpaid', 'incomplete'].includes(subscription.status));

  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <PageHeading title="Account">
        {isOwnPersonal(user.organisation)
          ? 'Your plan, payment method and billing history.'
          : `${user.organisation.name}: its plan${billing ? ', payment method and billing history' : ' and your access'}.`}
      </PageHeading>
      <div className="mt-8 max-w-3xl space-y-6">
        {typeof updated === 'string' && updates[updated] && <FormMessage success={updates[updated]} />}
        {needsPayment && owed && subscription && <PastDueBanner owed={owed} subscription={subscription} />}
        <PlanSection subscription={subscription} change={change} billing={billing} />
        {seats && <SeatSummary seats={seats} />}
        {billing && (
          <>
            <Section title="Payment method">
              <div className="flex flex-wrap items-center justify-between gap-4 px-5 py-5">
                <CardDetails card={card} />
                <Link href="/account/card" className={buttonClasses('secondary', 'sm')}>
                  {card ? 'Update card' : 'Add a card'}
                </Link>
              </div>
            </Section>
            <Section title="Billing">
              <div className="flex flex-wrap items-center justify-between gap-4 px-5 py-5">
                <p className="text-sm text-slate-600">Every payment, with its invoices, receipts and refunds.</p>
                <div className="flex flex-wrap gap-3">
                  <Link href="/account/billing" className={buttonClasses('secondary', 'sm')}>
                    Billing history
                  </Link>
                  <Link href="/account/usage" className={buttonClasses('secondary', 'sm')}>
                    Usage
                  </Link>
                  <ActionForm action={openPortalAction} label="Manage billing" pendingLabel="Opening…" variant="secondary" />
                </div>
              </div>
            </Section>
          </>
        )}
        <Section title="Profile">
          <dl className="divide-y divide-slate-100">
            <Detail label="Email">{user.email}</Detail>
            <Detail label="Role">{user.role === 'admin' ? 'Admin' : 'Customer'}</Detail>
            <Detail label="Organisation">
              {organisationLabel(user.organisation)} · <span data-testid="organisation-role">{roleLabels[user.organisation.role]}</span>
            </Detail>
            <Detail label="Member since">{memberSince.format(user.createdAt)}</Detail>
          </dl>
        </Section>
        <Section title="Sessions">
          <div className="flex flex-wrap items-center justify-between gap-4 px-5 py-5">
            <p className="text-sm text-slate-600">Signed in on a device you no longer use, or on a shared computer? End every session, this one included.</p>
            <form action={signOutEverywhereAction}>
              <button type="submit" className={buttonClasses('secondary', 'sm')}>
                Sign out everywhere
              </button>
            </form>
          </div>
        </Section>
      </div>
    </div>
  );
}

function PastDueBanner({ owed, subscription }: { owed: OwedInvoice; subscription: SubscriptionSummary }) {
  const first = subscription.status === 'incomplete';
  return (
    <section aria-label="Payment needed" className="rounded-xl border border-amber-300 bg-amber-50 px-6 py-5">
      <h2 className="font-semibold text-amber-900">{first ? 'Your first payment is not finished' : 'Your last payment failed'}</h2>
      <p className="mt-1 text-sm text-amber-900">
        {formatMoney(owed.amountDue, owed.currency)} is due{owed.number ? ` on invoice ${owed.number}` : ''}.{' '}
        {first ? 'Pay it to start your plan.' : `Pay now to keep your ${subscription.plan?.name ?? ''} plan; we will also retry your card automatically.`}
      </p>
      <Link href="/account/pay" className={`${buttonClasses()} mt-4`}>
        Pay now
      </Link>
    </section>
  );
}

function PlanSection({ subscription, change, billing }: { subscription: SubscriptionSummary | null; change: ScheduledChange | null; billing: boolean }) {
  if (!subscription || !subscription.plan) {
    return (
      <Section title="Plan">
        <div className="flex flex-wrap items-center justify-between gap-4 px-5 py-5">
          <p className="text-sm text-slate-600">{billing ? 'You do not have a plan yet.' : 'This organisation does not have a plan yet. Its owner or an admin can choose one.'}</p>
          {billing && (
            <Link href="/pricing" className={buttonClasses('primary', 'sm')}>
              See plans
            </Link>
          )}
        </div>
      </Section>
    );
  }
  const { plan, status } = subscription;
  const live = isLive(status);
  return (
    <Section title="Plan">
      <div className="flex flex-wrap items-start justify-between gap-4 px-5 py-5">
        <div>
          <p className="flex items-center gap-2 text-lg font-semibold text-slate-900">
            <span data-testid="plan-name">{plan.name}</span>
            <StatusBadge kind="subscription" status={subscription.cancelAtPeriodEnd && live ? 'cancels_at_period_end' : status} audience="customer" />
          </p>
          {plan.unitAmount != null && plan.interval && (
            <p className="text-sm text-slate-600">
              {formatMoney(plan.unitAmount, plan.currency)} {perInterval(plan.interval)}
            </p>
          )}
        </div>
        {live && billing && (
          <Link href="/pricing" className={buttonClasses('secondary', 'sm')}>
            Change plan
          </Link>
        )}
      </div>
      {change && (
        <div className="flex flex-wrap items-center justify-between gap-3 border-t border-amber-200 bg-amber-50 px-5 py-4" role="status" aria-label="Scheduled plan change">
          <p className="text-sm text-amber-900">
            <span className="font-semibold" data-testid="scheduled-change">
              Changes to {change.productName} on {formatDate(change.at)}
            </span>
            {change.unitAmount != null && change.interval && (
              <span className="block text-amber-800">
                Then {formatMoney(change.unitAmount, change.currency)} {perInterval(change.interval)}. You keep {plan.name} until then.
              </span>
            )}
          </p>
          {billing && <ActionForm action={cancelPlanChangeAction} label={`Keep ${plan.name}`} pendingLabel="Canceling the change…" variant="secondary" />}
        </div>
      )}
      <dl className="divide-y divide-slate-100 border-t border-slate-100">
        {planDates(subscription).map(([label, value]) => (
          <Detail key={label} label={label}>
            {value}
          </Detail>
        ))}
      </dl>
      {live && billing && (
        <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 px-5 py-4">
          {subscription.cancelAtPeriodEnd ? (
            <ActionForm action={resumePlanAction} label="Resume plan" pendingLabel="Resuming…" />
          ) : (
            <ActionForm action={cancelPlanAction} label="Cancel plan" pendingLabel="Canceling…" variant="secondary" />
          )}
          <p className="text-xs text-slate-500">
            {subscription.cancelAtPeriodEnd ? 'Keep your plan and renew as usual.' : 'You keep your plan until the end of the current period.'}
          </p>
        </div>
      )}
    </Section>
  );
}

/** The dates that matter for this subscription's state, as label/value pairs. */
function planDates(s: SubscriptionSummary): [string, string][] {
  const dates: [string, string][] = [];
  if (s.status === 'trialing' && s.trialEnd) dates.push(['Trial ends', formatDate(s.trialEnd)]);
  if (!isLive(s.status)) {
    if (s.endedAt) dates.push(['Ended on', formatDate(s.endedAt)]);
    return dates;
  }
  const end = s.cancelAt ?? s.currentPeriodEnd;
  if (!end) return dates;
  const label =
    s.cancelAtPeriodEnd || s.cancelAt
      ? 'Ends on'
      : s.status === 'trialing'
        ? 'First charge on'
        : s.status === 'active'
          ? 'Renews on'
          : // Past due or unpaid: no renewal to promise until the open invoice is paid.
            'Current period ends';
  dates.push([label, formatDate(end)]);
  return dates;
}

function CardDetails({ card }: { card: SavedCard | null }) {
  if (!card) return <p className="text-sm text-slate-600">No card saved.</p>;
  return (
    <p className="text-sm text-slate-900" data-testid="default-card">
      <span className="font-medium">{cardBrandName(card.brand)}</span> ending in <span className="font-medium">{card.last4}</span>
      <span className="ml-2 text-slate-500">
        expires {String(card.expMonth).padStart(2, '0')}/{card.expYear}
      </span>
    </p>
  );
}

/** A panel whose id (e.g. `plan`) is the anchor other pages link to (`/account#plan`). */
function Section({ title, children }: { title: string; children: ReactNode }) {
  const anchor = title.toLowerCase().replace(/\W+/g, '-');
  return (
    <Panel id={`${anchor}-heading`} anchor={anchor} title={title}>
      {children}
    </Panel>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 px-5 py-4 sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-500">{label}</dt>
      <dd className="break-all text-sm text-slate-900 sm:col-span-2">{children}</dd>
    </div>
  );
}
