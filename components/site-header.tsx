// The top bar: brand, main links, and the signed-in state (with Admin for admins only).
import Link from 'next/link';
import { getCurrentUser } from '@/lib/auth/session';
import { isAdmin } from '@/lib/auth/roles';
import { signOutAction } from '@/app/(auth)/actions';
import { Logo } from './logo';
import { buttonClasses } from './button-classes';

const linkClasses = 'rounded-md px-3 py-2 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900';

export async function SiteHeader() {
  const user = await getCurrentUser();
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="flex items-center gap-2 rounded-md text-lg font-semibold tracking-tight text-slate-900">
          <Logo className="size-7" />
          Paydesk
        </Link>
        <nav aria-label="Main" className="flex flex-wrap items-center gap-1">
          <Link href="/pricing" className={linkClasses}>
            Pricing
          </Link>
          {user ? (
            <>
              <Link href="/account" className={linkClasses}>
                Account
              </Link>
              {isAdmin(user) && (
                <Link href="/admin" className={linkClasses}>
                  Admin
                </Link>
              )}
              <span className="mx-2 hidden max-w-56 truncate text-sm text-slate-500 md:inline" data-testid="signed-in-email">
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
              <Link href="/sign-in" className={linkClasses}>
                Sign in
              </Link>
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
