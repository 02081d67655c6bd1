// Seats on the Team plan, against the emulator and both databases: the arithmetic of seats paid
// and seats to buy, then the whole cycle — bought with a quantity, filled by invitations, a seat
// beyond those paid previewed and charged at once (prorated, invoiced immediately), a removal
// lowering the quantity for the renewal with no credit, a freed seat filled again for free, the last
// free seat given to one of two invitations sent at once, and expired invitations freeing theirs.
import { beforeAll, describe, expect, it } from 'vitest';
import { actionContext, useActionDatabase } from '../support/server-actions';
import type Stripe from 'stripe';
import type { Database } from '@/lib/db/client';
import { invitations, memberships, users } from '@/lib/db/schema';
import { createInvitation, pendingInvitationCount } from '@/lib/organisations/invitations';
import { databaseKinds } from '../support/databases';
import { asMember } from '../support/members';
import { testStripeForFile } from './emulator';


const { paidSeats, seatsPaidKey, seatsPaidUntilKey } = await import('@/lib/billing/seats');
const { purchaseQuantity } = await import('@/lib/billing/seat-count');

describe('seat arithmetic', () => {
  const periodEnd = new Date('2026-12-01T00:00:00Z');
  const until = String(periodEnd.getTime() / 1000);

  it('counts the seats paid this period: the quantity, or more after a lowering until the renewal', () => {
    expect(paidSeats(4, {}, periodEnd)).toBe(4);
    expect(paidSeats(4, { [seatsPaidKey]: '5', [seatsPaidUntilKey]: until }, periodEnd)).toBe(5);
    // Once the period renewed, only the quantity counts.
    expect(paidSeats(4, { [seatsPaidKey]: '5', [seatsPaidUntilKey]: until }, new Date('2027-01-01T00:00:00Z'))).toBe(4);
    // A later raise above what was remembered: the quantity.
    expect(paidSeats(6, { [seatsPaidKey]: '5', [seatsPaidUntilKey]: until }, periodEnd)).toBe(6);
    expect(paidSeats(4, { [seatsPaidKey]: 'lots', [seatsPaidUntilKey]: until }, periodEnd)).toBe(4);
  });

  it('buys at least the seats in use on a per-seat plan, and exactly one of anything else', () => {
    expect(purchaseQuantity({ perSeat: true }, undefined, 2)).toBe(2);
    expect(purchaseQuantity({ perSeat: true }, 5, 2)).toBe(5);
    expect(() => purchaseQuantity({ perSeat: true }, 1, 2)).toThrow('choose at least 2');
    expect(() => purchaseQuantity({ perSeat: true }, 501, 1)).toThrow('between 1 and 500');
    expect(purchaseQuantity({ perSeat: false }, undefined, 7)).toBe(1);
    expect(() => purchaseQuantity({ perSeat: false }, 3, 1)).toThrow('Only the Team plan is sold per seat.');
  });
});

const stripe = testStripeForFile();

