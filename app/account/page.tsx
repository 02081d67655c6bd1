import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { PageHeading } from '@/components/page-heading';

export const metadata: Metadata = { title: 'Account' };

const memberSince = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });

export default async function AccountPage() {
  const user = await requireUser();
  const details = [
    { label: 'Email', value: user.email },
    { label: 'Role', value: user.role === 'admin' ? 'Admin' : 'Customer' },
    { label: 'Member since', value: memberSince.format(user.createdAt) },
  ];
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <PageHeading title="Account">Your profile.</PageHeading>
      <section aria-labelledby="profile-heading" className="mt-8 max-w-2xl rounded-xl border border-slate-200 bg-white shadow-sm">
        <h2 id="profile-heading" className="border-b border-slate-200 px-6 py-4 font-semibold text-slate-900">
          Profile
        </h2>
        <dl className="divide-y divide-slate-100">
          {details.map(({ label, value }) => (
            <div key={label} className="grid gap-1 px-6 py-4 sm:grid-cols-3 sm:gap-4">
              <dt className="text-sm font-medium text-slate-500">{label}</dt>
              <dd className="break-all text-sm text-slate-900 sm:col-span-2">{value}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
