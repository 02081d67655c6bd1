// Email + password sign-in: throttling, verification and ADMIN_EMAILS promotion in one place, used
// by the next-auth Credentials provider (and testable without next-auth).
import { eq } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { users, type User } from '@/lib/db/schema';
import { verifyAgainstNothing, verifyPassword } from './password';
import { roleAtSignIn } from './roles';
import { clearFailures, lockRemainingMs, minutesUntil, recordFailure, throttleKeysFor } from './throttle';

export type AuthenticationResult =
  | { ok: true; user: Pick<User, 'id' | 'email' | 'name' | 'role'> }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterMinutes: number };

export interface AuthenticationAttempt {
  email: string;
  password: string;
  clientIp: string | null;
  adminEmails: readonly string[];
  now?: Date;
}

export async function authenticate(db: Database, attempt: AuthenticationAttempt): Promise<AuthenticationResult> {
  const now = attempt.now ?? new Date();
  const email = attempt.email.trim().toLowerCase();
  const keys = throttleKeysFor(email, attempt.clientIp);

  const locked = await lockRemainingMs(db, keys.all, now);
  if (locked > 0) return { ok: false, reason: 'throttled', retryAfterMinutes: minutesUntil(locked) };

  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  const valid = user?.passwordHash
    ? await verifyPassword(attempt.password, user.passwordHash)
    : await verifyAgainstNothing(attempt.password);

  if (!user || !valid) {
    const lockedNow = await recordFailure(db, keys.all, now);
    return lockedNow > 0 ? { ok: false, reason: 'throttled', retryAfterMinutes: minutesUntil(lockedNow) } : { ok: false, reason: 'invalid' };
  }

  // Only the email's count resets: clearing the address's count too would let one valid account
  // wipe the slate for a script guessing other accounts' passwords from the same address.
  await clearFailures(db, keys.email);
  const role = await applyAdminEmails(db, user, attempt.adminEmails);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role } };
}

/** Promotes the user if ADMIN_EMAILS lists them; returns the role they now have. */
export async function applyAdminEmails(db: Database, user: Pick<User, 'id' | 'email' | 'role'>, adminEmails: readonly string[]) {
  const role = roleAtSignIn(user.email, user.role, adminEmails);
  if (role !== user.role) await db.update(users).set({ role }).where(eq(users.id, user.id));
  return role;
}
