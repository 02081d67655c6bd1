// The server-side guards, with next-auth's session and Next's navigation functions stood in for:
// what matters is what each guard does for signed-out users, customers, admins and demoted admins.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { actionContext } from '@/test/support/server-actions';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DatabaseHandle } from '@/lib/db/client';
import { memberships, users } from '@/lib/db/schema';
import { freshDatabase } from '@/test/support/databases';
import { Forbidden, Redirected } from '@/test/support/next-stubs';

actionContext.path = '/admin?tab=payments';

const { AccessDenied, assertAdmin, assertMember, assertUser, getCurrentMember, requireAdmin, requireMember, requireUser, withAdmin } = await import('./session');
const { createOrganisation } = await import('@/lib/organisations/members');
const { validatedActionWithUser } = await import('./validated-action');

describe('session guards', () => {
  let handle: DatabaseHandle;
  let customerId: string;
  let adminId: string;

  beforeAll(async () => {
    handle = await freshDatabase('pglite');
    actionContext.db = handle.db;
    [{ id: customerId }] = await handle.db.insert(users).values({ email: 'customer@example.com' }).returning({ id: users.id });
    [{ id: adminId }] = await handle.db.insert(users).values({ email: 'admin@example.com', role: 'admin' }).returning({ id: users.id });
  });
  afterAll(() => handle?.close());
  beforeEach(() => {
    actionContext.session = null;
    actionContext.cookies.delete('paydesk-organisation');
  });

  const signInAs = (id: string, role: string) => {
    actionContext.session = { user: { id, role } };
  };

  it('sends signed-out visitors to sign-in, with a way back to where they were', async () => {
    await expect(requireUser()).rejects.toThrow(new Redirected('/sign-in?callbackUrl=%2Fadmin%3Ftab%3Dpayments'));
    await expect(requireAdmin()).rejects.toBeInstanceOf(Redirected);
  });

  it('shows customers the 403 page for admin pages', async () => {
    signInAs(customerId, 'customer');
    await expect(requireUser()).resolves.toMatchObject({ id: customerId, email: 'customer@example.com', role: 'customer' });
    await expect(requireAdmin()).rejects.toBeInstanceOf(Forbidden);
  });

  it('lets admins in', async () => {
    signInAs(adminId, 'admin');
    await expect(requireAdmin()).resolves.toMatchObject({ id: adminId, role: 'admin' });
  });

  it('believes the database, not the session, about the role: a demoted admin loses access at once', async () => {
    signInAs(adminId, 'admin');
    await handle.db.update(users).set({ role: 'customer' }).where(eq(users.id, adminId));
    try {
      await expect(requireAdmin()).rejects.toBeInstanceOf(Forbidden);
      await expect(assertAdmin()).rejects.toMatchObject({ status: 403 });
    } finally {
      await handle.db.update(users).set({ role: 'admin' }).where(eq(users.id, adminId));
    }
  });

  it('treats a session whose user was deleted as signed out', async () => {
    signInAs('00000000-0000-0000-0000-000000000000', 'admin');
    await expect(requireUser()).rejects.toBeInstanceOf(Redirected);
  });

  it('gives actions and route handlers 401 when signed out and 403 when not allowed', async () => {
    await expect(assertUser()).rejects.toMatchObject({ status: 401 });
    signInAs(customerId, 'customer');
    await expect(assertUser()).resolves.toMatchObject({ id: customerId });
    const error = await assertAdmin().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccessDenied);
    expect((error as InstanceType<typeof AccessDenied>).status).toBe(403);
  });

  it('answers route handlers wrapped in withAdmin with JSON 401/403, and runs them for admins', async () => {
    const handler = withAdmin(async (_request, _context: unknown, user) => Response.json({ hello: user.email }));
    const call = () => handler(new Request('http://localhost/api/x'), {});

    expect((await call()).status).toBe(401);
    signInAs(customerId, 'customer');
    const refused = await call();
    expect([refused.status, await refused.json()]).toEqual([403, { error: 'You are not allowed to do that.' }]);
    signInAs(adminId, 'admin');
    expect(await (await call()).json()).toEqual({ hello: 'admin@example.com' });
  });

  it('validates action input and loads the user once before the action body runs', async () => {
    const body = vi.fn(async ({ name }: { name: string }, user: { email: string }) => ({ success: `${name} saved by ${user.email}` }));
    const action = validatedActionWithUser({ schema: z.object({ name: z.string().min(2, 'Too short.') }), doing: 'saving' }, body);
    const form = (fields: Record<string, string>) => {
      const data = new FormData();
      for (const [key, value] of Object.entries(fields)) data.set(key, value);
      return data;
    };

    expect(await action({}, form({ name: 'Ada' }))).toEqual({ error: 'Your session has ended. Sign in again to continue.' });
    signInAs(customerId, 'customer');
    expect(await action({}, form({ name: 'A', password: 'secret value' }))).toEqual({
      fieldErrors: { name: ['Too short.'] },
      values: { name: 'A' },
    });
    expect(body).not.toHaveBeenCalled();
    expect(await action({}, form({ name: 'Ada', $ACTION_KEY: 'k' }))).toEqual({ success: 'Ada saved by customer@example.com' });
  });

  describe('organisations', () => {
    let teamId: string;
    beforeAll(async () => {
      teamId = await createOrganisation(handle.db, adminId, 'Acme');
      await handle.db.insert(memberships).values({ organisationId: teamId, userId: customerId, role: 'member' });
    });

    it('acts for the personal organisation unless the switcher asks for another the user belongs to', async () => {
      signInAs(customerId, 'customer');
      expect((await getCurrentMember())?.organisation).toMatchObject({ personal: true, role: 'owner' });
      actionContext.cookies.set('paydesk-organisation', { value: teamId });
      expect((await getCurrentMember())?.organisation).toMatchObject({ id: teamId, name: 'Acme', personal: false, role: 'member' });
    });

    it('never trusts the cookie: an organisation the user is not a member of falls back to their own', async () => {
      const [{ id: strangerId }] = await handle.db.insert(users).values({ email: 'stranger@example.com' }).returning({ id: users.id });
      signInAs(strangerId, 'customer');
      actionContext.cookies.set('paydesk-organisation', { value: teamId });
      const member = await getCurrentMember();
      expect(member?.organisation.id).not.toBe(teamId);
      expect(member?.organisation).toMatchObject({ personal: true, role: 'owner' });
    });

    it('refuses a member billing pages and billing actions, and lets owners and admins in', async () => {
      signInAs(customerId, 'customer');
      actionContext.cookies.set('paydesk-organisation', { value: teamId });
      await expect(requireMember()).resolves.toMatchObject({ organisation: { id: teamId, role: 'member' } });
      await expect(requireMember('admin')).rejects.toBeInstanceOf(Forbidden);
      await expect(assertMember('admin')).rejects.toMatchObject({ status: 403 });
      const billing = validatedActionWithUser({ schema: z.object({}), doing: 'paying' }, async () => ({ success: 'paid' }));
      const anyMember = validatedActionWithUser({ schema: z.object({}), doing: 'leaving', role: 'member' }, async (_input, user) => ({ success: user.organisation.name }));
      expect(await billing({}, new FormData())).toEqual({ error: 'You are not allowed to do that.' });
      expect(await anyMember({}, new FormData())).toEqual({ success: 'Acme' });

      signInAs(adminId, 'admin');
      expect(await billing({}, new FormData())).toEqual({ success: 'paid' });
    });

    it('believes the database about membership: a removed member loses access at once', async () => {
      const [{ id: leaverId }] = await handle.db.insert(users).values({ email: 'leaver@example.com' }).returning({ id: users.id });
      await handle.db.insert(memberships).values({ organisationId: teamId, userId: leaverId, role: 'admin' });
      signInAs(leaverId, 'customer');
      actionContext.cookies.set('paydesk-organisation', { value: teamId });
      await expect(assertMember('admin')).resolves.toMatchObject({ organisation: { id: teamId } });
      await handle.db.delete(memberships).where(and(eq(memberships.organisationId, teamId), eq(memberships.userId, leaverId)));
      expect((await assertMember('admin')).organisation).toMatchObject({ personal: true });
    });
  });
});
