// Usage-based billing in the app against the emulator: the catalog seeds the meter and the metered
// Reports prices, plans that include reports carry the metered item, the customer's usage this
// period and its cost come from the outbox, and reconciliation finds Stripe's count equal to what
// was sent — or shows the drift when it is not.
import { beforeAll, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { reportsUsage, seedCatalog } from '@/lib/billing/catalog';
import { syncSubscription } from '@/lib/billing/sync';
import { recordUsage } from '@/lib/billing/usage/record';
import { sendPendingUsage } from '@/lib/billing/usage/sender';
import { reconcileUsage } from '@/lib/billing/usage/reconcile';
import { usageForCustomer } from '@/lib/billing/usage/queries';
import { usagePriceFor } from '@/lib/billing/usage/plan-items';
import { databaseKinds, useDatabase } from '../support/databases';
import { testStripeForFile } from './emulator';

const stripe = testStripeForFile();

describe.each(databaseKinds)('usage-based billing on %s', (kind) => {
  const handle = useDatabase(kind);
  let prices: Record<string, string>;
  let customer: Stripe.Customer;
  let subscription: Stripe.Subscription;

  beforeAll(async () => {
    ({ prices } = await seedCatalog({ db: handle.db, stripe: stripe.api }));
    const team = await stripe.api.prices.retrieve(prices.team_monthly!);
    const starter = await stripe.api.prices.retrieve(prices.starter_monthly!);
    const usagePrice = await usagePriceFor(handle.db, { productId: team.product as string, interval: 'month' });
    expect(usagePrice).toBe(prices[reportsUsage.lookupKeys.month]);
    expect(await usagePriceFor(handle.db, { productId: team.product as string, interval: 'year' })).toBe(prices[reportsUsage.lookupKeys.year]);
    expect(await usagePriceFor(handle.db, { productId: starter.product as string, interval: 'month' })).toBeNull();
    customer = await stripe.api.customers.create({ email: `usage-${kind}@example.com`, payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' } });
    subscription = await stripe.api.subscriptions.create({ customer: customer.id, items: [{ price: team.id }, { price: usagePrice! }] });
    await syncSubscription(subscription.id, { db: handle.db, stripe: stripe.api });
  });

  it('shows the period’s usage and its cost, and reconciles it with the meter', async () => {
    await handle.db.transaction((tx) =>
      recordUsage(tx, Array.from({ length: 5 }, (_, i) => ({ id: `${kind}-report-${i}`, customerId: customer.id, eventName: reportsUsage.eventName }))),
    );
    const before = await usageForCustomer(customer.id, { db: handle.db });
    expect(before).toMatchObject({ total: 5, pending: 5, included: 100, amount: 0 });
    expect(before!.byDay.at(-1)).toEqual({ day: new Date().toISOString().slice(0, 10), units: 5 });

    await sendPendingUsage({ db: handle.db, stripe: stripe.api });
    expect(await usageForCustomer(customer.id, { db: handle.db })).toMatchObject({ total: 5, pending: 0 });
    expect(await reconcileUsage({ db: handle.db, stripe: stripe.api, customerId: customer.id })).toEqual([{ customerId: customer.id, sent: 5, stripe: 5, drift: 0 }]);

    // Usage that reached the meter some other way shows as drift.
    await stripe.api.billing.meterEvents.create({ event_name: reportsUsage.eventName, payload: { stripe_customer_id: customer.id, value: '2' } });
    expect(await reconcileUsage({ db: handle.db, stripe: stripe.api, customerId: customer.id })).toEqual([{ customerId: customer.id, sent: 5, stripe: 7, drift: -2 }]);
  });

  it('prices usage beyond the allowance per report', async () => {
    await handle.db.transaction((tx) =>
      recordUsage(tx, Array.from({ length: 120 }, (_, i) => ({ id: `${kind}-more-${i}`, customerId: customer.id, eventName: reportsUsage.eventName }))),
    );
    // 125 reports: 100 included, 25 at $0.10.
    expect(await usageForCustomer(customer.id, { db: handle.db })).toMatchObject({ total: 125, amount: 250 });
  });
});
