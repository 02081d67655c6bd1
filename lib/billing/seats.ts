// Seats on a per-seat plan follow the organisation's members. Seats in use are members plus pending
// invitations. Adding one beyond the seats paid for raises the subscription's quantity at once with
// a prorated charge, invoiced immediately (`always_invoice`), after the owner saw Stripe's preview.
// Freeing one lowers the quantity for the next renewal with no credit (`proration_behavior: none`):
// the seat stays paid until then, remembered in the subscription's metadata, so filling it again
// before the renewal costs nothing.
import 'server-only';
import { getDb, type Database } from '@/lib/db/client';
import { UserError } from '@/lib/errors';
import { stripe } from '@/lib/stripe/client';
import { idOf } from '@/lib/stripe/ids';
import { customerIdForOrganisation, type CustomerOwner } from './customers';
import { maxSeats, seatsInUse } from './seat-count';
import { isLive, subscriptionForCustomer, type PreviewLine, type SubscriptionSummary } from './subscriptions';
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

/** Whether one more seat costs money now (a per-seat plan with every paid seat in use). */
export async function seatNeedsCharge(organisationId: string): Promise<boolean> {
  const seats = await seatsOf(organisationId);
  return Boolean(seats && seats.used + 1 > seats.paid);
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
 * Makes room for one more seat. Within the seats paid, a lowered quantity goes back up at no
 * charge. Beyond them, the quantity rises with the prorated charge invoiced at once, as previewed at
 * `prorationDate` (required then: the caller showed the charge first). A declined card changes nothing.
 */
export async function addSeat(owner: CustomerOwner, confirmed: { prorationDate: number; attemptId: string } | null): Promise<void> {
  const seats = await seatsOf(owner.organisation.id);
  if (!seats) return;
  const quantity = seats.used + 1;
  if (quantity > maxSeats) throw new UserError(`A plan can have at most ${maxSeats} seats.`);
  if (quantity <= seats.renewing) return;
  if (quantity <= seats.paid) {
    await setQuantity(seats, quantity, { proration_behavior: 'none' });
    return;
  }
  if (!confirmed) throw new UserError('Adding a seat changes your bill. Review the charge before confirming.');
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
 * After a member left or an invitation was withdrawn: the quantity drops to the seats in use from
 * the next renewal, with no credit now; the seats paid for this period are remembered.
 */
export async function releaseSeats(organisationId: string): Promise<void> {
  const seats = await seatsOf(organisationId);
  if (!seats) return;
  const quantity = Math.max(seats.used, 1);
  if (quantity >= seats.renewing) return;
  await setQuantity(seats, quantity, {
    proration_behavior: 'none',
    metadata: seats.renewsOn ? { [seatsPaidKey]: String(seats.paid), [seatsPaidUntilKey]: String(Math.floor(seats.renewsOn.getTime() / 1000)) } : {},
  });
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
