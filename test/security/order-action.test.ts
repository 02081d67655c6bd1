// The in-app order action sells only what the pricing page sells: one-time prices on products
// marked as add-ons. Any other one-time price id sent by a browser is refused before an order or a
// Stripe object exists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionContext } from '../support/server-actions';
import type { DatabaseHandle } from '@/lib/db/client';
import { orders, stripePrices, stripeProducts, users } from '@/lib/db/schema';
import { freshDatabase } from '../support/databases';


const { prepareOrderPayment } = await import('@/app/checkout/actions');

describe('the order action', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await freshDatabase('pglite');
    actionContext.db = handle.db;
    const [user] = await handle.db.insert(users).values({ email: 'shopper@example.com' }).returning();
    actionContext.session = { user: { id: user.id, role: 'customer' } };
    const mirror = { syncedAt: new Date() };
    await handle.db.insert(stripeProducts).values([
      { id: 'prod_invoice_item', name: 'Hand-made invoice item', active: true, raw: { metadata: {} }, ...mirror },
      { id: 'prod_plan', name: 'Pro', active: true, raw: { metadata: { tier: 'pro' } }, ...mirror },
    ]);
    await handle.db.insert(stripePrices).values([
      { id: 'price_invoice_item', productId: 'prod_invoice_item', active: true, currency: 'usd', unitAmount: 100, type: 'one_time', raw: {}, ...mirror },
      { id: 'price_plan_one_time', productId: 'prod_plan', active: true, currency: 'usd', unitAmount: 100, type: 'one_time', raw: {}, ...mirror },
    ]);
  });
  afterAll(() => handle?.close());

  it('refuses one-time prices on products that are not add-ons, and creates nothing', async () => {
    for (const price of ['price_invoice_item', 'price_plan_one_time', 'price_unknown']) {
      expect(await prepareOrderPayment(price, crypto.randomUUID()), price).toEqual({ ok: false, error: 'This item is not for sale.' });
    }
    expect(await handle.db.select().from(orders)).toEqual([]);
  });
});
