// Failed sign-in counting, stored in `sign_in_throttle` so every app instance sees the same counts.
import { and, eq, gt, inArray, max, sql } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { signInThrottle } from '@/lib/db/schema';

export const throttleWindowMs = 15 * 60_000;
export const lockoutMs = 15 * 60_000;

export interface ThrottleKey {
  key: string;
  /** Failures within the window that lock the key. */
  maxFailures: number;
}

/**
 * Five failures lock an email. A client address gets more room because many people can share one
 * (offices, mobile carriers, the app's own tests): it stops a script trying many emails without
 * locking out everyone behind a shared address after five typos.
 */
export function throttleKeysFor(email: string, clientIp: string | null): { email: ThrottleKey; all: ThrottleKey[] } {
  const emailKey = { key: `email:${email.trim().toLowerCase()}`, maxFailures: 5 };
  const all = clientIp ? [emailKey, { key: `ip:${clientIp}`, maxFailures: 20 }] : [emailKey];
  return { email: emailKey, all };
}

/** Milliseconds until the longest lock on any of the keys ends; 0 when none is locked. */
export async function lockRemainingMs(db: Database, keys: ThrottleKey[], now = new Date()): Promise<number> {
  const [row] = await db
    .select({ until: max(signInThrottle.lockedUntil) })
    .from(signInThrottle)
    .where(and(inArray(signInThrottle.key, keys.map((k) => k.key)), gt(signInThrottle.lockedUntil, now)));
  return row?.until ? Math.max(0, row.until.getTime() - now.getTime()) : 0;
}

/**
 * Counts one failure against each key in a single atomic upsert per key (safe with concurrent
 * attempts on several instances) and returns how long the keys are now locked for (0 if not).
 */
export async function recordFailure(db: Database, keys: ThrottleKey[], now = new Date()): Promise<number> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const windowExpired = sql`${signInThrottle.windowStartedAt} <= ${new Date(now.getTime() - throttleWindowMs).toISOString()}::timestamptz`;
  const failures = sql`case when ${windowExpired} then 1 else ${signInThrottle.failures} + 1 end`;
  const lockUntil = new Date(now.getTime() + lockoutMs);
  for (const { key, maxFailures } of keys) {
    await db
      .insert(signInThrottle)
      .values({ key, failures: 1, windowStartedAt: now, lockedUntil: maxFailures <= 1 ? lockUntil : null })
      .onConflictDoUpdate({
        target: signInThrottle.key,
        set: {
          failures,
          windowStartedAt: sql`case when ${windowExpired} then ${at} else ${signInThrottle.windowStartedAt} end`,
          lockedUntil: sql`case when ${failures} >= ${maxFailures} then ${lockUntil.toISOString()}::timestamptz else null end`,
        },
      });
  }
  return lockRemainingMs(db, keys, now);
}

/** Forgets the failures of one key (after a successful sign-in). */
export async function clearFailures(db: Database, key: ThrottleKey): Promise<void> {
  await db.delete(signInThrottle).where(eq(signInThrottle.key, key.key));
}

export function minutesUntil(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}
