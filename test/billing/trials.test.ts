// Free trials are for a customer's first plan: what the pricing page promises and what a new
// subscription gets both follow `offersTrial`, read from the mirror.
import { describe, expect, it, vi } from 'vitest';
import type { Database } from '@/lib/db/client';
import * as t from '@/lib/db/schema';
import { offersTrial } from '@/lib/billing/subscription-mirror';
import { databaseKinds, useDatabase } from '../support/databases';

vi.mock('server-only', () => ({}));

const at = new Date();
const mirror = { raw: {}, syncedAt: at };

async function seed(db: Database) {
  await db.insert(t.stripeCustomers).values(['new', 'active', 'canceled', 'trialed', 'abandoned'].map((name) => ({ id: `cus_${name}`, email: `${name}@example.com`, ...mirror })));
  const subscription = (id: string, customerId: string, status: string, trialEnd: Date | null = null) => ({
    id, customerId, status, cancelAtPeriodEnd: false, trialEnd, created: at, ...mirror,
  });
  await db.insert(t.stripeSubscriptions).values([
    subscription('sub_active', 'cus_active', 'active'),
    subscription('sub_canceled', 'cus_canceled', 'canceled'),
    subscription('sub_trialed', 'cus_trialed', 'canceled', at),
    // Started in the app, first payment declined, then canceled by a new start: never a plan.
    subscription('sub_abandoned', 'cus_abandoned', 'canceled'),
    subscription('sub_waiting', 'cus_abandoned', 'incomplete'),
  ]);
  const invoice = (id: string, subscriptionId: string, customerId: string, status: string) => ({
    id, customerId, subscriptionId, status, currency: 'usd', total: 900, amountDue: 900, amountPaid: status === 'paid' ? 900 : 0,
    amountRemaining: status === 'paid' ? 0 : 900, created: at, ...mirror,
  });
  await db.insert(t.stripeInvoices).values([
    invoice('in_canceled', 'sub_canceled', 'cus_canceled', 'paid'),
    invoice('in_abandoned', 'sub_abandoned', 'cus_abandoned', 'void'),
    invoice('in_waiting', 'sub_waiting', 'cus_abandoned', 'open'),
  ]);
}

describe.each(databaseKinds)('offersTrial (%s)', (kind) => {
  const handle = useDatabase(kind, { seed });

  const offered = (customerId: string | null) => offersTrial(customerId, { db: handle.db });

  it('offers a trial to someone who never had a plan, including starts that were never paid', async () => {
    expect(await offered(null)).toBe(true);
    expect(await offered('cus_new')).toBe(true);
    expect(await offered('cus_abandoned')).toBe(true);
  });

  it('offers none to a customer who has or had a plan, paid or trialed', async () => {
    expect(await offered('cus_active')).toBe(false);
    expect(await offered('cus_canceled')).toBe(false);
    expect(await offered('cus_trialed')).toBe(false);
  });
});
