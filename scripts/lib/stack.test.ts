// The local stack's webhook endpoint across restarts of `npm start`, against a real emulator process
// that keeps its state in a file as the dev runner's does: one endpoint for the app, kept with its
// secret and its waiting retries while the URL stays, moved when PORT changes.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { stripeConfig } from '../../lib/stripe/client';
import { callEmulatorControl } from './emulator-control';
import { ProcessGroup } from './processes';
import { emulatorProcess, emulatorSecretKey, ensureAppWebhookEndpoint } from './stack';

let dir: string;
let emulator: ProcessGroup | undefined;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paydesk-stack-'));
});

afterEach(async () => {
  await emulator?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts (or restarts) the emulator process on `port` with the dev runner's kind of state file. */
async function runEmulator(port: number): Promise<void> {
  await emulator?.stop();
  emulator = new ProcessGroup((name, code) => {
    throw new Error(`${name} exited unexpectedly (code ${code})`);
  });
  await emulator.start(emulatorProcess({ port, dataFile: path.join(dir, 'emulator.json') }));
}

test('npm start keeps one endpoint with its secret and retries, and moves it when PORT changes', async () => {
  const emulatorPort = await freePort();
  const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
  const endpointFile = path.join(dir, 'webhook-endpoint.json');
  // Nothing listens on either app port: deliveries fail and wait for their retry.
  const onPortA = `http://127.0.0.1:${await freePort()}/api/stripe/webhook`;
  const onPortB = `http://127.0.0.1:${await freePort()}/api/stripe/webhook`;
  const stripe = new Stripe(emulatorSecretKey, { ...stripeConfig(emulatorUrl), maxNetworkRetries: 2 });
  const endpoints = async () => (await stripe.webhookEndpoints.list({ limit: 100 })).data.map((e) => ({ id: e.id, url: e.url }));
  const pendingDeliveries = async () =>
    (await callEmulatorControl<{ pending: number }>(emulatorUrl, 'webhooks/deliveries', undefined, 'GET')).pending;

  await runEmulator(emulatorPort);
  // Left by an earlier version of the stack (it re-created the endpoint on every start)…
  await stripe.webhookEndpoints.create({ url: 'http://localhost:3000/api/stripe/webhook', enabled_events: ['*'], description: 'Paydesk (local)' });
  // …and one the developer made: not the stack's to delete.
  const own = await stripe.webhookEndpoints.create({ url: 'https://example.com/hooks', enabled_events: ['*'] });

  const first = await ensureAppWebhookEndpoint(stripe, onPortA, endpointFile);
  expect(await endpoints()).toEqual(expect.arrayContaining([{ id: first.id, url: onPortA }, { id: own.id, url: own.url }]));
  expect(await endpoints()).toHaveLength(2);
  await stripe.customers.create({ email: 'waiting@example.com' });
  await expect.poll(pendingDeliveries).toBeGreaterThan(0);
  const waiting = await pendingDeliveries();

  await runEmulator(emulatorPort);
  const restarted = await ensureAppWebhookEndpoint(stripe, onPortA, endpointFile);
  expect(restarted).toEqual(first);
  expect(await endpoints()).toHaveLength(2);
  expect(await pendingDeliveries()).toBe(waiting);

  await runEmulator(emulatorPort);
  const moved = await ensureAppWebhookEndpoint(stripe, onPortB, endpointFile);
  expect(moved.secret).toBe(first.secret);
  const after = await endpoints();
  expect(after.filter((e) => e.id !== own.id)).toEqual([{ id: moved.id, url: onPortB }]);
});
