// Invitations by link: bound to one email, single use, expiring, revocable. The link carries a
// random token; only its SHA-256 is stored, so the table cannot be turned back into working links.
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '@/lib/db/client';
import { invitations, memberships, organisations, users, type InvitableRole } from '@/lib/db/schema';
import { UserError } from '@/lib/errors';

export const invitationLifetimeMs = 7 * 24 * 60 * 60 * 1000;

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface PendingInvitation {
  id: string;
  email: string;
  role: InvitableRole;
  createdAt: Date;
  expiresAt: Date;
}

/** Invitations still waiting for an answer (not accepted, revoked or expired). */
export async function pendingInvitations(db: Database, organisationId: string, now = new Date()): Promise<PendingInvitation[]> {
  return db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, createdAt: invitations.createdAt, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(and(eq(invitations.organisationId, organisationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
    .orderBy(desc(invitations.createdAt));
}

/**
 * Invites `email` with `role` and answers the token for the link (shown once). Refuses someone
 * already a member or already invited.
 */
export async function createInvitation(
  db: Database,
  input: { organisationId: string; email: string; role: InvitableRole; invitedBy: string; now?: Date },
): Promise<{ id: string; token: string }> {
  const email = input.email.trim().toLowerCase();
  const now = input.now ?? new Date();
  const [member] = await db
    .select({ id: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, input.organisationId), eq(users.email, email)));
  if (member) throw new UserError(`${email} is already a member.`);
  if ((await pendingInvitations(db, input.organisationId, now)).some((i) => i.email === email)) {
    throw new UserError(`${email} is already invited. Revoke that invitation to send a new one.`);
  }
  const token = randomBytes(32).toString('base64url');
  const [created] = await db
    .insert(invitations)
    .values({
      organisationId: input.organisationId,
      email,
      role: input.role,
      tokenHash: hashInvitationToken(token),
      invitedBy: input.invitedBy,
      createdAt: now,
      expiresAt: new Date(now.getTime() + invitationLifetimeMs),
    })
    .returning({ id: invitations.id });
  return { id: created.id, token };
}

/** Revokes a pending invitation of this organisation (an id from elsewhere is not found). */
export async function revokeInvitation(db: Database, organisationId: string, invitationId: string, now = new Date()): Promise<void> {
  const revoked = await db
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.id, invitationId), eq(invitations.organisationId, organisationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  if (revoked.length === 0) throw new UserError('That invitation is no longer pending.');
}

export type InvitationState = 'pending' | 'accepted' | 'revoked' | 'expired';

export interface InvitationForLink {
  id: string;
  organisationId: string;
  organisationName: string;
  email: string;
  role: InvitableRole;
  state: InvitationState;
  expiresAt: Date;
}

/** The invitation a link's token names, or null for a token that matches nothing. */
export async function invitationForToken(db: Database, token: string, now = new Date()): Promise<InvitationForLink | null> {
  const [row] = await db
    .select({
      id: invitations.id,
      organisationId: invitations.organisationId,
      organisationName: organisations.name,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
    })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .where(eq(invitations.tokenHash, hashInvitationToken(token)));
  if (!row) return null;
  const state: InvitationState = row.acceptedAt ? 'accepted' : row.revokedAt ? 'revoked' : row.expiresAt <= now ? 'expired' : 'pending';
  return { id: row.id, organisationId: row.organisationId, organisationName: row.organisationName, email: row.email, role: row.role, state, expiresAt: row.expiresAt };
}

/** Why a link that is no longer pending cannot be used, in the words its visitor reads. */
export const invitationRefusals: Record<Exclude<InvitationState, 'pending'>, string> = {
  accepted: 'This invitation has already been used.',
  revoked: 'This invitation was revoked. Ask for a new one.',
  expired: 'This invitation has expired. Ask for a new one.',
};

/**
 * Accepts the invitation for the signed-in user: only the account with the invited email can, and
 * only once (the row is locked, then stamped, in the same transaction that adds the membership).
 * Answers the organisation joined.
 */
export async function acceptInvitation(db: Database, token: string, user: { id: string; email: string }, now = new Date()): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(eq(invitations.tokenHash, hashInvitationToken(token)))
      .for('update');
    if (!row) throw new UserError('This invitation link is not valid.');
    const invitation = (await invitationForToken(tx as unknown as Database, token, now))!;
    if (invitation.state !== 'pending') throw new UserError(invitationRefusals[invitation.state]);
    if (invitation.email !== user.email.trim().toLowerCase()) {
      throw new UserError(`This invitation is for ${invitation.email}. Sign in with that email to accept it.`);
    }
    await tx.insert(memberships).values({ organisationId: invitation.organisationId, userId: user.id, role: invitation.role }).onConflictDoNothing();
    await tx.update(invitations).set({ acceptedAt: now, acceptedBy: user.id }).where(eq(invitations.id, invitation.id));
    return invitation.organisationId;
  });
}

/** How many seats pending invitations hold (an invited person counts as a seat until they answer). */
export async function pendingInvitationCount(db: Database, organisationId: string, now = new Date()): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(invitations)
    .where(and(eq(invitations.organisationId, organisationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)));
  return Number(row?.n ?? 0);
}
