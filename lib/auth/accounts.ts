// Creating user rows: password sign-up, and first sign-in through an OAuth provider.
import { count, eq } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { users, type User, type UserRole } from '@/lib/db/schema';
import { hashPassword } from './password';
import { applyAdminEmails } from './credentials';

export type AccountUser = Pick<User, 'id' | 'email' | 'name' | 'role' | 'sessionVersion'>;

const accountColumns = { id: users.id, email: users.email, name: users.name, role: users.role, sessionVersion: users.sessionVersion };

export async function createPasswordAccount(
  db: Database,
  input: { email: string; password: string },
): Promise<{ ok: true; user: AccountUser } | { ok: false; reason: 'email-taken' }> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  // One statement, no check-then-insert race: the unique index decides who got the email.
  const [user] = await db.insert(users).values({ email, passwordHash }).onConflictDoNothing({ target: users.email }).returning(accountColumns);
  return user ? { ok: true, user } : { ok: false, reason: 'email-taken' };
}

/**
 * The user row for someone signing in through an OAuth provider, linked by (verified) email:
 * an existing account is reused, otherwise a password-less one is created.
 */
export async function findOrCreateOAuthUser(
  db: Database,
  profile: { email: string; name?: string | null },
  adminEmails: readonly string[],
): Promise<AccountUser> {
  const email = profile.email.trim().toLowerCase();
  await db.insert(users).values({ email, name: profile.name ?? null }).onConflictDoNothing({ target: users.email });
  const [user] = await db.select(accountColumns).from(users).where(eq(users.email, email)).limit(1);
  return { ...user, ...(await applyAdminEmails(db, user, adminEmails)) };
}

/** How many accounts exist per role. */
export async function countUsersByRole(db: Database): Promise<Record<UserRole, number>> {
  const counts = await db.select({ role: users.role, count: count() }).from(users).groupBy(users.role);
  const byRole: Record<UserRole, number> = { customer: 0, admin: 0 };
  for (const row of counts) byRole[row.role] = row.count;
  return byRole;
}