describe.each(databaseKinds)('seats follow the team (%s)', (kind) => {
  const { handle, prices } = useActionDatabase(kind);
  let seats: typeof import('@/lib/billing/seats');
  let owner: Awaited<ReturnType<typeof asMember<{ id: string; email: string }>>>;
  let subscriptionId: string;

  beforeAll(async () => {
    seats = await import('@/lib/billing/seats');
    const { ensureStripeCustomer } = await import('@/lib/billing/customers');
    const { syncSubscription } = await import('@/lib/billing/sync');
    const [row] = await handle.db.insert(users).values({ email: `owner-${kind}@example.com` }).returning({ id: users.id, email: users.email });
    owner = await asMember(handle.db, row);
    const customer = await ensureStripeCustomer(owner, { db: handle.db });
    const card = await stripe.api.paymentMethods.attach('pm_card_visa', { customer });
    await stripe.api.customers.update(customer, { invoice_settings: { default_payment_method: card.id } });
    const subscription = await stripe.api.subscriptions.create({ customer, items: [{ price: prices.team_monthly!, quantity: 3 }] });
    subscriptionId = subscription.id;
    await syncSubscription(subscription.id, { db: handle.db });
  }, 120_000);

  const join = async (email: string) => {
    const [row] = await handle.db.insert(users).values({ email }).returning();
    await handle.db.insert(memberships).values({ organisationId: owner.organisation.id, userId: row.id, role: 'member' });
    return row.id;
  };
  const invite = (db: Database, email: string) => createInvitation(db, { organisationId: owner.organisation.id, email, role: 'member', invitedBy: owner.id });
  const quantity = async () => (await stripe.api.subscriptions.retrieve(subscriptionId)).items.data[0]!.quantity;

  it('fills paid seats for free, then previews and charges a seat beyond them at once', async () => {
    expect(await seats.seatsOf(owner.organisation.id)).toMatchObject({ used: 1, paid: 3, renewing: 3 });
    await join(`a-${kind}@example.com`);
    await join(`b-${kind}@example.com`);
    // Every paid seat taken: an invitation is refused, and nothing is created.
    expect(await seats.claimPaidSeat(owner, (tx) => invite(tx, `refused-${kind}@example.com`))).toBeNull();
    expect(await pendingInvitationCount(handle.db, owner.organisation.id)).toBe(0);

    const preview = (await seats.previewSeatIncrease(owner))!;
    expect(preview.quantity).toBe(4);
    // One seat of $79 for the rest of the period: between nothing and a whole month.
    expect(preview.amountDueNow).toBeGreaterThan(0);
    expect(preview.amountDueNow).toBeLessThanOrEqual(7900);
    expect(preview.lines.filter((l) => l.proration).map((l) => [l.quantity, Math.sign(l.amount)])).toEqual([
      [3, -1],
      [4, 1],
    ]);

    await seats.buySeat(owner, { prorationDate: preview.prorationDate, attemptId: crypto.randomUUID() });
    expect(await quantity()).toBe(4);
    const latest = (await stripe.api.subscriptions.retrieve(subscriptionId, { expand: ['latest_invoice'] })).latest_invoice as Stripe.Invoice;
    expect(latest).toMatchObject({ billing_reason: 'subscription_update', status: 'paid', amount_paid: preview.amountDueNow });
    expect(await seats.seatsOf(owner.organisation.id)).toMatchObject({ used: 3, paid: 4, renewing: 4 });
  });

  it('lowers the quantity for the renewal with no credit when a member leaves, and refills that seat for free', async () => {
    const leaver = await join(`c-${kind}@example.com`);
    expect(await seats.seatsOf(owner.organisation.id)).toMatchObject({ used: 4, paid: 4 });
    const invoicesBefore = (await stripe.api.invoices.list({ subscription: subscriptionId })).data.length;
    const { eq, and } = await import('drizzle-orm');
    await handle.db.delete(memberships).where(and(eq(memberships.organisationId, owner.organisation.id), eq(memberships.userId, leaver)));
    await seats.followSeats(owner.organisation.id);
    expect(await quantity()).toBe(3);
    const after = await seats.seatsOf(owner.organisation.id);
    expect(after).toMatchObject({ used: 3, paid: 4, renewing: 3 });
    expect(after!.renewsOn).toBeInstanceOf(Date);

    expect(await seats.claimPaidSeat(owner, (tx) => invite(tx, `d-${kind}@example.com`))).not.toBeNull();
    expect(await quantity()).toBe(4);
    // Neither the lowering nor the refill invoiced anything.
    expect((await stripe.api.invoices.list({ subscription: subscriptionId })).data).toHaveLength(invoicesBefore);
  });

  it('gives the last free seat to one of two invitations sent at once', async () => {
    const { eq, and } = await import('drizzle-orm');
    const [member] = await handle.db.select({ id: users.id }).from(users).where(eq(users.email, `b-${kind}@example.com`));
    await handle.db.delete(memberships).where(and(eq(memberships.organisationId, owner.organisation.id), eq(memberships.userId, member!.id)));
    await seats.followSeats(owner.organisation.id);
    expect(await seats.seatsOf(owner.organisation.id)).toMatchObject({ used: 3, paid: 4, renewing: 3 });

    const claims = await Promise.all([
      seats.claimPaidSeat(owner, (tx) => invite(tx, `e-${kind}@example.com`)),
      seats.claimPaidSeat(owner, (tx) => invite(tx, `f-${kind}@example.com`)),
    ]);
    expect(claims.filter((claim) => claim !== null)).toHaveLength(1);
    expect(await seats.seatsOf(owner.organisation.id)).toMatchObject({ used: 4, paid: 4, renewing: 4 });
    expect(await quantity()).toBe(4);
  });

  it('lowers the quantity for the renewal once unanswered invitations expire', async () => {
    const { eq, and, isNull } = await import('drizzle-orm');
    const pending = and(eq(invitations.organisationId, owner.organisation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt));
    expect(await pendingInvitationCount(handle.db, owner.organisation.id)).toBe(2);
    await handle.db.update(invitations).set({ expiresAt: new Date(Date.now() - 60_000) }).where(pending);
    await seats.followSeatsAfterExpiries({ db: handle.db });
    // Owner and one member are left; the two seats the invitations held stay paid until the renewal.
    expect(await seats.seatsOf(owner.organisation.id)).toMatchObject({ used: 2, paid: 4, renewing: 2 });
    expect(await quantity()).toBe(2);
  });
});
