// Plan changes that wait for the period end. Upgrades (and interval changes) happen now with
// proration (subscriptions.ts); a downgrade — the same interval at a lower price — keeps the
// current plan until the period the customer paid for ends, then bills the cheaper plan, through a
// subscription schedule made from the subscription (`from_subscription`) whose phases are then set
// to: the current plan until the period end, the new plan after; released when that phase starts.
// The account page reads the waiting change from the mirrored schedule; taking it back releases
// the schedule, and so does any other change to the plan (an upgrade, a cancellation).
import 'server-only';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { getDb, type Database } from '@/lib/db/client';
import { stripePrices, stripeProducts, stripeSubscriptionSchedules } from '@/lib/db/schema/billing';
import { stripe, type Stripe } from '@/lib/stripe/client';
import { UserError } from '@/lib/errors';
import { idOf } from '@/lib/stripe/ids';
import type { CatalogPrice } from './catalog-queries';
import type { CustomerOwner } from './customers';
import type { BillingInterval } from './format';
import type { SubscriptionSummary } from './subscription-mirror';
import { liveSubscriptionOf, previewPlanSwitch, setCancelAtPeriodEnd, switchPlan, switchTarget, type PlanSwitchPreview } from './subscriptions';
import { syncWith } from './sync';
import { usagePriceFor } from './usage/plan-items';

/** A downgrade: the same billing interval at a lower price. Anything else changes now, prorated. */
export function isDowngrade(plan: NonNullable<SubscriptionSummary['plan']>, target: Pick<CatalogPrice, 'unitAmount' | 'interval'>): boolean {
  return plan.interval === target.interval && plan.unitAmount !== null && target.unitAmount < plan.unitAmount;
}

export interface ScheduledChange {
  scheduleId: string;
  priceId: string;
  productName: string;
  unitAmount: number | null;
  currency: string;
  interval: BillingInterval | null;
  /** When the new plan takes over (the current period's end). */
  at: Date;
}

export type PlanChangeReview =
  | { kind: 'now'; preview: PlanSwitchPreview }
  | { kind: 'at_period_end'; subscription: SubscriptionSummary; target: CatalogPrice & { interval: BillingInterval }; at: Date };

/** What switching to `priceId` would do: a prorated change now (Stripe's preview), or a downgrade at the period end. */
export async function reviewPlanChange(user: CustomerOwner, priceId: string): Promise<PlanChangeReview> {
  const subscription = await liveSubscriptionOf(user);
  const target = await switchTarget(subscription, priceId);
  if (!isDowngrade(subscription.plan!, target)) return { kind: 'now', preview: await previewPlanSwitch(user, priceId) };
  if (subscription.cancelAtPeriodEnd) throw new UserError('Your plan is set to end. Resume it first, then pick the plan to change to.');
  if (!subscription.currentPeriodEnd) throw new UserError('Your current period has no end date to change plans at. Use Manage billing instead.');
  return { kind: 'at_period_end', subscription, target, at: subscription.currentPeriodEnd };
}

/** The plan change waiting for the period end of a subscription, from the mirrored schedule. */
export async function scheduledChange(subscriptionId: string, options: { db?: Database } = {}): Promise<ScheduledChange | null> {
  const db = options.db ?? (await getDb());
  const [schedule] = await db
    .select({ id: stripeSubscriptionSchedules.id, raw: stripeSubscriptionSchedules.raw })
    .from(stripeSubscriptionSchedules)
    .where(and(eq(stripeSubscriptionSchedules.subscriptionId, subscriptionId), inArray(stripeSubscriptionSchedules.status, ['active', 'not_started'])))
    .orderBy(desc(stripeSubscriptionSchedules.created))
    .limit(1);
  if (!schedule) return null;
  const next = nextPhase(schedule.raw as Stripe.SubscriptionSchedule);
  const priceId = next ? idOf(next.items[0]?.price) : null;
  if (!next || !priceId) return null;
  const [price] = await db
    .select({ unitAmount: stripePrices.unitAmount, currency: stripePrices.currency, interval: stripePrices.recurringInterval, productName: stripeProducts.name })
    .from(stripePrices)
    .leftJoin(stripeProducts, eq(stripeProducts.id, stripePrices.productId))
    .where(eq(stripePrices.id, priceId));
  return {
    scheduleId: schedule.id,
    priceId,
    productName: price?.productName ?? 'another plan',
    unitAmount: price?.unitAmount ?? null,
    currency: price?.currency ?? 'usd',
    interval: price?.interval === 'month' || price?.interval === 'year' ? price.interval : null,
    at: new Date(next.start_date * 1000),
  };
}

