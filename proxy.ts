// Runs before every page request (on Node): sends signed-out visitors of /account and /admin to
// sign-in, and records the requested path for requireUser(). Not a security boundary: every
// protected page, action and route handler checks with lib/auth/session.ts itself.
import NextAuth from 'next-auth';
import { NextResponse } from 'next/server';
import { authConfig, requestPathHeader } from '@/lib/auth/config';

const { auth } = NextAuth(authConfig);

const protectedPrefixes = ['/account', '/admin'];

function isProtected(pathname: string): boolean {
  return protectedPrefixes.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

export const proxy = auth((request) => {
  const { pathname, search } = request.nextUrl;
  if (!request.auth && isProtected(pathname)) {
    const signIn = new URL('/sign-in', request.nextUrl);
    signIn.searchParams.set('callbackUrl', `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }
  const headers = new Headers(request.headers);
  headers.set(requestPathHeader, `${pathname}${search}`);
  return NextResponse.next({ request: { headers } });
});

export const config = {
  // Pages only: not static assets, images, or the auth and Stripe API routes.
  matcher: ['/((?!_next/static|_next/image|api/|favicon.ico|icon.svg|robots.txt).*)'],
};
