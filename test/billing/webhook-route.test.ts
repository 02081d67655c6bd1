// The webhook route: verify, store once, answer fast, hand off. Nothing is stored for a request
// that fails verification; unknown event types are acknowledged and marked ignored.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '@/lib/db/client';
import { stripeEvents } from '@/lib/db/schema';
import { kickProcessing, stopSweeper } from '@/lib/billing/sync/scheduler';
import { maxWebhookBodyBytes } from '@/lib/billing/sync/inbox';
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
    expect(await storedEvents()).toHaveLength(0);
  });

  it('answers refusals generically, without the verifier’s or the parser’s own words', async () => {
    const payload = JSON.stringify(eventFor('customer.created', { id: 'cus_generic' }));
    const badSecret = await POST(webhookRequest(payload, { secret: 'whsec_not_ours' }));
    expect(await badSecret.json()).toEqual({ error: 'Webhook signature verification failed.' });
    const badShape = await POST(webhookRequest(JSON.stringify({ ...eventFor('customer.created', { id: 'cus_x' }), created: 'soon' })));
    expect([badShape.status, await badShape.json()]).toEqual([400, { error: 'Malformed event.' }]);
  });

  it('refuses a signature dated in the future, and an event dated far ahead', async () => {
    const payload = JSON.stringify(eventFor('customer.created', { id: 'cus_future' }));
    const ahead = await POST(webhookRequest(payload, { timestamp: Math.floor(Date.now() / 1000) + 3600 }));
    expect(ahead.status).toBe(400);
    const farAhead = JSON.stringify(eventFor('customer.created', { id: 'cus_far' }, { created: Math.floor(Date.now() / 1000) + 5 * 365 * 86_400 }));
    expect((await POST(webhookRequest(farAhead))).status).toBe(400);
    expect(await storedEvents()).toHaveLength(0);
  });

  it('refuses a correctly signed 5,000-deep body with 400, not 500', async () => {
    const event = eventFor('customer.created', { id: 'cus_deep' }) as unknown as { data: { object: Record<string, unknown> } };
    const payload = JSON.stringify(event).replace('"id":"cus_deep"', `"id":"cus_deep","nested":${'['.repeat(5000)}${']'.repeat(5000)}`);
    const response = await POST(webhookRequest(payload));
    expect([response.status, await response.json()]).toEqual([400, { error: 'Malformed event.' }]);
    expect(await storedEvents()).toHaveLength(0);
  });

  it('accepts a 1 MB body and refuses a larger one with 413 before reading it whole', async () => {
    const base = JSON.stringify(eventFor('climate.order.created', { id: 'climorder_big' }));
    const padded = (bytes: number) => base.replace('"id":"climorder_big"', `"id":"climorder_big","pad":"${'x'.repeat(bytes - base.length - 9)}"`);
    const atLimit = padded(maxWebhookBodyBytes);
    expect(Buffer.byteLength(atLimit)).toBe(maxWebhookBodyBytes);
    expect((await POST(webhookRequest(atLimit))).status).toBe(200);
    expect((await POST(webhookRequest(padded(maxWebhookBodyBytes + 1)))).status).toBe(413);

    // 200 MB offered without a Content-Length: the route stops pulling just past the limit.
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        if (pulled > 200 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const signed = webhookRequest('{}');
    const response = await POST(new Request(signed.url, { method: 'POST', headers: signed.headers, body: endless, duplex: 'half' } as RequestInit));
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(maxWebhookBodyBytes + 4 * chunk.byteLength);
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
