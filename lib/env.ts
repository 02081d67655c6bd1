// Server configuration, read from the environment once and validated at the boundary.
import { z } from 'zod';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

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
  /** Signing secret of the webhook endpoint (`whsec_…`). */
  STRIPE_WEBHOOK_SECRET: z.preprocess(emptyToUndefined, z.string().default('whsec_emulator')),
  /** Where the browser loads Stripe.js from; unset ⇒ Stripe's own script. */
  STRIPE_JS_URL: z.preprocess(emptyToUndefined, z.url().optional()),
});

/** The emulator's default address: used when neither a key nor an API base is configured (the embedded default). */
export const EMULATOR_DEFAULT_BASE = 'http://127.0.0.1:12111';

const withDefaults = schema.transform((config) => ({
  ...config,
  STRIPE_API_BASE:
    config.STRIPE_API_BASE ?? (config.STRIPE_SECRET_KEY === 'sk_test_emulator' ? EMULATOR_DEFAULT_BASE : undefined),
}));

export type Env = z.infer<typeof withDefaults>;

let cached: Env | undefined;

/** Parsed configuration. Lazy so that `next build` never needs runtime secrets. */
export function env(): Env {
  if (!cached) {
    const parsed = withDefaults.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new Error(`Invalid environment configuration: ${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}
