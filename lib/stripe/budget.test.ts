// The Stripe request budget: a token bucket at the configured rate, interactive requests ahead of
// background ones, and 429s honoured (pause, then the same request again) — the last against the
// emulator's rate limit over real HTTP with the real SDK.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { startEmulator, type RunningEmulator } from '@/emulator/src/index';
import { budgetedHttpClient, currentPriority, defaultRate, inBackground, RequestBudget } from './budget';
import { stripeConfig } from './client';

describe('request budget', () => {
  it('defaults below Stripe’s limits for the key’s mode (the emulator’s keys are test keys)', () => {
    expect(defaultRate('sk_test_emulator')).toBe(20);
    expect(defaultRate('rk_test_abc')).toBe(20);
    expect(defaultRate('sk_live_abc')).toBe(80);
  });

  it('lets a second’s worth through at once, then paces at the rate', async () => {
    const budget = new RequestBudget(10);
    const started = Date.now();
    await Promise.all(Array.from({ length: 10 }, () => budget.take('background')));
    expect(Date.now() - started).toBeLessThan(50);
    await Promise.all(Array.from({ length: 3 }, () => budget.take('background')));
    // Three more tokens at 10/s take about 300 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('serves waiting interactive requests before background ones', async () => {
    const budget = new RequestBudget(5);
    await Promise.all(Array.from({ length: 5 }, () => budget.take('background'))); // bucket empty
    const order: string[] = [];
    const background = Array.from({ length: 3 }, (_, i) => budget.take('background').then(() => order.push(`background ${i}`)));
    const interactive = budget.take('interactive').then(() => order.push('interactive'));
    await Promise.all([...background, interactive]);
    expect(order[0]).toBe('interactive');
    expect(budget.counts).toMatchObject({ interactive: 1, background: 8 });
  });

  it('marks work as background through the async context, interactive otherwise', async () => {
    expect(currentPriority()).toBe('interactive');
    await inBackground(async () => {
      await Promise.resolve();
      expect(currentPriority()).toBe('background');
    });
    expect(currentPriority()).toBe('interactive');
  });

  it('pauses after a 429, longer for each in a row', () => {
    let now = 0;
    const budget = new RequestBudget(100, () => now);
    budget.rateLimited();
    now += 400;
    expect(budget.counts.rateLimited).toBe(1);
    // Still paused: a request waits (its promise stays pending until the pause ends).
    let sent = false;
    void budget.take('interactive').then(() => (sent = true));
    return Promise.resolve().then(() => expect(sent).toBe(false));
  });

  describe('against the emulator’s rate limit', () => {
    let emulator: RunningEmulator;
    beforeAll(async () => {
      emulator = await startEmulator({ port: 0, rateLimit: 5 });
    });
    afterAll(() => emulator?.close());

    it('sends a rate-limited request again after backing off, so callers see no 429', async () => {
      // A budget above the emulator's limit: 429s happen and are absorbed.
      const budget = new RequestBudget(50);
      const client = new Stripe('sk_test_budget', { ...stripeConfig(emulator.url), maxNetworkRetries: 0, httpClient: budgetedHttpClient(Stripe, budget) });
      const lists = await Promise.all(Array.from({ length: 12 }, () => client.customers.list({ limit: 1 })));
      expect(lists.every((list) => list.object === 'list')).toBe(true);
      expect(budget.counts.rateLimited).toBeGreaterThan(0);
    }, 60_000);
  });
});
