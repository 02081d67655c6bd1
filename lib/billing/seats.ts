// Seats on a per-seat plan follow the organisation's members. Seats in use are members plus pending
// invitations, and never exceed the seats paid: a new one is claimed under the organisation's lock
// only while a paid seat is free. Buying one beyond them raises the subscription's quantity at once
// with a prorated charge, invoiced immediately (`always_invoice`), after the owner saw Stripe's
// preview. Freeing one (a member leaves, an invitation is revoked or expires) lowers the quantity
// for the next renewal with no credit (`proration_behavior: none`): the seat stays paid until then,
// remembered in the subscription's metadata, so filling it again before the renewal costs nothing.
// Stripe is never called under the lock: the quantity follows the seats in use afterwards.
import { and, gt, isNull, lte } from 'drizzle-orm';
import { getDb, type Database } from '@/lib/db/client';
import { invitations } from '@/lib/db/schema';
import { logError } from '@/lib/log-error';
import { invitationLifetimeMs } from '@/lib/organisations/invitations';
import { UserError } from '@/lib/errors';
import { stripe } from '@/lib/stripe/client';
import { idOf } from '@/lib/stripe/ids';
import { withOrganisationLock } from '@/lib/organisations/members';
import { customerIdForOrganisation, type CustomerOwner } from './customers';
import { maxSeats, seatsInUse } from './seat-count';
import { isLive, subscriptionForCustomer, type SubscriptionSummary } from './subscription-mirror';
import type { PreviewLine } from './subscriptions';
import { syncWith } from './sync';

/** Subscription metadata: seats paid for the period ending at `…_until` (epoch seconds), above the quantity. */
export const seatsPaidKey = 'paydesk_seats_paid';
export const seatsPaidUntilKey = 'paydesk_seats_paid_until';

export interface Seats {
  subscriptionId: string;
  itemId: string;
  /** Seats Stripe bills at the next renewal (the subscription item's quantity). */
  renewing: number;
  /** Seats paid for the current period: at least `renewing`, more after a member left. */
  paid: number;
  /** Members plus pending invitations. */
  used: number;
  renewsOn: Date | null;
  planName: string;
  unitAmount: number | null;
  currency: string;
}

/**
 * Seats paid for the current period: the quantity, or what the metadata remembers from before a
 * lowering, while that period lasts. Pure, for the arithmetic's tests.
 */
export function paidSeats(quantity: number, metadata: Record<string, string>, currentPeriodEnd: Date | null): number {
  const remembered = Number(metadata[seatsPaidKey]);
  const until = Number(metadata[seatsPaidUntilKey]);
  const samePeriod = currentPeriodEnd !== null && until === Math.floor(currentPeriodEnd.getTime() / 1000);
  return samePeriod && Number.isInteger(remembered) && remembered > quantity ? remembered : quantity;
}

/** The organisation's seats, or null when its plan is not per seat (or it has no live plan). */
export async function seatsOf(organisationId: string, options: { db?: Database } = {}): Promise<Seats | null> {
  const db = options.db ?? (await getDb());
  const customerId = await customerIdForOrganisation(db, organisationId);
  const subscription = customerId ? await subscriptionForCustomer(customerId, { db }) : null;
  if (!subscription || !isLive(subscription.status) || !subscription.plan?.perSeat) return null;
  return seatsFrom(subscription, await seatsInUse(db, organisationId));
}

function seatsFrom(subscription: SubscriptionSummary, used: number): Seats {
  const plan = subscription.plan!;
  return {
    subscriptionId: subscription.id,
    itemId: plan.itemId,
    renewing: plan.quantity,
    paid: paidSeats(plan.quantity, subscription.metadata, subscription.currentPeriodEnd),
    used,
    renewsOn: subscription.cancelAtPeriodEnd ? null : subscription.currentPeriodEnd,
    planName: plan.name,
    unitAmount: plan.unitAmount,
    currency: plan.currency,
  };
}

export interface SeatIncreasePreview {
  seats: Seats;
  /** The quantity after the increase. */
  quantity: number;
  amountDueNow: number;
  currency: string;
  /** The proration moment the preview used; the increase reuses it so the charge matches. */
  prorationDate: number;
  lines: PreviewLine[];
}

/**
 * What one more seat would charge now, from Stripe's invoice preview; null when no charge is
 * needed (not a per-seat plan, or a paid seat is free).
 */
export async function previewSeatIncrease(owner: CustomerOwner): Promise<SeatIncreasePreview | null> {
  const seats = await seatsOf(owner.organisation.id);
  if (!seats || seats.used + 1 <= seats.paid) return null;
  const quantity = seats.used + 1;
  if (quantity > maxSeats) throw new UserError(`A plan can have at most ${maxSeats} seats.`);
  const customerId = (await customerIdForOrganisation(await getDb(), owner.organisation.id))!;
  const preview = await stripe().invoices.createPreview({
    customer: customerId,
    subscription: seats.subscriptionId,
    subscription_details: { items: [{ id: seats.itemId, quantity }], proration_behavior: 'always_invoice' },
  });
  return {
    seats,
    quantity,
    amountDueNow: preview.amount_due,
    currency: preview.currency,
    prorationDate: preview.created,
    lines: preview.lines.data.map((line) => ({
      name: seats.planName,
      quantity: line.quantity ?? null,
      proration: Boolean(line.parent?.subscription_item_details?.proration ?? line.parent?.invoice_item_details?.proration),
      amount: line.amount,
      periodStart: new Date(line.period.start * 1000),
      periodEnd: new Date(line.period.end * 1000),
    })),
  };
}

