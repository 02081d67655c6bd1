// What an organisation's members may use, read from the mirror: every subscription of the
// organisation's own customer counts with all of its items, nobody else's does.
import { describe, expect, it } from 'vitest';
import * as t from '@/lib/db/schema';
import { entitlementsForOrganisation } from '@/lib/billing/entitlements';
import { databaseKinds, useDatabase } from '../support/databases';
import { personalOrganisationId } from '../support/members';

describe.each(databaseKinds)('entitlements of an organisation on %s', (kind) => {
  const handle = useDatabase(kind);

  const now = new Date();
  let count = 0;
  async function customerOf(email: string): Promise<{ organisationId: string; customerId: string }> {
    const [user] = await handle.db.insert(t.users).values({ email }).returning();
    const organisationId = await personalOrganisationId(handle.db, user.id);
    const customerId = `cus_${++count}`;
    await handle.db.insert(t.stripeCustomers).values({ id: customerId, organisationId, raw: {}, syncedAt: now });
    return { organisationId, customerId };
  }
  async function plan(metadata: Record<string, string>): Promise<string> {
    const id = `prod_${++count}`;
    await handle.db.insert(t.stripeProducts).values({ id, name: id, active: true, raw: { id, metadata }, syncedAt: now });
    return id;
  }
  async function subscription(customerId: string, status: string, productIds: string[]): Promise<void> {
    const id = `sub_${++count}`;
    await handle.db.insert(t.stripeSubscriptions).values({ id, customerId, status, cancelAtPeriodEnd: false, created: now, raw: {}, syncedAt: now });
    for (const productId of productIds) {
      await handle.db
        .insert(t.stripeSubscriptionItems)
        .values({ id: `si_${++count}`, subscriptionId: id, priceId: `price_${count}`, productId, quantity: 1, raw: {}, syncedAt: now });
    }
  }

  it('combines every item of every subscription of the organisation’s customer', async () => {
    const { organisationId, customerId } = await customerOf('combined@example.com');
    const pro = await plan({ tier: 'pro', features: 'reports' });
    const addon = await plan({ features: 'exports' });
    const team = await plan({ tier: 'team', features: 'seats' });
    await subscription(customerId, 'active', [pro, addon]);
    await subscription(customerId, 'past_due', [team]);

    const entitlements = await entitlementsForOrganisation(organisationId, { db: handle.db });
    expect(entitlements.tier).toBe('team');
    expect([...entitlements.features].sort()).toEqual(['exports', 'reports', 'seats']);
    expect(entitlements.needsPayment).toBe(true);
  });

  it('grants nothing from another organisation’s subscriptions', async () => {
    const owner = await customerOf('owner@example.com');
    const other = await customerOf('other@example.com');
    await subscription(owner.customerId, 'active', [await plan({ tier: 'pro', features: 'reports' })]);

    expect(await entitlementsForOrganisation(other.organisationId, { db: handle.db })).toEqual({ tier: null, features: new Set(), needsPayment: false });
  });
});
