// The top bar: brand, main links, and the signed-in state (with Admin for admins only, and the
// organisation switcher for people in more than one).
import Link from 'next/link';
import { getCurrentMember } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { organisationLabel, organisationsOf } from '@/lib/organisations/members';
import { isAdmin } from '@/lib/auth/roles';
import { signOutAction } from '@/app/(auth)/actions';
import { Logo } from './logo';
import { buttonClasses } from '@/components/ui/button-classes';
import { NavLink } from './nav-link';
import { OrganisationSwitcher } from './organisation-switcher';

export async function SiteHeader() {
  const user = await getCurrentMember();
  const organisations = user ? await organisationsOf(await getDb(), user.id) : [];
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-(--site-width) flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="flex items-center gap-2 rounded-md text-lg font-semibold tracking-tight text-slate-900">
          <Logo className="size-7" />
          Paydesk
        </Link>
        <nav aria-label="Main" className="-ml-3 flex flex-wrap items-center gap-1 sm:ml-0">
          <NavLink href="/pricing">Pricing</NavLink>
          {user ? (
            <>
              <NavLink href="/account">Account</NavLink>
              <NavLink href="/team">Team</NavLink>
              {isAdmin(user) && (
                <NavLink href="/admin">Admin</NavLink>
              )}
              {organisations.length > 1 && (
                <OrganisationSwitcher organisations={organisations.map((o) => ({ id: o.id, label: organisationLabel(o) }))} current={user.organisation.id} />
              )}
              <span className="mx-2 hidden max-w-64 truncate text-sm text-slate-500 md:inline" data-testid="signed-in-email">
                {user.email}
              </span>
              <form action={signOutAction}>
                <button type="submit" className={buttonClasses('secondary', 'sm')}>
                  Sign out
                </button>
              </form>
            </>
          ) : (
            <>
              <NavLink href="/sign-in">Sign in</NavLink>
              <Link href="/sign-up" className={buttonClasses('primary', 'sm')}>
                Sign up
              </Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
