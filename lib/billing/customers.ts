// Each app user has exactly one Stripe customer, created and bound before any Checkout.
import { eq, sql } from 'drizzle-orm';
import { getDb, type Database } from '@/lib/db/client';
import { env } from '@/lib/env';
import { stripeCustomers } from '@/lib/db/schema/billing';
import { stripe as defaultStripe, type Stripe } from '@/lib/stripe/client';
import { customerRow, fetchedStamp } from './sync/write';

export interface CustomerOwner {
  id: string;
  email: string;
  name?: string | null;
}

/**
 * The user's Stripe customer id, creating and binding the customer on first call. Safe under
 * concurrency: simultaneous calls send the same idempotency key (so Stripe creates one customer and
 * replays it), bind under a per-user lock, and `user_id` is unique in the mirror.
 */
export async function ensureStripeCustomer(
  user: CustomerOwner,
  options: { db?: Database; stripe?: Stripe } = {},
): Promise<string> {
  const db = options.db ?? (await getDb());
  const bound = await customerIdForUser(db, user.id);
  if (bound) return bound;

  const at = new Date();
  const stripe = options.stripe ?? defaultStripe();
  const customer = await stripe.customers.create(
    { email: user.email, name: user.name ?? undefined, metadata: { user_id: user.id }, test_clock: await testClockFor(stripe, user, at) },
    { idempotencyKey: `paydesk-customer-for-user-${user.id}` },
  );
  try {
    await db.transaction(async (tx) => {
      // One user's bindings take turns: two simultaneous upserts of the same new row meet on two
      // unique indexes (id, user_id) in opposite orders and deadlock on PostgreSQL.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`paydesk:customer-for-user:${user.id}`}, 0))`);
      if (await customerIdForUser(tx, user.id)) return;
      await tx
        .insert(stripeCustomers)
        .values({ ...customerRow({ value: customer, ...fetchedStamp(at, customer) }), userId: user.id })
        // The customer.created webhook may have mirrored it first: just bind it.
        .onConflictDoUpdate({ target: stripeCustomers.id, set: { userId: sql`coalesce(${stripeCustomers.userId}, excluded.user_id)` } });
    });
  } catch (error) {
    // The webhook's sync bound another customer to this user meanwhile: that binding wins.
    if (!isUniqueViolation(error)) throw error;
  }
  return (await customerIdForUser(db, user.id)) ?? customer.id;
}

/**
 * With STRIPE_TEST_CLOCKS (e2e against a Stripe sandbox): the customer's own test clock, frozen at
 * `at`, so a spec can move its time. Same idempotency as the customer, so concurrent first calls
 * send the customer the same clock.
 */
async function testClockFor(stripe: Stripe, user: CustomerOwner, at: Date): Promise<string | undefined> {
  if (!env().STRIPE_TEST_CLOCKS) return undefined;
  const clock = await stripe.testHelpers.testClocks.create(
    { frozen_time: Math.floor(at.getTime() / 1000), name: `Paydesk user ${user.id}`.slice(0, 300) },
    { idempotencyKey: `paydesk-test-clock-for-user-${user.id}` },
  );
  return clock.id;
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e.code === '23505' || e.cause?.code === '23505';
}

/** The Stripe customer bound to an app user, if any. */
export async function customerIdForUser(db: Database, userId: string): Promise<string | null> {
  const [row] = await db.select({ id: stripeCustomers.id }).from(stripeCustomers).where(eq(stripeCustomers.userId, userId)).limit(1);
  return row?.id ?? null;
}
