// Who is signed in, and the checks every protected page, server action and route handler makes.
// The JWT only says who someone is: the role is re-read from the database on every request, so a
// demoted admin loses access at once.
import 'server-only';
import { cache } from 'react';
import { eq } from 'drizzle-orm';
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { getDb } from '@/lib/db/client';
import { UserError } from '@/lib/errors';
import { users, type User } from '@/lib/db/schema';
import { auth } from './index';
import { requestPathHeader } from './config';
import { isAdmin } from './roles';
import { safeCallbackUrl } from './validation';

export type CurrentUser = Pick<User, 'id' | 'email' | 'name' | 'role' | 'createdAt'>;

/** The signed-in user, or null. Cached per request, so layouts and pages share one lookup. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const db = await getDb();
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return user ?? null;
});

/** For pages: the signed-in user, or a redirect to sign-in that comes back here afterwards. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) {
    const here = safeCallbackUrl((await headers()).get(requestPathHeader));
    redirect(`/sign-in?${new URLSearchParams({ callbackUrl: here })}`);
  }
  return user;
}

/** For pages: an admin, or the 403 page (app/forbidden.tsx) for anyone else who is signed in. */
export async function requireAdmin(): Promise<CurrentUser> {
  const user = await requireUser();
  if (!isAdmin(user)) forbidden();
  return user;
}

/** Why a server action or route handler refused: 401 signed out, 403 signed in but not allowed. */
export class AccessDenied extends UserError {
  override name = 'AccessDenied';

  constructor(readonly status: 401 | 403) {
    super(status === 401 ? 'Sign in to continue.' : 'You are not allowed to do that.');
  }

  toResponse(): Response {
    return Response.json({ error: this.message }, { status: this.status });
  }
}

/** For server actions and route handlers: the signed-in user, or throws AccessDenied(401). */
export async function assertUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AccessDenied(401);
  return user;
}

/** For server actions and route handlers: an admin, or throws AccessDenied (401 or 403). */
export async function assertAdmin(): Promise<CurrentUser> {
  const user = await assertUser();
  if (!isAdmin(user)) throw new AccessDenied(403);
  return user;
}

type RouteHandler<Context> = (request: Request, context: Context) => Promise<Response>;

/** Wraps a route handler so it only runs for an admin (else 401/403 JSON). */
export function withAdmin<Context>(handler: (request: Request, context: Context, user: CurrentUser) => Promise<Response>): RouteHandler<Context> {
  return async (request, context) => {
    let user: CurrentUser;
    try {
      user = await assertAdmin();
    } catch (error) {
      if (error instanceof AccessDenied) return error.toResponse();
      throw error;
    }
    return handler(request, context, user);
  };
}
