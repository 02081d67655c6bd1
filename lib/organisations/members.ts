// Who belongs to an organisation and with which role, and the changes owners and admins make:
// change a role, remove someone, leave, transfer ownership. Every change that could touch the
// owner runs under the organisation's lock, so an organisation always has exactly one owner (the
// partial unique index `memberships_one_owner_idx` refuses a second; the code refuses a zeroth).
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { memberships, organisations, users, type OrganisationRole } from '@/lib/db/schema';
import { UserError } from '@/lib/errors';
import { hasOrganisationRole } from '@/lib/auth/roles';

export interface OrganisationMembership {
  id: string;
  name: string;
  personal: boolean;
  role: OrganisationRole;
}

/** How an organisation is named to a member: "Personal" for their own, its name for anyone else's. */
export function organisationLabel(organisation: Pick<OrganisationMembership, 'name' | 'personal' | 'role'>): string {
  return isOwnPersonal(organisation) ? 'Personal' : organisation.name;
}

/** The member's own personal organisation (someone else's personal one, joined by invitation, is not). */
export function isOwnPersonal(organisation: Pick<OrganisationMembership, 'personal' | 'role'>): boolean {
  return organisation.personal && organisation.role === 'owner';
}

export interface Member {
  userId: string;
  email: string;
  name: string | null;
  role: OrganisationRole;
  joinedAt: Date;
}

/** The organisations a user belongs to: their personal one first, then by name. */
export async function organisationsOf(db: Database, userId: string): Promise<OrganisationMembership[]> {
  return db
    .select({ id: organisations.id, name: organisations.name, personal: organisations.personal, role: memberships.role })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId))
    .orderBy(sql`${organisations.personal} desc`, asc(organisations.name), asc(organisations.id));
}

/**
 * The organisation a request acts for: the one asked for (the switcher's cookie) when the user is a
 * member of it, otherwise their personal organisation (or, failing that, their first). Never trusts
 * the id it is given: membership is checked here, on every request.
 */
export async function currentOrganisation(db: Database, userId: string, wanted: string | null | undefined): Promise<OrganisationMembership | null> {
  const all = await organisationsOf(db, userId);
  return all.find((o) => o.id === wanted) ?? all[0] ?? null;
}

export async function membersOf(db: Database, organisationId: string): Promise<Member[]> {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organisationId, organisationId))
    .orderBy(sql`case ${memberships.role} when 'owner' then 0 when 'admin' then 1 else 2 end`, asc(users.email));
}

export async function memberCount(db: Database, organisationId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(memberships).where(eq(memberships.organisationId, organisationId));
  return row?.n ?? 0;
}

/** A new (non-personal) organisation, owned by its creator. */
export async function createOrganisation(db: Database, ownerId: string, name: string): Promise<string> {
  return db.transaction(async (tx) => {
    const [created] = await tx.insert(organisations).values({ name: name.trim() }).returning({ id: organisations.id });
    await tx.insert(memberships).values({ organisationId: created.id, userId: ownerId, role: 'owner' });
    return created.id;
  });
}

/** Runs `work` holding the organisation's lock: membership changes of one organisation take turns. */
export async function withOrganisationLock<T>(db: Database, organisationId: string, work: (tx: Database) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`paydesk:organisation:${organisationId}`}, 0))`);
    return work(tx as unknown as Database);
  });
}

async function roleOf(db: Database, organisationId: string, userId: string): Promise<OrganisationRole | null> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)));
  return row?.role ?? null;
}

interface Acting {
  organisationId: string;
  /** The member making the change and their role (already checked to be at least admin). */
  actorId: string;
  actorRole: OrganisationRole;
}

/** Makes a member an admin or a plain member. The owner's role only changes by a transfer. */
export async function changeRole(db: Database, acting: Acting, targetId: string, role: 'admin' | 'member'): Promise<void> {
  await withOrganisationLock(db, acting.organisationId, async (tx) => {
    const current = await roleOf(tx, acting.organisationId, targetId);
    if (!current) throw new UserError('That person is not a member of this organisation.');
    if (current === 'owner') throw new UserError('The owner stays the owner until they transfer ownership.');
    requireAdmin(acting);
    await tx.update(memberships).set({ role }).where(and(eq(memberships.organisationId, acting.organisationId), eq(memberships.userId, targetId)));
  });
}

/** Removes a member (not the owner). Answers whether someone was removed. */
export async function removeMember(db: Database, acting: Acting, targetId: string): Promise<void> {
  await withOrganisationLock(db, acting.organisationId, async (tx) => {
    const current = await roleOf(tx, acting.organisationId, targetId);
    if (!current) throw new UserError('That person is not a member of this organisation.');
    if (current === 'owner') throw new UserError('The owner cannot be removed. Transfer ownership first.');
    if (targetId === acting.actorId) throw new UserError('To remove yourself, leave the organisation.');
    requireAdmin(acting);
    await tx.delete(memberships).where(and(eq(memberships.organisationId, acting.organisationId), eq(memberships.userId, targetId)));
  });
}

/** The signed-in member leaves. The owner must transfer ownership first. */
export async function leaveOrganisation(db: Database, organisationId: string, userId: string): Promise<void> {
  await withOrganisationLock(db, organisationId, async (tx) => {
    const current = await roleOf(tx, organisationId, userId);
    if (!current) throw new UserError('You are not a member of this organisation.');
    if (current === 'owner') throw new UserError('You own this organisation: transfer ownership to another member before you leave.');
    await tx.delete(memberships).where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)));
  });
}

/**
 * Hands ownership to another member: the owner becomes an admin and the new owner takes over, in
 * one transaction under the lock (demoted first, so the one-owner index never sees two).
 */
export async function transferOwnership(db: Database, organisationId: string, ownerId: string, newOwnerId: string): Promise<void> {
  await withOrganisationLock(db, organisationId, async (tx) => {
    if ((await roleOf(tx, organisationId, ownerId)) !== 'owner') throw new UserError('Only the owner can transfer ownership.');
    if (newOwnerId === ownerId) throw new UserError('You already own this organisation.');
    if (!(await roleOf(tx, organisationId, newOwnerId))) throw new UserError('Ownership can only go to a member of this organisation.');
    const [organisation] = await tx.select({ personal: organisations.personal }).from(organisations).where(eq(organisations.id, organisationId));
    if (organisation?.personal) throw new UserError('A personal organisation stays with its owner.');
    await tx.update(memberships).set({ role: 'admin' }).where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, ownerId)));
    await tx.update(memberships).set({ role: 'owner' }).where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, newOwnerId)));
  });
}

function requireAdmin(acting: Acting): void {
  if (!hasOrganisationRole(acting.actorRole, 'admin')) throw new UserError('Only owners and admins can change the team.');
}
