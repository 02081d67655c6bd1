// Who may do what. Pure functions, so the rules are testable without a session or a database.
import type { OrganisationRole, UserRole } from '@/lib/db/schema';

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

export type { OrganisationRole };

/** What a role in an organisation allows, from least to most. */
const organisationRank: Record<OrganisationRole, number> = { member: 0, admin: 1, owner: 2 };

/** Whether `role` is at least `needed` (an owner can do what an admin can; an admin what a member can). */
export function hasOrganisationRole(role: OrganisationRole, needed: OrganisationRole): boolean {
  return organisationRank[role] >= organisationRank[needed];
}

/** Owners and admins manage billing (plans, cards, portal, invoices, history, paying); members do not. */
export const billingRole: OrganisationRole = 'admin';

export function canManageBilling(role: OrganisationRole): boolean {
  return hasOrganisationRole(role, billingRole);
}
