'use server';
// What the team page and the header's switcher change: which organisation the browser acts for,
// new organisations, invitations (with the seat they take), members' roles, removals, leaving and
// ownership transfers. Each runs for the signed-in member of their current organisation with the
// role it needs; ids from the browser are only ever looked up inside that organisation.
import { cookies } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { organisationCookie, type CurrentMember } from '@/lib/auth/session';
import { validatedActionWithUser } from '@/lib/auth/validated-action';
import { appUrl } from '@/lib/billing/app-url';
import { buySeat, claimPaidSeat, followSeats } from '@/lib/billing/seats';
import { getDb } from '@/lib/db/client';
import { invitableRoles } from '@/lib/db/schema';
import { UserError } from '@/lib/errors';
import { acceptInvitation, createInvitation, revokeInvitation } from '@/lib/organisations/invitations';
import { changeRole, createOrganisation, leaveOrganisation, organisationsOf, removeMember, transferOwnership } from '@/lib/organisations/members';
import { attemptIdSchema } from '@/lib/stripe/ids';

const id = z.guid('This page is out of date. Reload it and try again.');
const acting = (user: CurrentMember) => ({ organisationId: user.organisation.id, actorId: user.id, actorRole: user.organisation.role });

async function actFor(organisationId: string): Promise<void> {
  (await cookies()).set(organisationCookie, organisationId, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 60 * 60 * 24 * 365 });
}

export const switchOrganisationAction = validatedActionWithUser(
  { schema: z.object({ organisationId: id }), doing: 'switching organisation', role: 'member', scope: 'team' },
  async ({ organisationId }, user) => {
    if (!(await organisationsOf(await getDb(), user.id)).some((o) => o.id === organisationId)) throw new UserError('You are not a member of that organisation.');
    await actFor(organisationId);
    return { redirectTo: '/account' };
  },
);

export const createOrganisationAction = validatedActionWithUser(
  { schema: z.object({ name: z.string().trim().min(2, 'Give it a name of at least 2 characters.').max(80, 'Keep the name under 80 characters.') }), doing: 'creating the organisation', role: 'member', scope: 'team' },
  async ({ name }, user) => {
    await actFor(await createOrganisation(await getDb(), user.id, name));
    return { redirectTo: '/team?updated=created' };
  },
);

const invitation = z.object({
  email: z.email('Enter the email address to invite.').trim().toLowerCase().max(254),
  role: z.enum(invitableRoles, 'Choose a role.'),
});

/**
 * Invites someone. On a per-seat plan the invitation takes a free seat (paid this period); when none
 * is free the owner is sent to the page that shows the prorated charge before one is bought.
 */
export const inviteAction = validatedActionWithUser(
  { schema: invitation, doing: 'inviting', scope: 'team', limit: 'plan', keep: ({ email, role }) => ({ email, role }) },
  async ({ email, role }, user) => {
    const created = await inviteOnPaidSeat(user, email, role);
    if (!created) return { redirectTo: `/team/seats?${new URLSearchParams({ email, role })}` };
    return invited(email, created.claimed.token);
  },
);

/** Buys the extra seat at the previewed prorated charge (invoiced now), then invites on it. */
export const inviteWithNewSeatAction = validatedActionWithUser(
  { schema: invitation.extend({ prorationDate: z.coerce.number().int().positive(), attemptId: attemptIdSchema }), doing: 'adding a seat', scope: 'team', limit: 'plan' },
  async ({ email, role, prorationDate, attemptId }, user) => {
    await buySeat(user, { prorationDate, attemptId });
    const created = await inviteOnPaidSeat(user, email, role);
    // Another invitation took the seat between the purchase and this one: it was needed there.
    if (!created) throw new UserError('Another invitation took that seat just now. Invite again to see the charge for one more.');
    return invited(email, created.claimed.token);
  },
);

function inviteOnPaidSeat(user: CurrentMember, email: string, role: (typeof invitableRoles)[number]) {
  return claimPaidSeat(user, (tx) => createInvitation(tx, { organisationId: user.organisation.id, email, role, invitedBy: user.id }));
}

function invited(email: string, token: string) {
  revalidatePath('/team');
  return { success: `Invitation created for ${email}. Send them this link; it works once, for that email, for 7 days.`, link: appUrl(`/invite/${token}`) };
}

export const revokeInvitationAction = validatedActionWithUser(
  { schema: z.object({ invitationId: id }), doing: 'revoking the invitation', scope: 'team', limit: 'plan' },
  async ({ invitationId }, user) => {
    await revokeInvitation(await getDb(), user.organisation.id, invitationId);
    await followSeats(user.organisation.id);
    return { redirectTo: '/team?updated=revoked' };
  },
);

export const removeMemberAction = validatedActionWithUser(
  { schema: z.object({ userId: id }), doing: 'removing the member', scope: 'team', limit: 'plan' },
  async ({ userId }, user) => {
    await removeMember(await getDb(), acting(user), userId);
    await followSeats(user.organisation.id);
    return { redirectTo: '/team?updated=removed' };
  },
);

export const changeRoleAction = validatedActionWithUser(
  { schema: z.object({ userId: id, role: z.enum(invitableRoles) }), doing: 'changing the role', scope: 'team' },
  async ({ userId, role }, user) => {
    await changeRole(await getDb(), acting(user), userId, role);
    return { redirectTo: '/team?updated=role' };
  },
);

export const transferOwnershipAction = validatedActionWithUser(
  { schema: z.object({ userId: id }), doing: 'transferring ownership', scope: 'team', role: 'owner' },
  async ({ userId }, user) => {
    await transferOwnership(await getDb(), user.organisation.id, user.id, userId);
    return { redirectTo: '/team?updated=transferred' };
  },
);

export const leaveOrganisationAction = validatedActionWithUser(
  { schema: z.object({}), doing: 'leaving the organisation', scope: 'team', role: 'member' },
  async (_input, user) => {
    await leaveOrganisation(await getDb(), user.organisation.id, user.id);
    await followSeats(user.organisation.id);
    (await cookies()).delete(organisationCookie);
    return { redirectTo: '/account' };
  },
);

export const acceptInvitationAction = validatedActionWithUser(
  { schema: z.object({ token: z.string().min(20).max(100) }), doing: 'accepting the invitation', scope: 'team', role: 'member' },
  async ({ token }, user) => {
    await actFor(await acceptInvitation(await getDb(), token, user));
    return { redirectTo: '/team?updated=joined' };
  },
);
