// Runs before every page request (on Node): sends signed-out visitors of /account, /team and /admin to
// sign-in, and records the requested path for requireUser(). Not a security boundary: every
// protected page, action and route handler checks with lib/auth/session.ts itself.
//
// It only reads the session cookie. next-auth's `auth(handler)` wrapper would also re-issue the
// cookie on every request, and a prefetch that started before a sign-out and finished after it
// would then sign the user back in (seen in e2e/auth.spec.ts).
import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { requestPathHeader } from '@/lib/auth/config';
import { env } from '@/lib/env';
import { applySecurityHeaders } from '@/lib/security/headers';

const protectedPrefixes = ['/account', '/admin', '/team'];

function isProtected(pathname: string): boolean {
  return protectedPrefixes.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

async function isSignedIn(request: NextRequest): Promise<boolean> {
  const secret = env().AUTH_SECRET;
  if (!secret) return false; // next-auth cannot have issued a session either
  const protocol = request.headers.get('x-forwarded-proto') ?? request.nextUrl.protocol.replace(':', '');
  const token = await getToken({ req: request, secret, secureCookie: protocol === 'https' });
  return Boolean(token?.sub);
}

export async function proxy(request: NextRequest) {
  const response = await route(request);
  // CSP, HSTS and friends: per request, because the Stripe origins are runtime configuration.
  applySecurityHeaders(response.headers, env());
  return response;
}

async function route(request: NextRequest): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  if (isProtected(pathname) && !(await isSignedIn(request))) {
    const signIn = new URL('/sign-in', request.nextUrl);
    signIn.searchParams.set('callbackUrl', `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }
  const headers = new Headers(request.headers);
  headers.set(requestPathHeader, `${pathname}${search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Pages only: not static assets, images, or the auth and Stripe API routes.
  matcher: ['/((?!_next/static|_next/image|api/|favicon.ico|icon.svg|robots.txt).*)'],
};
