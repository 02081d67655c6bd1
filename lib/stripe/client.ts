// The one configured Stripe client. Nothing else in the app constructs one. Every request it sends
// goes through the request budget (budget.ts).
import Stripe from 'stripe';
import { env } from '../env';
import { budgetedHttpClient, defaultRate, RequestBudget } from './budget';

export { Stripe };

/** Client options for a given secret key and optional API base (the emulator, or unset for real Stripe). */
export function stripeConfig(apiBase: string | undefined): Stripe.StripeConfig {
  const config: Stripe.StripeConfig = {
    apiVersion: Stripe.API_VERSION,
    appInfo: { name: 'Paydesk' },
    maxNetworkRetries: 2,
    timeout: 20_000,
  };
  if (apiBase) {
    const url = new URL(apiBase);
    config.host = url.hostname;
    config.port = url.port || (url.protocol === 'https:' ? 443 : 80);
    config.protocol = url.protocol === 'https:' ? 'https' : 'http';
    // Latency telemetry only means something to Stripe itself.
    config.telemetry = false;
  }
  return config;
}

const globalKey = Symbol.for('paydesk.stripe');
type GlobalWithStripe = typeof globalThis & { [globalKey]?: { client: Stripe; budget: RequestBudget } };

function configured(): { client: Stripe; budget: RequestBudget } {
  const g = globalThis as GlobalWithStripe;
  if (!g[globalKey]) {
    const config = env();
    const budget = new RequestBudget(config.STRIPE_API_RATE ?? defaultRate(config.STRIPE_SECRET_KEY));
    const client = new Stripe(config.STRIPE_SECRET_KEY, { ...stripeConfig(config.STRIPE_API_BASE), httpClient: budgetedHttpClient(Stripe, budget) });
    g[globalKey] = { client, budget };
  }
  return g[globalKey];
}

/** The process-wide client, built on first use (never at module load: `next build` imports modules). */
export function stripe(): Stripe {
  return configured().client;
}

/** The process-wide request budget every call of `stripe()` goes through. */
export function stripeBudget(): RequestBudget {
  return configured().budget;
}

/** Browser-side settings the pages hand to Stripe.js. */
export function stripePublicConfig(): { publishableKey: string; scriptUrl: string | undefined } {
  const config = env();
  return { publishableKey: config.STRIPE_PUBLISHABLE_KEY, scriptUrl: config.STRIPE_JS_URL };
}
