// Server actions run in Vitest as Next runs them, against a test database: import this module
// before anything that imports an action. It stands in for what only Next provides — `server-only`,
// the cache, `redirect()` (throws `Redirected`), request headers and cookies, the session — and
// points `getDb()` at `actionContext.db`. Set `actionContext.session` to act as someone.
import { beforeEach, vi } from 'vitest';
import { Redirected } from './next-stubs';
import type { DatabaseKind } from '@/lib/db/client';
import { useDatabase } from './databases';

// Read by the stand-ins below only when called, long after this module ran (vi.mock is hoisted above it).
export const actionContext = {
  session: null as null | { user: { id: string; role: string; email?: string } },
  db: undefined as unknown,
  /** The request's cookies (the organisation switcher's among them). */
  cookies: new Map<string, { value: string }>(),
  /** The path the proxy reports for the request. */
  path: '/',
};

vi.mock('server-only', () => ({}));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('next/navigation', async () => (await import('./next-stubs')).navigation);
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ 'x-paydesk-path': actionContext.path }),
  cookies: async () => ({
    get: (name: string) => actionContext.cookies.get(name),
    set: (name: string, value: string) => actionContext.cookies.set(name, { value }),
    delete: (name: string) => actionContext.cookies.delete(name),
  }),
}));
vi.mock('@/lib/auth/index', () => ({ auth: async () => actionContext.session }));
vi.mock('@/lib/db/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/db/client')>()),
  getDb: async () => actionContext.db,
}));

/** A submitted form's fields. */
export function formData(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

/** Where an action redirected to, or `answered <its answer as JSON>` when it did not redirect. */
export async function redirectOf(run: () => Promise<unknown>): Promise<string> {
  try {
    return `answered ${JSON.stringify(await run())}`;
  } catch (error) {
    if (error instanceof Redirected) return error.message;
    throw error;
  }
}

/**
 * For one `describe` block: a fresh database of `kind` with the catalog seeded in the emulator and
 * mirrored, the one the actions use. `prices` (lookup key → price id) is filled once it is open.
 */
export function useActionDatabase(kind: DatabaseKind) {
  const prices: Record<string, string> = {};
  const handle = useDatabase(kind, {
    opened: (opened) => {
      actionContext.db = opened.db;
    },
    // Imported once the emulator runs: the Stripe client reads its address when first loaded.
    seed: async (db) => {
      const { seedCatalog } = await import('@/lib/billing/catalog');
      Object.assign(prices, (await seedCatalog({ db })).prices);
    },
  });
  beforeEach(() => {
    actionContext.db = handle.db;
  });
  return { handle, prices };
}
