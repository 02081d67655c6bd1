// The webhook route: verify, store once, answer fast, hand off. Nothing is stored for a request
// that fails verification; unknown event types are acknowledged and marked ignored.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import type Stripe from 'stripe';
import { stripeEvents } from '@/lib/db/schema';
import { maxWebhookBodyBytes } from '@/lib/billing/sync/inbox';
import { databaseKinds } from '../support/databases';
import { eventFor, useAsAppDatabase, waitFor, webhookRequest, useAppDatabase, useEmptyInbox } from './support';
import { POST } from '@/app/api/stripe/webhook/route';

describe.each(databaseKinds)('Stripe webhook route on %s', (kind) => {
  const handle = useAppDatabase(kind);
  const storedEvents = useEmptyInbox(handle);

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
    const tooLarge = await POST(webhookRequest(padded(maxWebhookBodyBytes + 1)));
    expect([tooLarge.status, await tooLarge.json()]).toEqual([413, { error: 'Request body too large.' }]);

    // 200 MB offered without a Content-Length: the route stops pulling just past the limit.
    let pulled = 0;
    let cancelled = false;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        if (pulled > 200 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
      cancel() {
        cancelled = true;
      },
    });
    const signed = webhookRequest('{}');
    const response = await POST(new Request(signed.url, { method: 'POST', headers: signed.headers, body: endless, duplex: 'half' } as RequestInit));
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(maxWebhookBodyBytes + 4 * chunk.byteLength);
    // The sender is told to stop rather than left holding an upload nobody reads.
    expect(cancelled).toBe(true);
  });

  it('refuses a declared Content-Length over the limit with 413 without reading the body, and takes one at the limit', async () => {
    let pulls = 0;
    const counted = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulls++;
          controller.enqueue(new Uint8Array(16).fill(0x20));
          controller.close();
        },
      },
      { highWaterMark: 0 }, // pulled only when someone reads
    );
    const signed = webhookRequest('{}');
    const headers = new Headers(signed.headers);
    headers.set('content-length', String(maxWebhookBodyBytes + 1));
    const response = await POST(new Request(signed.url, { method: 'POST', headers, body: counted, duplex: 'half' } as RequestInit));
    expect([response.status, pulls]).toEqual([413, 0]);

    const base = JSON.stringify(eventFor('climate.order.created', { id: 'climorder_declared' }));
    const atLimit = base.replace('"id":"climorder_declared"', `"id":"climorder_declared","pad":"${'x'.repeat(maxWebhookBodyBytes - base.length - 9)}"`);
    const declared = webhookRequest(atLimit);
    declared.headers.set('content-length', String(maxWebhookBodyBytes));
    expect((await POST(declared)).status).toBe(200);
  });

  it('answers a signed request without a body with 400, not a crash', async () => {
    const signed = webhookRequest('');
    const response = await POST(new Request(signed.url, { method: 'POST', headers: signed.headers }));
    expect(response.status).toBe(400);
    expect(await storedEvents()).toHaveLength(0);
  });

  it('answers 500 with an error id when the event cannot be stored, so Stripe retries it', async () => {
    const failing = new Proxy(handle.db, {
      get: (target, property, receiver) =>
        property === 'insert' ? () => { throw new Error('the database is unreachable'); } : Reflect.get(target, property, receiver),
    }) as Database;
    useAsAppDatabase({ ...handle, db: failing });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const event = eventFor('climate.order.created', { id: 'climorder_unstored' });
      const response = await POST(webhookRequest(JSON.stringify(event)));
      expect(response.status).toBe(500);
      const { error } = await response.json();
      expect(error).toMatch(/^Could not store the event \(error id \S+\)\.$/);
      // The log names the event and carries the same error id, so the answer can be traced.
      const logged = errors.mock.calls.map((args) => args.join(' ')).join('\n');
      expect(logged).toContain(`storing ${event.id}`);
      expect(logged).toContain(/error id (\S+)\)/.exec(error)![1]);
    } finally {
      errors.mockRestore();
      useAsAppDatabase(handle);
    }
    expect(await storedEvents()).toHaveLength(0);
  });

  describe('at the edges of what it accepts', () => {
    const now = Math.floor(Date.now() / 1000);
    let warnings: string[];
    beforeEach(() => {
      // A frozen clock, so "five minutes ahead" is exactly that for the test and the route alike.
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(now * 1000);
      warnings = [];
      vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args.join(' ')));
    });
    afterEach(() => {
      vi.useRealTimers();
      vi.restoreAllMocks();
    });
    const climate = (id: string, fields: object = {}, overrides: Partial<Stripe.Event> = {}) =>
      JSON.stringify(eventFor('climate.order.created', { id, ...fields }, overrides));
    const statusOf = async (payload: string, options: Parameters<typeof webhookRequest>[1] = {}) => (await POST(webhookRequest(payload, options))).status;
    const storedIds = async () => (await storedEvents()).map((row) => row.objectId).sort();

    it('takes a signature dated up to five minutes ahead (clock skew) and refuses one a second further, saying why in the log', async () => {
      expect(await statusOf(climate('climorder_skew_ok'), { timestamp: now + 300 })).toBe(200);
      expect(await statusOf(climate('climorder_skew_far'), { timestamp: now + 301 })).toBe(400);
      expect(await storedIds()).toEqual(['climorder_skew_ok']);
      expect(warnings).toEqual(['[stripe-webhook] refused: signature dated in the future']);
    });

    it('takes an event dated up to 400 days ahead (a test clock) and refuses one a second further', async () => {
      const limit = now + 400 * 24 * 60 * 60;
      expect(await statusOf(climate('climorder_clock_ok', {}, { created: limit }))).toBe(200);
      expect(await statusOf(climate('climorder_clock_far', {}, { created: limit + 1 }))).toBe(400);
      expect(await storedIds()).toEqual(['climorder_clock_ok']);
      expect(warnings).toEqual(['[stripe-webhook] malformed event: created too far in the future']);
    });

    it('counts nesting by brackets outside strings: 64 levels taken, 65 refused', async () => {
      // The event is three levels deep at its object (event → data → object).
      const nested = (levels: number) => JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`);
      expect(await statusOf(climate('climorder_depth_64', { nested: nested(61) }))).toBe(200);
      expect(await statusOf(climate('climorder_depth_65', { nested: nested(62) }))).toBe(400);
      // Brackets in text (after an escaped quote too) and many shallow siblings do not add up.
      const text = `a "quote ${'['.repeat(100)} and ${'{'.repeat(100)}`;
      const wide = { lists: Array.from({ length: 100 }, () => [[]]), objects: Array.from({ length: 100 }, () => ({ a: {} })) };
      expect(await statusOf(climate('climorder_text', { text, wide }))).toBe(200);
      expect(await storedIds()).toEqual(['climorder_depth_64', 'climorder_text']);
      expect(warnings).toEqual(['[stripe-webhook] malformed event: JSON nested deeper than 64 levels']);
    });

    it('refuses text PostgreSQL cannot store (a NUL, a lone surrogate of either half) and takes an emoji', async () => {
      for (const [id, name] of [['climorder_nul', 'a\u0000b'], ['climorder_high', 'a\ud83d'], ['climorder_low', '\udc00b']]) {
        expect(await statusOf(climate(id, { name }))).toBe(400);
      }
      expect(await statusOf(climate('climorder_emoji', { name: 'Café 🌍' }))).toBe(200);
      expect(await storedIds()).toEqual(['climorder_emoji']);
      expect((await storedEvents())[0].payload).toMatchObject({ data: { object: { name: 'Café 🌍' } } });
      expect(warnings).toEqual(Array(3).fill('[stripe-webhook] malformed event: contains a NUL character or an unpaired surrogate'));
    });

    it('logs why a signature was refused, cut to 200 characters (the verifier explains at length)', async () => {
      expect(await statusOf(climate('climorder_secret'), { secret: 'whsec_not_ours' })).toBe(400);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^\[stripe-webhook\] refused: No signatures found/);
      expect(warnings[0]).toHaveLength('[stripe-webhook] refused: '.length + 200);
    });

    it('logs which fields made a signed event malformed, for whoever configures the endpoint', async () => {
      expect(await statusOf(climate('climorder_shape', {}, { created: 'soon', livemode: 'no' } as never))).toBe(400);
      expect(await statusOf(JSON.stringify([1, 2]))).toBe(400);
      expect(warnings).toHaveLength(2);
      expect(warnings[0]).toMatch(/^\[stripe-webhook\] malformed event: created: .+; livemode: .+$/);
      expect(warnings[1]).toMatch(/^\[stripe-webhook\] malformed event: event: /);
      expect(await storedEvents()).toHaveLength(0);
    });
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
    expect(await first.json()).toEqual({ received: true, duplicate: false });
    expect(await second.json()).toEqual({ received: true, duplicate: true });
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
