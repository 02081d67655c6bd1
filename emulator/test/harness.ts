// Test harness: an in-process emulator per test file, the real stripe SDK pointed at it, and
// small helpers for the control API and for waiting on conditions (never fixed sleeps).
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startEmulator, type RunningEmulator } from '../src/index.js';
import { shapeProblems } from './shapes/check.js';

export interface Harness {
  stripe: Stripe;
  url: string;
  running: RunningEmulator;
  /** Calls the control API with a JSON body and returns its JSON. */
  control<T = any>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
  /** A raw API call, for what the SDK cannot send (bad auth, wrong versions, malformed bodies). */
  raw(method: string, path: string, init?: { body?: string; headers?: Record<string, string> }): Promise<Response>;
  reset(): Promise<void>;
}

/** Starts one emulator for the calling test file. */
export function useEmulator(): Harness {
  const harness = {} as Harness;
  beforeAll(async () => {
    const running = await startEmulator({ port: 0, fastWebhookRetries: true });
    harness.running = running;
    harness.url = running.url;
    harness.stripe = stripeFor(running.port);
    harness.control = async (method, path, body) => {
      const response = await fetch(`${running.url}${path}`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = await response.json();
      if (!response.ok) throw Object.assign(new Error(`control ${path}: ${response.status} ${JSON.stringify(json)}`), { status: response.status, body: json });
      return json;
    };
    harness.raw = (method, path, init = {}) =>
      fetch(`${running.url}${path}`, { method, body: init.body, headers: { Authorization: 'Bearer sk_test_raw', 'Content-Type': 'application/x-www-form-urlencoded', ...init.headers } });
    harness.reset = async () => {
      await harness.control('POST', '/_emulator/reset');
      await harness.control('POST', '/_emulator/webhooks/config', { retry_schedule: 'fast' });
    };
  });
  afterEach(() => {
    // Every object a test received through the SDK matched the stripe package's declarations.
    const problems = shapeLog.splice(0);
    expect(problems, 'objects that differ from the stripe package declarations').toEqual([]);
  });
  afterAll(async () => {
    await harness.running?.close();
  });
  return harness;
}

/** Shape problems seen in SDK responses since the last test ended. */
const shapeLog: string[] = [];

/** The SDK's own HTTP client, checking every JSON body it parses against the stripe package's declarations. */
function checkingHttpClient(): ReturnType<typeof Stripe.createNodeHttpClient> {
  const client = Stripe.createNodeHttpClient();
  const makeRequest = client.makeRequest.bind(client);
  client.makeRequest = async (host, port, path, method, headers, requestData, protocol, timeout) => {
    const response = await makeRequest(host, port, path, method, headers, requestData, protocol, timeout);
    const toJSON = response.toJSON.bind(response);
    response.toJSON = async () => {
      const body: unknown = await toJSON();
      for (const problem of shapeProblems(body)) shapeLog.push(`${method} ${path.split('?')[0]}: ${problem}`);
      return body;
    };
    return response;
  };
  return client;
}

export function stripeFor(port: number, key = 'sk_test_emulator'): Stripe {
  return new Stripe(key, {
    host: '127.0.0.1',
    port,
    protocol: 'http',
    telemetry: false,
    maxNetworkRetries: 0,
    httpClient: checkingHttpClient(),
  });
}

/** Polls `check` until it returns a truthy value (or throws after `timeoutMs`). */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 5_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`waitFor timed out${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Stripe's events when a subscription invoice is paid at once by card, off-session (at creation and on each renewal). */
export const INVOICE_PAID_BY_CARD_EVENTS = ['payment_intent.created', 'payment_intent.succeeded', 'charge.succeeded', 'invoice.paid', 'invoice.payment_succeeded', 'invoice_payment.paid'];

/** Stripe's events when a subscription is created and its first invoice paid at once by card. */
export const PAID_SUBSCRIPTION_CREATED_EVENTS = ['invoice.created', 'invoice.finalized', 'customer.subscription.created', ...INVOICE_PAID_BY_CARD_EVENTS, 'customer.subscription.updated'];

/** Every event type emitted so far, oldest first. */
export async function eventTypes(stripe: Stripe): Promise<string[]> {
  const types: string[] = [];
  for await (const event of stripe.events.list({ limit: 100 })) types.push(event.type);
  return types.reverse();
}

/** Expects the call to fail with a Stripe error and returns it. */
export async function stripeError(promise: Promise<unknown>): Promise<InstanceType<typeof Stripe.errors.StripeError>> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof Stripe.errors.StripeError) return err;
    throw err;
  }
  throw new Error('expected the Stripe call to fail');
}
