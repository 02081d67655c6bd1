// Test tooling for the billing integration tests: the Stripe emulator in-process over real HTTP, the
// app's Stripe configuration pointed at it, and a webhook receiver that hands deliveries to the
// app's route handler exactly as Next would (raw body + Stripe-Signature header).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll } from 'vitest';
import { startEmulator } from '@/emulator/src/index';
import { stripeConfig } from '@/lib/stripe/client';
import { stopSweeper } from '@/lib/billing/sync/scheduler';
import { POST } from '@/app/api/stripe/webhook/route';
import { callEmulatorControl } from '../../scripts/lib/emulator-control';

export const SECRET_KEY = 'sk_test_billing_integration';

export interface TestStripe {
  url: string;
  /** A client for the test's own calls (arranging scenarios, checking the mirror against Stripe). */
  api: Stripe;
  /** The webhook endpoint pointing at the route handler; created disabled. */
  endpoint: Stripe.WebhookEndpoint;
  control(path: string, body?: unknown): Promise<unknown>;
  /** Routes webhook deliveries to the app (true) or drops them at the emulator (false). */
  deliverWebhooks(enabled: boolean): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the emulator and configures the app's environment for it. Call before any app code reads
 * its configuration (the app reads it once).
 */
export async function startTestStripe(): Promise<TestStripe> {
  const emulator = await startEmulator({ port: 0 });
  const receiver = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const response = await POST(
      new Request(`http://localhost${req.url}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': String(req.headers['stripe-signature'] ?? '') },
        body: Buffer.concat(chunks).toString('utf8'),
      }),
    );
    res.writeHead(response.status, { 'content-type': 'application/json' }).end(await response.text());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/stripe/webhook`;

  const api = new Stripe(SECRET_KEY, { ...stripeConfig(emulator.url), maxNetworkRetries: 0 });
  const endpoint = await api.webhookEndpoints.create({ url: receiverUrl, enabled_events: ['*'] });
  await api.webhookEndpoints.update(endpoint.id, { disabled: true });

  process.env.STRIPE_SECRET_KEY = SECRET_KEY;
  process.env.STRIPE_API_BASE = emulator.url;
  process.env.STRIPE_WEBHOOK_SECRET = endpoint.secret!;

  const control = (path: string, body?: unknown) => callEmulatorControl<any>(emulator.url, path, body);

  return {
    url: emulator.url,
    api,
    endpoint,
    control,
    deliverWebhooks: async (enabled) => {
      await api.webhookEndpoints.update(endpoint.id, { disabled: !enabled });
    },
    close: async () => {
      await emulator.close();
      await new Promise((resolve) => receiver.close(resolve));
    },
  };
}

/**
 * For a test file: the emulator started before its tests (with the background sweeper stopped, so each
 * test drives processing itself) and closed after them. Its fields are read inside hooks and tests.
 */
export function testStripeForFile(): TestStripe {
  let started: TestStripe | undefined;
  beforeAll(async () => {
    stopSweeper();
    started = await startTestStripe();
  });
  afterAll(() => started?.close());
  const open = () => {
    if (!started) throw new Error('The emulator starts in beforeAll; use it from hooks and tests.');
    return started;
  };
  return {
    get url() {
      return open().url;
    },
    get api() {
      return open().api;
    },
    get endpoint() {
      return open().endpoint;
    },
    control: (path, body) => open().control(path, body),
    deliverWebhooks: (enabled) => open().deliverWebhooks(enabled),
    close: () => open().close(),
  };
}

/** Events of the given objects since `since` (unix seconds), oldest first, as Stripe stored them. */
export async function eventsSince(api: Stripe, since: number): Promise<Stripe.Event[]> {
  const events = await api.events.list({ created: { gte: since }, limit: 100 }).autoPagingToArray({ limit: 10_000 });
  return events.reverse();
}
