import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { stripeError, useEmulator, waitFor } from './harness.js';
import { startReceiver, type Receiver } from './receiver.js';

const h = useEmulator();
let receiver: Receiver;

beforeEach(async () => {
  await h.reset();
  receiver = await startReceiver();
});
afterEach(async () => {
  await receiver.close();
});

async function endpoint(events: string[] = ['*']): Promise<Stripe.WebhookEndpoint & { secret: string }> {
  return (await h.stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: events as Stripe.WebhookEndpointCreateParams.EnabledEvent[] })) as Stripe.WebhookEndpoint & { secret: string };
}

describe('webhook endpoints', () => {
  it('shows the signing secret on create only', async () => {
    const created = await endpoint(['payment_intent.succeeded']);
    expect(created.secret).toMatch(/^whsec_/);
    expect(created).toMatchObject({ object: 'webhook_endpoint', url: receiver.url, enabled_events: ['payment_intent.succeeded'], status: 'enabled' });
    const fetched = await h.stripe.webhookEndpoints.retrieve(created.id);
    expect(fetched.secret).toBeUndefined();
    const updated = await h.stripe.webhookEndpoints.update(created.id, { enabled_events: ['charge.refunded'], disabled: true });
    expect(updated).toMatchObject({ enabled_events: ['charge.refunded'], status: 'disabled' });
    expect((await h.stripe.webhookEndpoints.list()).data).toHaveLength(1);
    expect(await h.stripe.webhookEndpoints.del(created.id)).toMatchObject({ deleted: true });
    expect((await stripeError(h.stripe.webhookEndpoints.retrieve(created.id))).statusCode).toBe(404);
  });

  it('requires url and enabled_events', async () => {
    expect((await stripeError(h.stripe.webhookEndpoints.create({ url: receiver.url } as Stripe.WebhookEndpointCreateParams))).param).toBe('enabled_events');
  });
});

describe('delivery', () => {
  it('delivers asynchronously, signed so that stripe.webhooks.constructEvent verifies it', async () => {
    const { secret } = await endpoint();
    const customer = await h.stripe.customers.create({ email: 'hook@example.com' });
    await h.control('POST', '/_emulator/webhooks/flush');
    expect(receiver.deliveries).toHaveLength(1);
    const [delivery] = receiver.deliveries;
    expect(delivery!.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const event = h.stripe.webhooks.constructEvent(delivery!.body, delivery!.signature, secret);
    expect(event.type).toBe('customer.created');
    expect((event.data.object as Stripe.Customer).id).toBe(customer.id);
    expect(() => h.stripe.webhooks.constructEvent(delivery!.body, delivery!.signature, 'whsec_wrong')).toThrow(Stripe.errors.StripeSignatureVerificationError);
  });

  it('only sends the events an endpoint enabled', async () => {
    await endpoint(['payment_intent.succeeded']);
    await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    await h.control('POST', '/_emulator/webhooks/flush');
    expect(receiver.deliveries.map((d) => d.event.type)).toEqual(['payment_intent.succeeded']);
  });

  it('retries with backoff until the receiver answers 2xx, and logs each attempt', async () => {
    receiver.respond = (n) => (n < 2 ? 500 : 200);
    await endpoint(['customer.created']);
    const customer = await h.stripe.customers.create({});
    const log = await waitFor(async () => {
      const { data } = await h.control('GET', '/_emulator/webhooks/deliveries');
      return data.length === 3 ? data : undefined;
    });
    expect(log.map((d: { status: number }) => d.status)).toEqual([500, 500, 200]);
    expect(log.map((d: { attempt: number }) => d.attempt)).toEqual([1, 2, 3]);
    expect(receiver.deliveries.every((d) => (d.event.data as { object: { id: string } }).object.id === customer.id)).toBe(true);
    const [event] = (await h.stripe.events.list({ type: 'customer.created' })).data;
    expect(event!.pending_webhooks).toBe(0);
  });

  it('treats a receiver that does not answer in time as a failure', async () => {
    await h.control('POST', '/_emulator/webhooks/config', { timeout_ms: 100, retry_schedule_ms: [] });
    receiver.respond = () => 'hang';
    await endpoint(['customer.created']);
    await h.stripe.customers.create({});
    const log = await waitFor(async () => (await h.control('GET', '/_emulator/webhooks/deliveries')).data[0]);
    expect(log).toMatchObject({ ok: false, status: null, error: 'timeout', will_retry: false });
    const pending = await h.stripe.events.list({ delivery_success: false });
    expect(pending.data.map((e) => e.type)).toEqual(['customer.created']);
  });

  it('chaos: duplicates every delivery at rate 1', async () => {
    await h.control('POST', '/_emulator/webhooks/config', { duplicate_rate: 1 });
    await endpoint(['customer.created']);
    await h.stripe.customers.create({});
    await h.control('POST', '/_emulator/webhooks/flush');
    expect(receiver.deliveries).toHaveLength(2);
    expect(receiver.deliveries[0]!.event.id).toBe(receiver.deliveries[1]!.event.id);
  });

  it('chaos: shuffles and delays deliveries, yet delivers every event', async () => {
    // Deliveries held back (0–60 s each) so that nearly all are due together when flushed, then shuffled.
    await h.control('POST', '/_emulator/webhooks/config', { shuffle: true, max_delay_ms: 60_000 });
    await endpoint(['customer.created']);
    const created: string[] = [];
    for (let i = 0; i < 20; i++) created.push((await h.stripe.customers.create({})).id);
    await h.control('POST', '/_emulator/webhooks/flush');
    const received = receiver.deliveries.map((d) => (d.event.data as { object: { id: string } }).object.id);
    expect([...received].sort()).toEqual([...created].sort());
    expect(received).not.toEqual(created);
  });
});

describe('events', () => {
  it('have Stripe’s shape, with previous_attributes on updates and the request that caused them', async () => {
    const customer = await h.stripe.customers.create({ email: 'old@example.com' }, { idempotencyKey: 'evt-key' });
    await h.stripe.customers.update(customer.id, { email: 'new@example.com' });
    const [updated, created] = (await h.stripe.events.list()).data;
    expect(created).toMatchObject({ object: 'event', type: 'customer.created', api_version: Stripe.API_VERSION, livemode: false, pending_webhooks: 0 });
    expect(created!.request).toMatchObject({ idempotency_key: 'evt-key' });
    expect(created!.request?.id).toMatch(/^req_/);
    expect(updated!.type).toBe('customer.updated');
    expect(updated!.data.previous_attributes).toEqual({ email: 'old@example.com' });
    expect((updated!.data.object as Stripe.Customer).email).toBe('new@example.com');
    expect((created!.data.object as Stripe.Customer).email).toBe('old@example.com');
  });

  it('retrieve and list with type, types[], wildcards and created', async () => {
    const customer = await h.stripe.customers.create({});
    await h.stripe.customers.update(customer.id, { name: 'x' });
    const all = (await h.stripe.events.list()).data;
    expect((await h.stripe.events.retrieve(all[0]!.id)).id).toBe(all[0]!.id);
    expect((await h.stripe.events.list({ type: 'customer.updated' })).data).toHaveLength(1);
    expect((await h.stripe.events.list({ types: ['customer.created', 'customer.updated'] })).data).toHaveLength(2);
    expect((await h.stripe.events.list({ type: 'customer.*' })).data).toHaveLength(2);
    expect((await h.stripe.events.list({ created: { gte: all[0]!.created } })).data.length).toBeGreaterThan(0);
  });
});
