// The local Stripe side of the stack, shared by `npm start` and the e2e server: the emulator process,
// the seeded and mirrored catalog, and the app's webhook endpoint registered with the emulator.
import fs from 'node:fs';
import path from 'node:path';
import Stripe from 'stripe';
import { z } from 'zod';
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
 * Seeds the catalog into the emulator, mirrors it into `db`, and points the app's webhook endpoint
 * at `appUrl`; returns the environment for the app process. The endpoint is created after seeding
 * so the catalog's own events are not queued for an app that is not running yet.
 */
export async function prepareEmulatorStripe(options: { apiBase: string; appUrl: string; db: Database; endpointFile?: string }): Promise<StripeSetup> {
  const stripe = new Stripe(emulatorSecretKey, { ...stripeConfig(options.apiBase), maxNetworkRetries: 3 });
  await seedCatalog({ stripe, db: options.db });
  const endpoint = await ensureAppWebhookEndpoint(stripe, `${options.appUrl}/api/stripe/webhook`, options.endpointFile);
  return {
    appEnv: {
      STRIPE_SECRET_KEY: emulatorSecretKey,
      STRIPE_PUBLISHABLE_KEY: emulatorPublishableKey,
      STRIPE_API_BASE: options.apiBase,
      STRIPE_JS_URL: `${options.apiBase}/v3/stripe.js`,
      STRIPE_WEBHOOK_SECRET: endpoint.secret,
    },
  };
}

const sandboxEnvSchema = z.object({
  STRIPE_SECRET_KEY: z
    .string({ error: 'E2E_STRIPE=live-test needs STRIPE_SECRET_KEY: the sk_test_… key of a Stripe sandbox.' })
    .regex(/^sk_test_/, 'E2E_STRIPE=live-test runs only with a test-mode secret key (sk_test_…), never a live one.')
    .refine((key) => key !== emulatorSecretKey, 'E2E_STRIPE=live-test needs a real sandbox key, not the emulator’s.'),
  STRIPE_PUBLISHABLE_KEY: z
    .string({ error: 'E2E_STRIPE=live-test needs STRIPE_PUBLISHABLE_KEY: the pk_test_… key of the same sandbox.' })
    .regex(/^pk_test_/, 'E2E_STRIPE=live-test needs a test-mode publishable key (pk_test_…).')
    .refine((key) => key !== emulatorPublishableKey, 'E2E_STRIPE=live-test needs a real sandbox key, not the emulator’s.'),
  STRIPE_WEBHOOK_SECRET: z
    .string({ error: 'E2E_STRIPE=live-test needs STRIPE_WEBHOOK_SECRET: the whsec_… that `stripe listen --forward-to localhost:$E2E_PORT/api/stripe/webhook` prints.' })
    .regex(/^whsec_/, 'STRIPE_WEBHOOK_SECRET should be the whsec_… secret `stripe listen` prints.'),
});

/**
 * `E2E_STRIPE=live-test`: a Stripe sandbox instead of the emulator. Checks the keys (test mode
 * only) and the webhook secret of a running `stripe listen`, seeds the catalog into the sandbox
 * (idempotent: found by lookup key) and mirrors it into `db`; returns the environment for the app,
 * which then loads Stripe.js from js.stripe.com and calls api.stripe.com.
 */
export async function prepareSandboxStripe(options: { env: Record<string, string | undefined>; db: Database }): Promise<StripeSetup> {
  const parsed = sandboxEnvSchema.safeParse(options.env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join('\n'));
  const keys = parsed.data;
  const stripe = new Stripe(keys.STRIPE_SECRET_KEY, { maxNetworkRetries: 3 });
  await seedCatalog({ stripe, db: options.db });
  return { appEnv: { ...keys, STRIPE_API_BASE: '', STRIPE_JS_URL: '', STRIPE_TEST_CLOCKS: 'true' } };
}

/** Marks the endpoints the local stack made (earlier versions wrote the same description). */
const LOCAL_ENDPOINT_DESCRIPTION = 'Paydesk (local)';

const savedEndpointSchema = z.object({ id: z.string().startsWith('we_'), secret: z.string().startsWith('whsec_') });
export type AppWebhookEndpoint = z.infer<typeof savedEndpointSchema>;

/**
 * The local stack's one webhook endpoint for the app, pointed at `url`. Stripe shows an endpoint's
 * signing secret only on create, so it is saved in `endpointFile`: while the saved endpoint exists
 * it is kept (its URL moved when PORT changed), so its secret stays valid and the deliveries the
 * emulator is still retrying are not dropped on a restart. Every other endpoint the local stack
 * made is deleted, so no events go to a port the app left. Without `endpointFile` (a throwaway
 * emulator) the endpoint is created afresh.
 */
export async function ensureAppWebhookEndpoint(stripe: Stripe, url: string, endpointFile?: string): Promise<AppWebhookEndpoint> {
  const saved = endpointFile ? readSavedEndpoint(endpointFile) : undefined;
  let kept: AppWebhookEndpoint | undefined;
  for await (const endpoint of stripe.webhookEndpoints.list({ limit: 100 })) {
    if (saved && endpoint.id === saved.id) {
      if (endpoint.url !== url) await stripe.webhookEndpoints.update(endpoint.id, { url });
      kept = saved;
    } else if (endpoint.description === LOCAL_ENDPOINT_DESCRIPTION) {
      await stripe.webhookEndpoints.del(endpoint.id);
    }
  }
  if (kept) return kept;
  const created = await stripe.webhookEndpoints.create({ url, enabled_events: ['*'], description: LOCAL_ENDPOINT_DESCRIPTION });
  const endpoint = savedEndpointSchema.parse({ id: created.id, secret: created.secret });
  if (endpointFile) fs.writeFileSync(endpointFile, JSON.stringify(endpoint), { mode: 0o600 });
  return endpoint;
}

function readSavedEndpoint(file: string): AppWebhookEndpoint | undefined {
  if (!fs.existsSync(file)) return undefined;
  const saved = savedEndpointSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  return saved.success ? saved.data : undefined;
}