/**
 * Runs `claim` — which adds a seat in use, such as an invitation, through the transaction it is
 * given — under the organisation's lock, only while a paid seat is free; then the subscription's
 * quantity follows. Null, with nothing claimed, when every paid seat is taken: buy one first.
 * Organisations without a per-seat plan always claim.
 */
export async function claimPaidSeat<T>(owner: CustomerOwner, claim: (tx: Database) => Promise<T>): Promise<{ claimed: T } | null> {
  const organisationId = owner.organisation.id;
  const result = await withOrganisationLock(await getDb(), organisationId, async (tx) => {
    const seats = await seatsOf(organisationId, { db: tx });
    if (seats && seats.used + 1 > seats.paid) return null;
    return { claimed: await claim(tx) };
  });
  if (result) await followSeats(organisationId);
  return result;
}

/**
 * Buys one seat beyond those in use, with the prorated charge invoiced at once, as previewed at
 * `prorationDate` (the caller showed the charge first). Nothing to buy while a paid seat is free.
 * A declined card changes nothing. The seat is then claimed like any free one (`claimPaidSeat`).
 */
export async function buySeat(owner: CustomerOwner, confirmed: { prorationDate: number; attemptId: string }): Promise<void> {
  const seats = await seatsOf(owner.organisation.id);
  if (!seats || seats.used + 1 <= seats.paid) return;
  const quantity = seats.used + 1;
  if (quantity > maxSeats) throw new UserError(`A plan can have at most ${maxSeats} seats.`);
  if (seats.renewing < seats.paid) {
    // Seats paid but set to drop at renewal come back first, so only the new seat is charged.
    await setQuantity(seats, seats.paid, { proration_behavior: 'none' });
  }
  await setQuantity(
    seats,
    quantity,
    { proration_behavior: 'always_invoice', proration_date: confirmed.prorationDate, payment_behavior: 'error_if_incomplete' },
    `paydesk-seats-${owner.organisation.id}-${confirmed.attemptId}`,
  );
}

/**
 * Brings the quantity Stripe bills at the next renewal to the seats in use, never charging: up to
 * the seats paid at no cost, or down with no credit (the seats paid this period remembered). Run
 * after any change to the seats in use; it reads the state again after each update, so two runs
 * racing each other still end on the latest count.
 */
export async function followSeats(organisationId: string): Promise<void> {
  for (let round = 0; round < 3; round++) {
    const seats = await seatsOf(organisationId);
    if (!seats) return;
    const wanted = Math.min(Math.max(seats.used, 1), seats.paid);
    if (wanted === seats.renewing) return;
    await setQuantity(seats, wanted, {
      proration_behavior: 'none',
      metadata:
        wanted < seats.paid && seats.renewsOn
          ? { [seatsPaidKey]: String(seats.paid), [seatsPaidUntilKey]: String(Math.floor(seats.renewsOn.getTime() / 1000)) }
          : {},
    });
  }
}

/** Organisations with an invitation that expired unanswered in the last `withinMs`. */
export async function organisationsWithExpiredInvitations(db: Database, withinMs: number, now = new Date()): Promise<string[]> {
  const found = await db
    .selectDistinct({ organisationId: invitations.organisationId })
    .from(invitations)
    .where(and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), lte(invitations.expiresAt, now), gt(invitations.expiresAt, new Date(now.getTime() - withinMs))));
  return found.map((row) => row.organisationId);
}

/** An expired invitation frees its seat: the quantity follows for the renewal (the sweeper, hourly). */
export async function followSeatsAfterExpiries(options: { db?: Database; now?: Date } = {}): Promise<void> {
  const db = options.db ?? (await getDb());
  // Hourly, but looking back a whole week: invitations that expired while the app was down count too.
  for (const organisationId of await organisationsWithExpiredInvitations(db, invitationLifetimeMs, options.now)) {
    try {
      await followSeats(organisationId);
    } catch (error) {
      logError('seats', 'following the seats after an invitation expired', error);
    }
  }
}

async function setQuantity(
  seats: Seats,
  quantity: number,
  params: Omit<NonNullable<Parameters<ReturnType<typeof stripe>['subscriptions']['update']>[1]>, 'items'>,
  idempotencyKey?: string,
): Promise<void> {
  const updated = await stripe().subscriptions.update(
    seats.subscriptionId,
    { items: [{ id: seats.itemId, quantity }], ...params },
    idempotencyKey ? { idempotencyKey } : undefined,
  );
  const invoiceId = idOf(updated.latest_invoice);
  await syncWith((run) => Promise.all([run.subscription(updated.id), invoiceId ? run.invoice(invoiceId) : null]));
}
