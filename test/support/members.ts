// Users as billing code sees them: acting for an organisation (their personal one unless given).
import type { Database } from '@/lib/db/client';
import { currentOrganisation, type OrganisationMembership } from '@/lib/organisations/members';

export async function asMember<U extends { id: string; email: string }>(db: Database, user: U, organisationId?: string): Promise<U & { organisation: OrganisationMembership }> {
  const organisation = await currentOrganisation(db, user.id, organisationId);
  if (!organisation || (organisationId && organisation.id !== organisationId)) throw new Error(`${user.email} is not a member of ${organisationId ?? 'any organisation'}`);
  return { ...user, organisation };
}

/** The personal organisation every account gets with it. */
export async function personalOrganisationId(db: Database, userId: string): Promise<string> {
  const organisation = await currentOrganisation(db, userId, null);
  if (!organisation?.personal) throw new Error(`User ${userId} has no personal organisation`);
  return organisation.id;
}
