// The local Stripe side of the stack, shared by `npm start` and the e2e server: the emulator process,
// the seeded and mirrored catalog, and the app's webhook endpoint registered with the emulator.
import path from 'node:path';
import Stripe from 'stripe';
import { seedCatalog } from '../../lib/billing/catalog';
import { stripeConfig } from '../../lib/stripe/client';
import type { Database } from '../../lib/db/client';
import type { ProcessSpec } from './processes';

export const emulatorSecretKey = 'sk_test_emulator';
export const emulatorPublishableKey = 'pk_test_emulator';

/** True unless real Stripe keys are configured. */
export function usesEmulator(): boolean {
  const key = process.env.STRIPE_SECRET_KEY;
  return !key || key === emulatorSecretKey;
}

export function emulatorProcess(options: { port: number; dataFile?: string; fastWebhookRetries?: boolean }): ProcessSpec {
  const persistence = options.dataFile ? ['--data-file', options.dataFile] : ['--ephemeral'];
  if (options.fastWebhookRetries) persistence.push('--fast-webhook-retries');
  return {
    name: 'stripe-emulator',
    command: process.execPath,
    args: [path.join('node_modules', 'tsx', 'dist', 'cli.mjs'), path.join('emulator', 'src', 'cli.ts'), '--port', String(options.port), ...persistence],
    readyUrl: `http://127.0.0.1:${options.port}/v1/customers`,
  };
}

export interface StripeSetup {
  /** Environment the app process needs to talk to this Stripe. */
  appEnv: Record<string, string>;
}

/**
 * Seeds the catalog into the emulator, mirrors it into `db`, and (re)registers the app's webhook
 * endpoint; returns the environment for the app process. The endpoint is registered after seeding
 * so the catalog's own events are not queued for an app that is not running yet.
 */
export async function prepareEmulatorStripe(options: { apiBase: string; appUrl: string; db: Database }): Promise<StripeSetup> {
  const stripe = new Stripe(emulatorSecretKey, { ...stripeConfig(options.apiBase), maxNetworkRetries: 3 });
  await seedCatalog({ stripe, db: options.db });

  const url = `${options.appUrl}/api/stripe/webhook`;
  for await (const endpoint of stripe.webhookEndpoints.list({ limit: 100 })) {
    if (endpoint.url === url) await stripe.webhookEndpoints.del(endpoint.id);
  }
  const endpoint = await stripe.webhookEndpoints.create({ url, enabled_events: ['*'], description: 'Paydesk (local)' });
  return {
    appEnv: {
      STRIPE_SECRET_KEY: emulatorSecretKey,
      STRIPE_PUBLISHABLE_KEY: emulatorPublishableKey,
      STRIPE_API_BASE: options.apiBase,
      STRIPE_JS_URL: `${options.apiBase}/v3/stripe.js`,
      STRIPE_WEBHOOK_SECRET: endpoint.secret ?? '',
    },
  };
}
