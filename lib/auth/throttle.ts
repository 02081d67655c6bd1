// Sign-in and sign-up throttling, stored in `sign_in_throttle` so every app instance sees the same
// counts. Attempts are counted atomically *before* the password is checked, so a burst of concurrent
// guesses gets no more checks than a slow series would.
import { eq, sql } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { signInThrottle } from '@/lib/db/schema';
import { networkOf } from './client-ip';

export const throttleWindowMs = 15 * 60_000;

/**
 * Attempts allowed per window. Guesses are limited per (account, address) pair, so a stranger
 * elsewhere cannot lock anyone out of their account; and per address across all accounts, so one
 * address cannot try a password on many accounts. The address limit leaves room for many people
 * behind one address (offices, mobile carriers) making the odd typo.
 */
export const throttleLimits = {
  signInPerAccountAndAddress: 5,
  signInPerAddress: 20,
} as const;

export interface ThrottleKey {
  key: string;
  /** Attempts within the window that are still checked; the next ones are refused. */
  limit: number;
}

/** Stands for every request whose address could not be told (only outside a real server). */
const unknownAddress = 'unknown';

export function signInKeysFor(email: string, clientIp: string | null): { pair: ThrottleKey; address: ThrottleKey } {
  const network = clientIp ? networkOf(clientIp) : unknownAddress;
  return {
    pair: { key: `sign-in:${email.trim().toLowerCase()}|${network}`, limit: throttleLimits.signInPerAccountAndAddress },
    address: { key: `sign-in-address:${network}`, limit: throttleLimits.signInPerAddress },
  };
}

/** Sign-ups per address and window: configurable (SIGN_UPS_PER_ADDRESS), as only the operator knows how many sign up behind one address. */
export function signUpKeyFor(clientIp: string | null, limit: number): ThrottleKey {
  return { key: `sign-up-address:${clientIp ? networkOf(clientIp) : unknownAddress}`, limit };
}

export type AttemptVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Counts one attempt against every key (one atomic upsert each, safe with concurrent attempts on
 * several instances) and says whether it may go ahead: refused once any key is past its limit in
 * its current window, until that window ends.
 */
export async function countAttempt(db: Database, keys: ThrottleKey[], now = new Date()): Promise<AttemptVerdict> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const windowExpired = sql`${signInThrottle.windowStartedAt} <= ${new Date(now.getTime() - throttleWindowMs).toISOString()}::timestamptz`;
  let retryAfterMs = 0;
  for (const { key, limit } of keys) {
    const [row] = await db
      .insert(signInThrottle)
      .values({ key, failures: 1, windowStartedAt: now })
      .onConflictDoUpdate({
        target: signInThrottle.key,
        set: {
          failures: sql`case when ${windowExpired} then 1 else ${signInThrottle.failures} + 1 end`,
          windowStartedAt: sql`case when ${windowExpired} then ${at} else ${signInThrottle.windowStartedAt} end`,
        },
      })
      .returning({ count: signInThrottle.failures, windowStartedAt: signInThrottle.windowStartedAt });
    if (row.count > limit) {
      retryAfterMs = Math.max(retryAfterMs, row.windowStartedAt.getTime() + throttleWindowMs - now.getTime(), 1);
    }
  }
  return retryAfterMs > 0 ? { allowed: false, retryAfterMs } : { allowed: true };
}

/**
 * After a successful sign-in: the pair's count is forgotten (whoever is at this address knows the
 * password), while the address only gets this attempt back, so one valid account cannot wipe the
 * slate for a script guessing other accounts' passwords from the same address.
 */
export async function forgiveAttempt(db: Database, keys: { pair: ThrottleKey; address: ThrottleKey }): Promise<void> {
  await db.delete(signInThrottle).where(eq(signInThrottle.key, keys.pair.key));
  await db
    .update(signInThrottle)
    .set({ failures: sql`greatest(${signInThrottle.failures} - 1, 0)` })
    .where(eq(signInThrottle.key, keys.address.key));
}

export function minutesUntil(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}
