// Reconciliation over more than one page of Stripe's lists (pages hold 100 objects): a full
// backfill mirrors every object and reports its progress page by page, and the next run replays
// events from the cursor the backfill saved instead of listing everything again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/lib/db/client';
import * as t from '@/lib/db/schema';
import { reconcile, type ReconcileProgress } from '@/lib/billing/reconcile';
import { stopSweeper } from '@/lib/billing/sync/scheduler';
import { databaseKinds, freshDatabase } from '../support/databases';
import { startTestStripe, type TestStripe } from './emulator';

const COUNT = 130;
let stripe: TestStripe;
beforeAll(async () => {
  stopSweeper();
  stripe = await startTestStripe();
  for (let n = 0; n < COUNT; n++) {
    await stripe.api.customers.create({ email: `page-${n}@example.com` });
    await stripe.api.products.create({ name: `Product ${n}` });
  }
}, 300_000);
afterAll(() => stripe?.close());

describe.each(databaseKinds)('reconciliation on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await freshDatabase(kind);
  }, 300_000);
  afterAll(() => handle?.close());

  it('mirrors every page of a list longer than one page, reporting progress per page', async () => {
    const progress: ReconcileProgress[] = [];
    const full = await reconcile({ mode: 'incremental', db: handle.db, stripe: stripe.api, onProgress: (p) => progress.push(p) });

    expect(full.mode).toBe('full'); // no cursor yet
    expect(full.listed).toMatchObject({ customers: COUNT, products: COUNT });
    expect(await handle.db.$count(t.stripeCustomers)).toBe(COUNT);
    expect(await handle.db.$count(t.stripeProducts)).toBe(COUNT);
    expect(full.changed).toMatchObject({ stripe_customers: COUNT, stripe_products: COUNT });
    expect(progress.filter((p) => p.step === 'customers').map((p) => p.done)).toEqual([0, 100, COUNT]);

    const again = await reconcile({ mode: 'incremental', db: handle.db, stripe: stripe.api });
    expect(again.mode).toBe('incremental');
    expect(again.listed.customers).toBeUndefined();
    expect(await handle.db.$count(t.stripeCustomers)).toBe(COUNT);
  }, 300_000);
});
