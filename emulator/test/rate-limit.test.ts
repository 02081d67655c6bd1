// Stripe's rate limit on demand (`--rate-limit N` / POST /_emulator/rate_limit): per API key, a
// request beyond the rate is answered 429 with Stripe's `rate_limit` error and `Stripe-Should-Retry`;
// other keys are not affected; the control call reports the requests each key made.
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../src/index.js';
import { stripeFor, useEmulator } from './harness.js';

const h = useEmulator();
afterEach(() => h.control('POST', '/_emulator/rate_limit', { requests_per_second: null, clear_counts: true }));

describe('rate limit on demand', () => {
  it('answers 429 rate_limit beyond the configured rate, per key, with Stripe-Should-Retry', async () => {
    expect(await h.control('POST', '/_emulator/rate_limit', { requests_per_second: 3, clear_counts: true })).toMatchObject({ requests_per_second: 3 });
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => h.raw('GET', '/v1/customers?limit=1', { headers: { Authorization: 'Bearer sk_test_busy' } })),
    );
    const limited = answers.filter((r) => r.status === 429);
    // A bucket of one second's worth: the first 3 pass at once (a slow machine may refill one more).
    expect(answers.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(3);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(limited.length + answers.filter((r) => r.status === 200).length).toBe(6);
    expect(limited[0]!.headers.get('stripe-should-retry')).toBe('true');
    expect(limited[0]!.headers.get('request-id')).toMatch(/^req_/);
    expect((await limited[0]!.json()).error).toMatchObject({ type: 'invalid_request_error', code: 'rate_limit', message: expect.stringContaining('Too many requests') });
    // Another key has its own budget.
    expect((await h.raw('GET', '/v1/customers?limit=1', { headers: { Authorization: 'Bearer sk_test_quiet' } })).status).toBe(200);
    const view = await h.control('GET', '/_emulator/rate_limit');
    expect(view).toMatchObject({ requests: 7, rate_limited: limited.length });
    expect(view.keys).toEqual(expect.arrayContaining([{ key: '…busy', requests: 6, rate_limited: limited.length }, { key: '…uiet', requests: 1, rate_limited: 0 }]));
  });

  it('surfaces as the SDK’s rate limit error, and lets requests through again once the bucket refills', async () => {
    await h.control('POST', '/_emulator/rate_limit', { requests_per_second: 2 });
    const sdk = stripeFor(h.running.port, 'sk_test_sdk');
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => sdk.customers.list({ limit: 1 }).then(() => 'ok', (e: { type?: string }) => e.type)));
    expect(outcomes.filter((o) => o === 'StripeRateLimitError').length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // the bucket's refill is real time, as at Stripe
    await expect(sdk.customers.list({ limit: 1 })).resolves.toMatchObject({ object: 'list' });
  });

  it('refuses a rate that is not a positive number', async () => {
    await expect(h.control('POST', '/_emulator/rate_limit', { requests_per_second: 0 })).rejects.toMatchObject({ status: 400 });
    await expect(h.control('POST', '/_emulator/rate_limit', { requests_per_second: 'fast' })).rejects.toMatchObject({ status: 400 });
  });

  it('starts limited with the rateLimit option (the CLI’s --rate-limit)', async () => {
    const limited = await startEmulator({ port: 0, rateLimit: 2 });
    try {
      const sdk = stripeFor(limited.port, 'sk_test_cli');
      const outcomes = await Promise.all(Array.from({ length: 4 }, () => sdk.customers.list({ limit: 1 }).then(() => 'ok', (e: { type?: string }) => e.type)));
      expect(outcomes.filter((o) => o === 'ok').length).toBeGreaterThanOrEqual(2);
      expect(outcomes).toContain('StripeRateLimitError');
    } finally {
      await limited.close();
    }
  });
});
