// Who is signed in, which organisation they act for, and the checks every protected page, server
// action and route handler makes. The JWT only says who someone is: the site role and the
// organisation membership are re-read from the database on every request, so a demoted admin or a
// removed member loses access at once.
import 'server-only';
import { cache } from 'react';
import { eq } from 'drizzle-orm';
import { cookies, headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { getDb } from '@/lib/db/client';
import { UserError } from '@/lib/errors';
import { users, type OrganisationRole, type User } from '@/lib/db/schema';
import { currentOrganisation, type OrganisationMembership } from '@/lib/organisations/members';
import { auth } from './index';
import { requestPathHeader } from './config';
import { hasOrganisationRole, isAdmin } from './roles';
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

/** The cookie naming the organisation the header's switcher chose; only ever a wish, checked against memberships. */
export const organisationCookie = 'paydesk-organisation';

/** A signed-in user acting for one of their organisations, with their role in it. */
export type CurrentMember = CurrentUser & { organisation: OrganisationMembership };

/** The signed-in user and the organisation they act for (validated membership), or null. Cached per request. */
export const getCurrentMember = cache(async (): Promise<CurrentMember | null> => {
  const user = await getCurrentUser();
  if (!user) return null;
  const wanted = (await cookies()).get(organisationCookie)?.value;
  const organisation = await currentOrganisation(await getDb(), user.id, wanted);
  return organisation ? { ...user, organisation } : null;
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

/**
 * For pages: the signed-in member acting with at least `role` in their current organisation
 * (sign-in redirect when signed out, the 403 page when the role is short).
 */
export async function requireMember(role: OrganisationRole = 'member'): Promise<CurrentMember> {
  await requireUser();
  const member = await getCurrentMember();
  if (!member || !hasOrganisationRole(member.organisation.role, role)) forbidden();
  return member;
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

/** For server actions and route handlers: a member with at least `role`, or throws AccessDenied (401 or 403). */
export async function assertMember(role: OrganisationRole = 'member'): Promise<CurrentMember> {
  await assertUser();
  const member = await getCurrentMember();
  if (!member || !hasOrganisationRole(member.organisation.role, role)) throw new AccessDenied(403);
  return member;
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
