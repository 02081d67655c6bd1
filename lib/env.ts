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
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Parsed configuration. Lazy so that `next build` never needs runtime secrets. */
export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new Error(`Invalid environment configuration: ${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}
