import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { startEmulator } from '../src/index.js';
import { stripeError, stripeFor, useEmulator } from './harness.js';

const h = useEmulator();

afterEach(() => h.control('POST', '/_emulator/faults', { rate_limit_rate: 0, server_error_rate: 0, connection_reset_rate: 0, latency_ms: 0 }));

describe('faults on demand', () => {
  it('answers 429 rate_limit at rate 1', async () => {
    await h.control('POST', '/_emulator/faults', { rate_limit_rate: 1 });
    const err = await stripeError(h.stripe.customers.list());
    expect(err).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(err.statusCode).toBe(429);
    expect(err.code).toBe('rate_limit');
  });

  it('answers 500 api_error at rate 1, and a retry with the same idempotency key then runs', async () => {
    await h.control('POST', '/_emulator/faults', { server_error_rate: 1 });
    const err = await stripeError(h.stripe.customers.create({ email: 'fault@example.com' }, { idempotencyKey: 'fault-key' }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(err.statusCode).toBe(500);
    await h.control('POST', '/_emulator/faults', { server_error_rate: 0 });
    const created = await h.stripe.customers.create({ email: 'fault@example.com' }, { idempotencyKey: 'fault-key' });
    expect(created.email).toBe('fault@example.com');
  });

  it('resets connections at rate 1', async () => {
    await h.control('POST', '/_emulator/faults', { connection_reset_rate: 1 });
    const err = await stripeError(h.stripe.customers.list());
    expect(err).toBeInstanceOf(Stripe.errors.StripeConnectionError);
  });

  it('adds latency to every call', async () => {
    await h.control('POST', '/_emulator/faults', { latency_ms: 120 });
    const started = performance.now();
    await h.stripe.customers.list();
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    expect(await h.control('GET', '/_emulator/faults')).toMatchObject({ latency_ms: 120 });
  });

  it('a mixed rate fails some calls and lets the SDK retries get through', async () => {
    await h.control('POST', '/_emulator/faults', { server_error_rate: 0.2 });
    const retrying = new Stripe('sk_test_retry', { host: '127.0.0.1', port: h.running.port, protocol: 'http', telemetry: false, maxNetworkRetries: 10 });
    const created = [];
    for (let i = 0; i < 4; i++) created.push(await retrying.customers.create({ email: `retry${i}@example.com` }));
    expect(new Set(created.map((c) => c.id)).size).toBe(4);
  });
});

describe('persistence', () => {
  it('keeps state across restarts when a data file is given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stripe-emulator-'));
    const dataFile = join(dir, 'state.json');
    try {
      const first = await startEmulator({ port: 0, dataFile });
      const customer = await stripeFor(first.port).customers.create({ email: 'kept@example.com' });
      const gone = await stripeFor(first.port).customers.create({});
      await stripeFor(first.port).customers.del(gone.id);
      await first.close();
      const second = await startEmulator({ port: 0, dataFile });
      const again = await stripeFor(second.port).customers.retrieve(customer.id);
      expect((again as Stripe.Customer).email).toBe('kept@example.com');
      expect(await stripeFor(second.port).customers.retrieve(gone.id)).toMatchObject({ deleted: true });
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reset clears everything', async () => {
    await h.stripe.customers.create({});
    await h.control('POST', '/_emulator/reset');
    expect((await h.stripe.customers.list()).data).toHaveLength(0);
  });
});