/** The phase after the current one: what the schedule changes the subscription to, and when. */
function nextPhase(schedule: Stripe.SubscriptionSchedule): Stripe.SubscriptionSchedule.Phase | null {
  const currentEnd = schedule.current_phase?.end_date;
  if (currentEnd === undefined) return null;
  return schedule.phases.find((phase) => phase.start_date >= currentEnd) ?? null;
}

/**
 * Schedules the switch to a cheaper plan for the end of the current period: nothing is charged
 * now, and the customer keeps what they paid for. The same attempt sent twice changes nothing more.
 */
export async function scheduleDowngrade(user: CustomerOwner, priceId: string, attemptId: string): Promise<ScheduledChange> {
  const subscription = await liveSubscriptionOf(user);
  const target = await switchTarget(subscription, priceId);
  const plan = subscription.plan!;
  if (!isDowngrade(plan, target)) throw new UserError('That change is not a downgrade; review it again before confirming.');
  if (subscription.cancelAtPeriodEnd) throw new UserError('Your plan is set to end. Resume it first, then pick the plan to change to.');
  const periodEnd = subscription.currentPeriodEnd;
  if (!periodEnd) throw new UserError('Your current period has no end date to change plans at. Use Manage billing instead.');

  const schedule = subscription.scheduleId
    ? await stripe().subscriptionSchedules.retrieve(subscription.scheduleId)
    : await stripe().subscriptionSchedules.create({ from_subscription: subscription.id }, { idempotencyKey: `paydesk-downgrade-schedule-${user.id}-${attemptId}` });
  const currentPhase = schedule.phases.find((p) => p.end_date === schedule.current_phase?.end_date) ?? schedule.phases[0]!;
  const quantity = currentPhase.items.find((item) => idOf(item.price) === plan.priceId)?.quantity ?? 1;
  // The metered item (reports) stays to the end of the period — usage so far is billed then — and
  // the next phase carries the target plan's own metered price, if it has one.
  const meteredNow = currentPhase.items.filter((item) => idOf(item.price) !== plan.priceId).map((item) => ({ price: idOf(item.price)! }));
  const meteredNext = await usagePriceFor(await getDb(), target);
  const updated = await stripe().subscriptionSchedules.update(
    schedule.id,
    {
      end_behavior: 'release',
      phases: [
        { start_date: currentPhase.start_date, end_date: Math.floor(periodEnd.getTime() / 1000), items: [{ price: plan.priceId, quantity }, ...meteredNow] },
        { items: [{ price: target.id, quantity }, ...(meteredNext ? [{ price: meteredNext }] : [])], duration: { interval: target.interval, interval_count: 1 } },
      ],
      metadata: { user_id: user.id, change: 'downgrade', price_id: target.id },
    },
    { idempotencyKey: `paydesk-downgrade-${user.id}-${attemptId}` },
  );
  await syncWith((run) => Promise.all([run.subscriptionSchedule(updated.id), run.subscription(subscription.id)]));
  return {
    scheduleId: updated.id,
    priceId: target.id,
    productName: target.productName,
    unitAmount: target.unitAmount,
    currency: target.currency,
    interval: target.interval,
    at: periodEnd,
  };
}

/** Takes a waiting downgrade back: the schedule is released and the plan renews as it is. */
export async function cancelScheduledChange(user: CustomerOwner): Promise<void> {
  const subscription = await liveSubscriptionOf(user);
  if (!(await releaseSchedule(subscription))) throw new UserError('There is no plan change waiting to be canceled.');
}

/** Releases the schedule managing the subscription, if any; whether there was one. */
async function releaseSchedule(subscription: SubscriptionSummary): Promise<boolean> {
  const change = await scheduledChange(subscription.id);
  const scheduleId = change?.scheduleId ?? subscription.scheduleId;
  if (!scheduleId) return false;
  const schedule = await stripe().subscriptionSchedules.retrieve(scheduleId);
  if (schedule.status === 'active' || schedule.status === 'not_started') await stripe().subscriptionSchedules.release(scheduleId);
  await syncWith((run) => Promise.all([run.subscriptionSchedule(scheduleId), run.subscription(subscription.id)]));
  return true;
}

/** Switches now (an upgrade), dropping a downgrade that was waiting: the customer's latest choice wins. */
export async function switchPlanNow(user: CustomerOwner, input: Parameters<typeof switchPlan>[1]): Promise<void> {
  await releaseSchedule(await liveSubscriptionOf(user));
  await switchPlan(user, input);
}

/**
 * Cancels at period end (or resumes). Stripe refuses cancellation changes on a subscription a
 * schedule manages, so a waiting downgrade is dropped first: the plan ends instead of changing.
 */
export async function setPlanCancellation(user: CustomerOwner, cancel: boolean): Promise<void> {
  if (cancel) await releaseSchedule(await liveSubscriptionOf(user));
  await setCancelAtPeriodEnd(user, cancel);
}
