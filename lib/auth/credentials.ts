// Email + password sign-in: throttling, verification and ADMIN_EMAILS promotion in one place, used
// by the next-auth Credentials provider (and testable without next-auth).
import { eq } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { users, type User } from '@/lib/db/schema';
import { verifyAgainstNothing, verifyPassword } from './password';
import { roleAtSignIn } from './roles';
import { countAttempt, forgiveAttempt, minutesUntil, signInKeysFor } from './throttle';

export type AuthenticationResult =
  | { ok: true; user: Pick<User, 'id' | 'email' | 'name' | 'role' | 'sessionVersion'> }
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
  const keys = signInKeysFor(email, attempt.clientIp);

  // Counted before the password is checked, so concurrent guesses cannot all pass a check that
  // was read before any of them failed.
  const verdict = await countAttempt(db, [keys.pair, keys.address], now);
  if (!verdict.allowed) return { ok: false, reason: 'throttled', retryAfterMinutes: minutesUntil(verdict.retryAfterMs) };

  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  const valid = user?.passwordHash
    ? await verifyPassword(attempt.password, user.passwordHash)
    : await verifyAgainstNothing(attempt.password);

  if (!user || !valid) return { ok: false, reason: 'invalid' };

  await forgiveAttempt(db, keys);
  const promoted = await applyAdminEmails(db, user, attempt.adminEmails);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, ...promoted } };
}

/**
 * Promotes the user if ADMIN_EMAILS lists them; returns the role they now have and the session
 * version to sign them in at (a role change raises it, see the users trigger).
 */
export async function applyAdminEmails(
  db: Database,
  user: Pick<User, 'id' | 'email' | 'role' | 'sessionVersion'>,
  adminEmails: readonly string[],
): Promise<Pick<User, 'role' | 'sessionVersion'>> {
  const role = roleAtSignIn(user.email, user.role, adminEmails);
  if (role === user.role) return { role, sessionVersion: user.sessionVersion };
  const [updated] = await db.update(users).set({ role }).where(eq(users.id, user.id)).returning({ role: users.role, sessionVersion: users.sessionVersion });
  return updated;
}
