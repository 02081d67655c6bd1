import type { Metadata } from 'next';
import Link from 'next/link';
import { StatusPage } from '@/components/status-page';
import { buttonClasses } from '@/components/ui/button-classes';

export const metadata: Metadata = { title: 'Not allowed' };

export default function Forbidden() {
  return (
    <StatusPage
      code="403"
      title="You are not allowed to see this page"
      action={
        <Link href="/account" className={buttonClasses('primary')}>
          Go to your account
        </Link>
      }
    >
      <p>This area is for Paydesk admins, or for the owners and admins of your organisation. If you think you should have access, ask one of them to change your role.</p>
    </StatusPage>
  );
}
