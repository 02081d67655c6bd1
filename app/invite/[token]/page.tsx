import type { Metadata } from 'next';
import Link from 'next/link';
import { getCurrentUser } from '@/lib/auth/session';
import { ActionForm } from '@/components/ui/action-form';
import { buttonClasses } from '@/components/ui/button-classes';
import { NoticeCard } from '@/components/ui/notice-card';
import { getDb } from '@/lib/db/client';
import { invitationForToken, invitationRefusals } from '@/lib/organisations/invitations';
import { acceptInvitationAction } from '@/app/team/actions';

export const metadata: Metadata = { title: 'Invitation' };

/** An invitation link: who invites whom, then sign up or sign in as the invited email, then join. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = token.length >= 20 && token.length <= 100 ? await invitationForToken(await getDb(), token) : null;
  if (!invitation) {
    return <NoticeCard title="This invitation link is not valid">Check that you copied the whole link, or ask for a new one.</NoticeCard>;
  }
  if (invitation.state !== 'pending') return <NoticeCard title="This invitation cannot be used">{invitationRefusals[invitation.state]}</NoticeCard>;
  const user = await getCurrentUser();
  const here = `/invite/${token}`;
  const title = `Join ${invitation.organisationName}`;
  if (!user) {
    return (
      <NoticeCard title={title}>
        <p>
          You are invited as {invitation.role === 'admin' ? 'an admin' : 'a member'}. Sign up or sign in as <strong>{invitation.email}</strong> to accept.
        </p>
        <div className="mt-4 flex flex-wrap gap-3">
          <Link href={`/sign-up?${new URLSearchParams({ callbackUrl: here })}`} className={buttonClasses()}>
            Sign up to accept
          </Link>
          <Link href={`/sign-in?${new URLSearchParams({ callbackUrl: here })}`} className={buttonClasses('secondary')}>
            Sign in to accept
          </Link>
        </div>
      </NoticeCard>
    );
  }
  if (user.email !== invitation.email) {
    return (
      <NoticeCard title="This invitation is for someone else">
        <p>
          It was sent to <strong>{invitation.email}</strong>, and you are signed in as <strong>{user.email}</strong>. Sign out, then sign in or sign up as {invitation.email} to accept it.
        </p>
      </NoticeCard>
    );
  }
  return (
    <NoticeCard title={title}>
      <p>You are invited as {invitation.role === 'admin' ? 'an admin' : 'a member'}. Its plan becomes yours to use; you can switch organisations from the header.</p>
      <div className="mt-4">
        <ActionForm action={acceptInvitationAction} fields={{ token }} label="Accept invitation" pendingLabel="Joining…" />
      </div>
    </NoticeCard>
  );
}
