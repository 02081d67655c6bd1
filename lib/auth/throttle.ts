// Attempt throttling (sign-in, sign-up, and Stripe-calling actions per customer), stored in
// `attempt_counts` so every app instance sees the same counts. Attempts are counted atomically
// *before* the work is done (a password checked, a Stripe object created), so a burst of concurrent
// attempts gets no further than a slow series would.
import { eq, sql } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { attemptCounts } from '@/lib/db/schema';
import { env, type ActionKind } from '@/lib/env';
import { UserError } from '@/lib/errors';
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
  /** Attempts within the window that still go ahead; the next ones are refused. */
  limit: number;
  /** The window's length; 15 minutes unless given. */
  windowMs?: number;
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

/**
 * Counts one attempt at a Stripe-calling action against the user's limit for its kind
 * (ACTION_LIMITS), or refuses it with a UserError before anything reaches Stripe.
 */
export async function spendActionAttempt(db: Database, userId: string, kind: ActionKind, now = new Date()): Promise<void> {
  const verdict = await countAttempt(db, [{ key: `action:${kind}:${userId}`, limit: env().ACTION_LIMITS[kind] }], now);
  if (!verdict.allowed) throw new UserError(tryAgainIn('Too many attempts in a short time.', minutesUntil(verdict.retryAfterMs)));
}

export type AttemptVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Counts one attempt against every key (one atomic upsert each, safe with concurrent attempts on
 * several instances) and says whether it may go ahead: refused once any key is past its limit in
 * its current window, until that window ends.
 */
export async function countAttempt(db: Database, keys: ThrottleKey[], now = new Date()): Promise<AttemptVerdict> {
  const at = sql`${now.toISOString()}::timestamptz`;
  let retryAfterMs = 0;
  for (const { key, limit, windowMs = throttleWindowMs } of keys) {
    const windowExpired = sql`${attemptCounts.windowStartedAt} <= ${new Date(now.getTime() - windowMs).toISOString()}::timestamptz`;
    const [row] = await db
      .insert(attemptCounts)
      .values({ key, attempts: 1, windowStartedAt: now })
      .onConflictDoUpdate({
        target: attemptCounts.key,
        set: {
          attempts: sql`case when ${windowExpired} then 1 else ${attemptCounts.attempts} + 1 end`,
          windowStartedAt: sql`case when ${windowExpired} then ${at} else ${attemptCounts.windowStartedAt} end`,
        },
      })
      .returning({ count: attemptCounts.attempts, windowStartedAt: attemptCounts.windowStartedAt });
    if (row.count > limit) {
      retryAfterMs = Math.max(retryAfterMs, row.windowStartedAt.getTime() + windowMs - now.getTime(), 1);
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
  await db.delete(attemptCounts).where(eq(attemptCounts.key, keys.pair.key));
  await db
    .update(attemptCounts)
    .set({ attempts: sql`greatest(${attemptCounts.attempts} - 1, 0)` })
    .where(eq(attemptCounts.key, keys.address.key));
}

export function minutesUntil(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}

/** "<what> Try again in N minutes." for a refused attempt. */
export function tryAgainIn(what: string, minutes: number): string {
  return `${what} Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}
