// The webhook route: verify, store once, answer fast, hand off. Nothing is stored for a request
// that fails verification; unknown event types are acknowledged and marked ignored.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '@/lib/db/client';
import { stripeEvents } from '@/lib/db/schema';
import { kickProcessing, stopSweeper } from '@/lib/billing/sync/scheduler';
import { databaseKinds, freshDatabase } from '../support/databases';
import { eventFor, useAsAppDatabase, waitFor, webhookRequest } from './support';
import { POST } from '@/app/api/stripe/webhook/route';

describe.each(databaseKinds)('Stripe webhook route on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    stopSweeper();
    handle = await freshDatabase(kind);
    useAsAppDatabase(handle);
  });
  afterAll(async () => {
    await kickProcessing();
    await handle?.close();
  });
  beforeEach(async () => {
    await kickProcessing();
    await handle.db.delete(stripeEvents);
  });

  const storedEvents = () => handle.db.select().from(stripeEvents);

  it('rejects a bad signature with 400 and stores nothing', async () => {
    const payload = JSON.stringify(eventFor('customer.created', { id: 'cus_bad' }));
    const response = await POST(webhookRequest(payload, { secret: 'whsec_not_ours' }));
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/signature/i);
    expect(await storedEvents()).toHaveLength(0);
  });

  it('rejects a body altered after signing', async () => {
    const payload = JSON.stringify(eventFor('customer.created', { id: 'cus_tampered' }));
    const signed = webhookRequest(payload);
    const tampered = new Request(signed.url, { method: 'POST', headers: signed.headers, body: payload.replace('cus_tampered', 'cus_other') });
    expect((await POST(tampered)).status).toBe(400);
    expect(await storedEvents()).toHaveLength(0);
  });

  it('rejects a missing signature header', async () => {
    const payload = JSON.stringify(eventFor('customer.created', { id: 'cus_unsigned' }));
    const response = await POST(webhookRequest(payload, { signature: null }));
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/Stripe-Signature/);
    expect(await storedEvents()).toHaveLength(0);
  });

  it('rejects a correctly signed but stale delivery (replay outside the 5-minute tolerance)', async () => {
    const payload = JSON.stringify(eventFor('customer.created', { id: 'cus_stale' }));
    const response = await POST(webhookRequest(payload, { timestamp: Math.floor(Date.now() / 1000) - 301 }));
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/tolerance/i);
    expect(await storedEvents()).toHaveLength(0);
  });

  it('acknowledges an unknown event type and marks it ignored', async () => {
    const event = eventFor('climate.order.delivered', { id: 'climorder_1' });
    const response = await POST(webhookRequest(JSON.stringify(event)));
    expect(response.status).toBe(200);
    const stored = await waitFor(async () => {
      const [row] = await handle.db.select().from(stripeEvents).where(eq(stripeEvents.id, event.id));
      return row?.status === 'ignored' && row;
    }, { what: 'the event to be marked ignored' });
    expect(stored.processedAt).toBeInstanceOf(Date);
    expect(stored.objectId).toBe('climorder_1');
  });

  it('stores a duplicate delivery once (sequential)', async () => {
    const payload = JSON.stringify(eventFor('climate.order.created', { id: 'climorder_2' }));
    const first = await POST(webhookRequest(payload));
    const second = await POST(webhookRequest(payload));
    expect([first.status, second.status]).toEqual([200, 200]);
    expect((await second.json()).duplicate).toBe(true);
    expect(await storedEvents()).toHaveLength(1);
  });

  it('stores a duplicate delivery once (concurrent)', async () => {
    const payload = JSON.stringify(eventFor('climate.order.created', { id: 'climorder_3' }));
    const responses = await Promise.all(Array.from({ length: 8 }, () => POST(webhookRequest(payload))));
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200));
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(bodies.filter((b) => !b.duplicate)).toHaveLength(1);
    expect(await storedEvents()).toHaveLength(1);
  });
});
