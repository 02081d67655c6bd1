// Each organisation has exactly one Stripe customer, created and bound before any Checkout.
import { eq, sql } from 'drizzle-orm';
import { getDb, type Database } from '@/lib/db/client';
import { env } from '@/lib/env';
import { stripeCustomers } from '@/lib/db/schema/billing';
import { stripe as defaultStripe, type Stripe } from '@/lib/stripe/client';
import { customerRow, fetchedStamp } from './sync/write';

/**
 * Who pays, as billing code sees it: a member (the user acting, whose email Stripe writes to) for
 * the organisation that owns the customer, subscription, orders and history.
 */
export interface CustomerOwner {
  /** The acting user. */
  id: string;
  email: string;
  name?: string | null;
  organisation: { id: string; name: string; personal: boolean };
}

/**
 * The organisation's Stripe customer id, creating and binding the customer on first call. Safe under
 * concurrency: simultaneous calls send the same idempotency key (so Stripe creates one customer and
 * replays it), bind under a per-organisation lock, and `organisation_id` is unique in the mirror.
 */
export async function ensureStripeCustomer(owner: CustomerOwner, options: { db?: Database; stripe?: Stripe } = {}): Promise<string> {
  const db = options.db ?? (await getDb());
  const organisationId = owner.organisation.id;
  const bound = await customerIdForOrganisation(db, organisationId);
  if (bound) return bound;

  const at = new Date();
  const stripe = options.stripe ?? defaultStripe();
  const customer = await stripe.customers.create(
    {
      email: owner.email,
      name: (owner.organisation.personal ? owner.name : owner.organisation.name) ?? undefined,
      // user_id: who created it (customers made before organisations were bound by it alone).
      metadata: { organisation_id: organisationId, user_id: owner.id },
      test_clock: await testClockFor(stripe, organisationId, at),
    },
    { idempotencyKey: `paydesk-customer-for-organisation-${organisationId}` },
  );
  try {
    await db.transaction(async (tx) => {
      // One organisation's bindings take turns: two simultaneous upserts of the same new row meet on
      // two unique indexes (id, organisation_id) in opposite orders and deadlock on PostgreSQL.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`paydesk:customer-for-organisation:${organisationId}`}, 0))`);
      if (await customerIdForOrganisation(tx, organisationId)) return;
      await tx
        .insert(stripeCustomers)
        .values({ ...customerRow({ value: customer, ...fetchedStamp(at, customer) }), organisationId })
        // The customer.created webhook may have mirrored it first: just bind it.
        .onConflictDoUpdate({ target: stripeCustomers.id, set: { organisationId: sql`coalesce(${stripeCustomers.organisationId}, excluded.organisation_id)` } });
    });
  } catch (error) {
    // The webhook's sync bound another customer to this organisation meanwhile: that binding wins.
    if (!isUniqueViolation(error)) throw error;
  }
  return (await customerIdForOrganisation(db, organisationId)) ?? customer.id;
}

/**
 * With STRIPE_TEST_CLOCKS (e2e against a Stripe sandbox): the customer's own test clock, frozen at
 * `at`, so a spec can move its time. Same idempotency as the customer, so concurrent first calls
 * send the customer the same clock.
 */
async function testClockFor(stripe: Stripe, organisationId: string, at: Date): Promise<string | undefined> {
  if (!env().STRIPE_TEST_CLOCKS) return undefined;
  const clock = await stripe.testHelpers.testClocks.create(
    { frozen_time: Math.floor(at.getTime() / 1000), name: `Paydesk organisation ${organisationId}`.slice(0, 300) },
    { idempotencyKey: `paydesk-test-clock-for-organisation-${organisationId}` },
  );
  return clock.id;
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e.code === '23505' || e.cause?.code === '23505';
}

/** The Stripe customer bound to an organisation, if any. */
export async function customerIdForOrganisation(db: Database, organisationId: string): Promise<string | null> {
  const [row] = await db.select({ id: stripeCustomers.id }).from(stripeCustomers).where(eq(stripeCustomers.organisationId, organisationId)).limit(1);
  return row?.id ?? null;
}
