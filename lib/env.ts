// Server configuration, read from the environment once and validated at the boundary.
import { isIP } from 'node:net';
import { z } from 'zod';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

/**
 * Default per-customer limits on actions that create or fetch Stripe objects, per 15 minutes: each
 * several times what a customer clicking through every page by hand could use, so only scripts
 * meet them, and one customer cannot spend the account's Stripe rate limit.
 */
export const actionLimitDefaults = {
  /** Hosted Checkout sessions started. */
  checkout: 30,
  /** In-app payments: PaymentIntents, SetupIntents, orders, invoice payments. */
  payment: 60,
  /** Customer portal sessions. */
  portal: 30,
  /** Plan previews, switches, cancellations and resumptions. */
  plan: 60,
  /** Admin refunds, per admin. */
  refund: 120,
  /** Admin dispute evidence submissions, per admin. */
  evidence: 30,
  /** Admin reconciliations, per admin (each lists every object and replays events). */
  reconcile: 10,
  /** Admin coupons and promotion codes created, per admin. */
  promotion: 30,
};

export type ActionKind = keyof typeof actionLimitDefaults;

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** PostgreSQL connection string; unset ⇒ the embedded PGlite database under PGLITE_DIR. */
  DATABASE_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  PGLITE_DIR: z.preprocess(emptyToUndefined, z.string().default('.data/pglite')),
  AUTH_SECRET: optionalString,
  /** Comma-separated emails that are admins whenever they sign in. */
  ADMIN_EMAILS: z.preprocess(emptyToUndefined, z.string().default('')).transform((s) =>
    s
      .split(',')
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
  ),
  AUTH_GITHUB_ID: optionalString,
  AUTH_GITHUB_SECRET: optionalString,
  /** Secret API key. The default only works against the local emulator (the embedded default). */
  STRIPE_SECRET_KEY: z.preprocess(emptyToUndefined, z.string().startsWith('sk_').default('sk_test_emulator')),
  STRIPE_PUBLISHABLE_KEY: z.preprocess(emptyToUndefined, z.string().startsWith('pk_').default('pk_test_emulator')),
  /** Base URL of a Stripe-compatible API such as the emulator (`http://127.0.0.1:12111`); unset ⇒ real Stripe. */
  STRIPE_API_BASE: z.preprocess(emptyToUndefined, z.url().optional()),
  /** Stripe requests per second this instance may send (default: 20 with a test key, 80 live; see README). */
  STRIPE_API_RATE: z.preprocess(emptyToUndefined, z.coerce.number().positive().max(10_000).optional()),
  /** Days processed and ignored webhook events stay in the inbox (failed ones stay until retried). */
  STRIPE_EVENTS_RETENTION_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(3650).default(30)),
  /** Signing secret of the webhook endpoint (`whsec_…`). */
  STRIPE_WEBHOOK_SECRET: z.preprocess(emptyToUndefined, z.string().default('whsec_emulator')),
  /** Where the browser loads Stripe.js from; unset ⇒ Stripe's own script. */
  STRIPE_JS_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  /**
   * `true`: every new Stripe customer gets its own test clock, so specs can move its time (the e2e
   * suite against a Stripe sandbox, E2E_STRIPE=live-test). Test-mode keys only.
   */
  STRIPE_TEST_CLOCKS: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('false').transform((v) => v === 'true')),
  /**
   * The app's public origin, for the pages Stripe sends customers back to. Required in production
   * against real Stripe; derived from PORT otherwise (the embedded default).
   */
  APP_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  /** Set by `next start -p`. */
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
  /** Sign-ups allowed from one client address per 15 minutes (each costs two deliberately slow hashes). */
  SIGN_UPS_PER_ADDRESS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(10)),
  /**
   * Stripe-calling actions one customer (or admin) may start per 15 minutes, per kind, as
   * `kind=count` pairs ("checkout=10,payment=20"). Kinds left out keep their defaults
   * (`actionLimitDefaults`), far above what an honest customer does.
   */
  ACTION_LIMITS: z.preprocess(emptyToUndefined, z.string().default('')).transform((value, context) => {
    const limits: Record<ActionKind, number> = { ...actionLimitDefaults };
    for (const pair of value.split(',').map((p) => p.trim()).filter(Boolean)) {
      const [kind, count] = pair.split('=').map((p) => p.trim());
      if (!Object.hasOwn(actionLimitDefaults, kind) || !/^[1-9]\d{0,6}$/.test(count ?? '')) {
        context.addIssue({ code: 'custom', message: `not a known kind with a positive count: "${pair}" (kinds: ${Object.keys(actionLimitDefaults).join(', ')})` });
      } else {
        limits[kind as ActionKind] = Number(count);
      }
    }
    return limits;
  }),
  /**
   * Proxies whose X-Forwarded-For entries are believed: how many sit in front of the app ("1"), or
   * their addresses ("10.0.0.2,10.0.0.3"). Unset ⇒ none: the socket address is the client's.
   */
  TRUSTED_PROXIES: z.preprocess(emptyToUndefined, z.string().default('0')).transform((value, context) => {
    if (/^\d+$/.test(value.trim())) return { hops: Number(value.trim()) };
    const addresses = value.split(',').map((a) => a.trim().toLowerCase()).filter(Boolean);
    const invalid = addresses.filter((a) => !isIP(a));
    if (invalid.length) context.addIssue({ code: 'custom', message: `not a hop count or IP addresses: ${invalid.join(', ')}` });
    return { addresses: new Set(addresses) };
  }),
});

/** The emulator's default address: used when neither a key nor an API base is configured (the embedded default). */
export const EMULATOR_DEFAULT_BASE = 'http://127.0.0.1:12111';

const withDefaults = schema
  .transform((config) => ({
    ...config,
    STRIPE_API_BASE:
      config.STRIPE_API_BASE ?? (config.STRIPE_SECRET_KEY === 'sk_test_emulator' ? EMULATOR_DEFAULT_BASE : undefined),
  }))
  .transform((config, context) => {
    // Never derived from request headers: a forged Host or X-Forwarded-Host would otherwise choose
    // where Stripe sends customers after paying.
    if (config.STRIPE_TEST_CLOCKS && !config.STRIPE_SECRET_KEY.startsWith('sk_test_')) {
      context.addIssue({ code: 'custom', path: ['STRIPE_TEST_CLOCKS'], message: 'test clocks exist in test mode only (an sk_test_… key)' });
    }
    if (!config.APP_URL && config.NODE_ENV === 'production' && !config.STRIPE_API_BASE) {
      context.addIssue({ code: 'custom', path: ['APP_URL'], message: 'required in production (the public origin, e.g. https://billing.example.com)' });
    }
    return { ...config, APP_URL: new URL(config.APP_URL ?? `http://localhost:${config.PORT}`).origin };
  });

export type Env = z.infer<typeof withDefaults>;

let cached: Env | undefined;

/** Parsed configuration. Lazy so that `next build` never needs runtime secrets. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Validates a set of environment variables, or throws listing every problem. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = withDefaults.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment configuration: ${problems}`);
  }
  return parsed.data;
}
