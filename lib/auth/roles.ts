// Who may do what. Pure functions, so the rules are testable without a session or a database.
import type { UserRole } from '@/lib/db/schema';

export type { UserRole };

export function isAdmin(user: { role: UserRole } | null | undefined): boolean {
  return user?.role === 'admin';
}

/**
 * The role a user should have when they sign in: ADMIN_EMAILS promotes, but never demotes
 * (an admin from the seed or promoted earlier keeps the role until someone changes it).
 */
export function roleAtSignIn(email: string, storedRole: UserRole, adminEmails: readonly string[]): UserRole {
  return adminEmails.includes(email.trim().toLowerCase()) ? 'admin' : storedRole;
}
