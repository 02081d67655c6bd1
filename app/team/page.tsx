import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { canManageBilling, hasOrganisationRole } from '@/lib/auth/roles';
import { requireMember } from '@/lib/auth/session';
import { ActionForm } from '@/components/ui/action-form';
import { FormMessage } from '@/components/ui/form-message';
import { PageHeading } from '@/components/ui/page-heading';
import { EmptyState, Panel } from '@/components/ui/panel';
import { SeatSummary } from '@/components/team/seat-summary';
import { InviteForm } from '@/components/team/invite-form';
import { CreateOrganisationForm } from '@/components/team/create-organisation-form';
import { formatDate } from '@/lib/billing/format';
import { seatsOf } from '@/lib/billing/seats';
import { getDb } from '@/lib/db/client';
import { pendingInvitations } from '@/lib/organisations/invitations';
import { isOwnPersonal, membersOf, type Member } from '@/lib/organisations/members';
import { changeRoleAction, createOrganisationAction, inviteAction, leaveOrganisationAction, removeMemberAction, revokeInvitationAction, transferOwnershipAction } from './actions';

export const metadata: Metadata = { title: 'Team' };

const roleLabels = { owner: 'Owner', admin: 'Admin', member: 'Member' } as const;

const updates: Record<string, string> = {
  created: 'Your new organisation is ready. Invite your team.',
  joined: 'You joined the organisation.',
  revoked: 'The invitation was revoked.',
  removed: 'The member was removed.',
  role: 'The role was changed.',
  transferred: 'Ownership was transferred. You are now an admin.',
};

export default async function TeamPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireMember();
  const { updated } = await searchParams;
  const db = await getDb();
  const organisation = user.organisation;
  const manages = hasOrganisationRole(organisation.role, 'admin');
  const [members, invitations, seats] = await Promise.all([
    membersOf(db, organisation.id),
    manages ? pendingInvitations(db, organisation.id) : [],
    seatsOf(organisation.id, { db }),
  ]);

  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <PageHeading title="Team">
        {isOwnPersonal(organisation) ? 'Your personal organisation' : organisation.name}: who belongs to it, with which role. You are {roleLabels[organisation.role].toLowerCase()}.
      </PageHeading>
      <div className="mt-8 max-w-3xl space-y-6">
        {typeof updated === 'string' && updates[updated] && <FormMessage success={updates[updated]} />}
        {seats && <SeatSummary seats={seats} />}
        <Panel id="members-heading" title="Members" description={`${members.length} ${members.length === 1 ? 'member' : 'members'}`}>
          <ul className="divide-y divide-slate-100" aria-label="Members">
            {members.map((member) => (
              <li key={member.userId} className="flex flex-wrap items-center justify-between gap-3 px-5 py-4" aria-label={member.email}>
                <div className="min-w-0">
                  <p className="truncate text-sm font-medium text-slate-900">
                    {member.name ?? member.email}
                    {member.userId === user.id && <span className="ml-1 font-normal text-slate-500">(you)</span>}
                  </p>
                  {member.name && <p className="truncate text-sm text-slate-500">{member.email}</p>}
                </div>
                <div className="flex flex-wrap items-center gap-2">
                  <span className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-semibold text-slate-700" data-testid="member-role">
                    {roleLabels[member.role]}
                  </span>
                  <MemberActions member={member} self={member.userId === user.id} actorRole={organisation.role} />
                </div>
              </li>
            ))}
          </ul>
        </Panel>
        {manages && (
          <Panel id="invitations-heading" title="Invitations" description="Links work once, for the invited email, for 7 days.">
            {invitations.length === 0 ? (
              <EmptyState title="No pending invitations" />
            ) : (
              <ul className="divide-y divide-slate-100" aria-label="Pending invitations">
                {invitations.map((invitation) => (
                  <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-4" aria-label={invitation.email}>
                    <div className="min-w-0">
                      <p className="truncate text-sm font-medium text-slate-900">{invitation.email}</p>
                      <p className="text-sm text-slate-500">
                        {roleLabels[invitation.role]} · expires {formatDate(invitation.expiresAt)}
                      </p>
                    </div>
                    <ActionForm action={revokeInvitationAction} fields={{ invitationId: invitation.id }} label="Revoke" pendingLabel="Revoking…" variant="secondary" accessibleName={`Revoke the invitation of ${invitation.email}`} />
                  </li>
                ))}
              </ul>
            )}
            <div className="border-t border-slate-100 px-5 py-5">
              <h3 className="mb-3 text-sm font-semibold text-slate-900">Invite someone</h3>
              {seats && canManageBilling(organisation.role) && seats.used + 1 > seats.paid && (
                <p className="mb-3 text-sm text-slate-600">Every paid seat is in use: inviting adds a seat, and we show you the prorated charge before anything is billed.</p>
              )}
              <InviteForm action={inviteAction} submitLabel="Create invitation link" />
            </div>
          </Panel>
        )}
        <Panel id="organisations-heading" title="Organisations">
          <div className="space-y-4 px-5 py-5">
            {organisation.role !== 'owner' && (
              <Row text="Leave this organisation. You lose access to its plan at once.">
                <ActionForm action={leaveOrganisationAction} label="Leave organisation" pendingLabel="Leaving…" variant="secondary" />
              </Row>
            )}
            <CreateOrganisationForm action={createOrganisationAction} />
          </div>
        </Panel>
      </div>
    </div>
  );
}

function MemberActions({ member, self, actorRole }: { member: Member; self: boolean; actorRole: Member['role'] }) {
  if (self || member.role === 'owner' || !hasOrganisationRole(actorRole, 'admin')) return null;
  const forMember = (what: string) => `${what} ${member.email}`;
  return (
    <>
      <ActionForm
        action={changeRoleAction}
        fields={{ userId: member.userId, role: member.role === 'admin' ? 'member' : 'admin' }}
        label={member.role === 'admin' ? 'Make member' : 'Make admin'}
        pendingLabel="Saving…"
        variant="secondary"
        accessibleName={forMember('Change the role of')}
      />
      {actorRole === 'owner' && (
        <ActionForm action={transferOwnershipAction} fields={{ userId: member.userId }} label="Make owner" pendingLabel="Transferring…" variant="secondary" accessibleName={forMember('Transfer ownership to')} />
      )}
      <ActionForm action={removeMemberAction} fields={{ userId: member.userId }} label="Remove" pendingLabel="Removing…" variant="secondary" accessibleName={forMember('Remove')} />
    </>
  );
}

function Row({ text, children }: { text: string; children: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-slate-600">{text}</p>
      {children}
    </div>
  );
}
