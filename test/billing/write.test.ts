// The mirror writer's guards, on fabricated snapshots: an older read never overwrites a newer one,
// a terminal status never changes back, and rewriting identical data changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { DatabaseHandle } from '@/lib/db/client';
import { stripePaymentIntents } from '@/lib/db/schema';
import { emptySnapshots, writeSnapshots } from '@/lib/billing/sync/write';
import { databaseKinds, freshDatabase } from '../support/databases';

const intent = (status: string, description: string) =>
  ({ id: 'pi_guarded', object: 'payment_intent', status, amount: 1000, amount_received: status === 'succeeded' ? 1000 : 0, currency: 'usd', customer: null, description, latest_charge: null, last_payment_error: null, created: 1_700_000_000 }) as unknown as Stripe.PaymentIntent;

describe.each(databaseKinds)('mirror writer guards on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await freshDatabase(kind);
  });
  afterAll(() => handle?.close());

  const write = (value: Stripe.PaymentIntent, at: number) => {
    const snapshots = emptySnapshots();
    snapshots.paymentIntent.set(value.id, { value, at: new Date(at) });
    return handle.db.transaction((tx) => writeSnapshots(tx, snapshots));
  };
  const mirrored = async () => (await handle.db.select().from(stripePaymentIntents).where(eq(stripePaymentIntents.id, 'pi_guarded')))[0];

  it('applies fresher reads, skips older ones and identical ones', async () => {
    expect(await write(intent('requires_payment_method', 'v1'), 1_000)).toEqual({ stripe_payment_intents: 1 });
    expect(await write(intent('processing', 'v2'), 3_000)).toEqual({ stripe_payment_intents: 1 });
    expect(await write(intent('requires_payment_method', 'v1'), 2_000)).toEqual({}); // read before v2: ignored
    expect(await write(intent('processing', 'v2'), 4_000)).toEqual({}); // same data: nothing rewritten
    expect(await mirrored()).toMatchObject({ status: 'processing', description: 'v2', syncedAt: new Date(3_000) });
  });

  it('never moves a terminal status back, but still takes other fresher changes', async () => {
    await write(intent('succeeded', 'paid'), 5_000);
    expect(await write(intent('requires_action', 'paid'), 6_000)).toEqual({});
    expect((await mirrored()).status).toBe('succeeded');
    expect(await write(intent('succeeded', 'paid, described later'), 7_000)).toEqual({ stripe_payment_intents: 1 });
    expect(await mirrored()).toMatchObject({ status: 'succeeded', description: 'paid, described later' });
  });
});
