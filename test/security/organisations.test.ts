// Organisations on the server, through the real actions against the emulator and both databases:
// a member is refused every billing action (and nothing reaches Stripe); ids of another
// organisation (its members, its invitations) are refused and change nothing; invitations work
// once, for their email only, until they expire or are revoked; an organisation always has exactly
// one owner.
import { beforeAll, describe, expect, it } from 'vitest';
import { actionContext, formData, useActionDatabase } from '../support/server-actions';
import { and, eq } from 'drizzle-orm';
import { invitations, memberships, users } from '@/lib/db/schema';
import { databaseKinds } from '../support/databases';
import { testStripeForFile } from '../billing/emulator';
import { Redirected } from '../support/next-stubs';

actionContext.path = '/team';

const stripe = testStripeForFile();

const form = (fields: Record<string, string>) => formData({ ...fields, attemptId: crypto.randomUUID() });

/** Runs an action as (user, organisation); a redirect is answered as `{ redirectTo }`. */
async function run(action: (state: object, data: FormData) => Promise<unknown>, fields: Record<string, string> = {}): Promise<{ error?: string; success?: string; link?: string; redirectTo?: string }> {
  try {
    return (await action({}, form(fields))) as { error?: string };
  } catch (error) {
    if (error instanceof Redirected) return { redirectTo: error.message };
    throw error;
  }
}

describe.each(databaseKinds)('organisations on the server (%s)', (kind) => {
  const { handle, prices } = useActionDatabase(kind);
  let team: typeof import('@/app/team/actions');
  let account: typeof import('@/app/account/actions');
  let pricing: typeof import('@/app/pricing/actions');
  let checkout: typeof import('@/app/checkout/actions');
  const people = { alice: '', bob: '', carol: '', mallory: '', mike: '' };
  let acme: string;
  let mallorys: string;

  const as = (who: keyof typeof people, organisation: string) => {
    actionContext.session = { user: { id: people[who], role: 'customer' } };
    actionContext.cookies.set('paydesk-organisation', { value: organisation });
  };
  const role = async (organisation: string, who: keyof typeof people) =>
    (await handle.db.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.organisationId, organisation), eq(memberships.userId, people[who]))))[0]?.role ?? null;

  beforeAll(async () => {
    team = await import('@/app/team/actions');
    account = await import('@/app/account/actions');
    pricing = await import('@/app/pricing/actions');
    checkout = await import('@/app/checkout/actions');
    for (const name of Object.keys(people) as (keyof typeof people)[]) {
      const [row] = await handle.db.insert(users).values({ email: `${name}-${kind}@example.com` }).returning();
      people[name] = row.id;
    }
    const { createOrganisation } = await import('@/lib/organisations/members');
    acme = await createOrganisation(handle.db, people.alice, 'Acme');
    mallorys = await createOrganisation(handle.db, people.mallory, 'Mallory Ltd');
    await handle.db.insert(memberships).values([
      { organisationId: acme, userId: people.bob, role: 'member' },
      { organisationId: mallorys, userId: people.mike, role: 'member' },
    ]);
  }, 120_000);

  it('refuses a member every billing and team-management action, and nothing reaches Stripe', async () => {
    as('bob', acme);
    const refused = 'You are not allowed to do that.';
    for (const action of [account.cancelPlanAction, account.resumePlanAction, account.openPortalAction, team.revokeInvitationAction]) {
      expect((await run(action, { invitationId: crypto.randomUUID() })).error).toBe(refused);
    }
    expect((await run(account.switchPlanAction, { priceId: prices.pro_monthly!, prorationDate: '1' })).error).toBe(refused);
    expect((await run(pricing.startCheckoutAction, { priceId: prices.team_monthly!, seats: '3' })).error).toBe(refused);
    expect((await run(team.inviteAction, { email: 'new@example.com', role: 'member' })).error).toBe(refused);
    expect((await run(team.removeMemberAction, { userId: people.alice })).error).toBe(refused);
    expect((await run(team.changeRoleAction, { userId: people.alice, role: 'member' })).error).toBe(refused);
    expect((await run(team.transferOwnershipAction, { userId: people.bob })).error).toBe(refused);
    expect(await checkout.prepareSubscriptionPayment(prices.pro_monthly!, crypto.randomUUID())).toEqual({ ok: false, error: refused });
    expect(await checkout.prepareOrderPayment(prices.support_pack!, crypto.randomUUID())).toEqual({ ok: false, error: refused });
    expect(await account.prepareCardSetup(crypto.randomUUID())).toEqual({ ok: false, error: refused });
    expect(await account.prepareInvoicePayment(crypto.randomUUID())).toEqual({ ok: false, error: refused });
    expect((await stripe.api.customers.list({ limit: 100 })).data.filter((c) => c.metadata.organisation_id === acme)).toEqual([]);
    expect(await role(acme, 'alice')).toBe('owner');
  });

  it('acts for the member’s own organisation when the cookie names one they do not belong to', async () => {
    as('mallory', acme);
    expect(await run(team.inviteAction, { email: `through-cookie-${kind}@example.com`, role: 'admin' })).toMatchObject({ link: expect.stringContaining('/invite/') });
    const [invited] = await handle.db.select().from(invitations).where(eq(invitations.email, `through-cookie-${kind}@example.com`));
    // Mallory acted for her personal organisation, not Acme.
    expect(invited.organisationId).not.toBe(acme);
  });

  it('refuses another organisation’s members and invitations, changing nothing', async () => {
    as('mallory', mallorys);
    const { token } = await import('@/lib/organisations/invitations').then((m) => m.createInvitation(handle.db, { organisationId: acme, email: 'victim@example.com', role: 'member', invitedBy: people.alice }));
    const [acmeInvitation] = await handle.db.select().from(invitations).where(eq(invitations.email, 'victim@example.com'));
    expect((await run(team.revokeInvitationAction, { invitationId: acmeInvitation.id })).error).toBe('That invitation is no longer pending.');
    expect((await run(team.removeMemberAction, { userId: people.bob })).error).toMatch(/not a member of this organisation/);
    expect((await run(team.changeRoleAction, { userId: people.bob, role: 'admin' })).error).toMatch(/not a member of this organisation/);
    expect((await run(team.transferOwnershipAction, { userId: people.bob })).error).toMatch(/only go to a member of this organisation/);
    expect((await run(team.switchOrganisationAction, { organisationId: acme })).error).toBe('You are not a member of that organisation.');
    const [still] = await handle.db.select().from(invitations).where(eq(invitations.id, acmeInvitation.id));
    expect(still.revokedAt).toBeNull();
    expect(await role(acme, 'bob')).toBe('member');
    expect(await role(acme, 'alice')).toBe('owner');
    expect(token).toBeTruthy();
  });

  it('lets an invitation be accepted once, only by its email, and never after it is revoked or expired', async () => {
    as('alice', acme);
    const created = await run(team.inviteAction, { email: `carol-${kind}@example.com`, role: 'admin' });
    const token = created.link!.split('/invite/')[1]!;
    // Only its hash is stored.
    expect((await handle.db.select().from(invitations)).some((i) => i.tokenHash.includes(token))).toBe(false);

    as('mallory', mallorys);
    expect((await run(team.acceptInvitationAction, { token })).error).toBe(`This invitation is for carol-${kind}@example.com. Sign in with that email to accept it.`);
    expect(await role(acme, 'mallory')).toBeNull();

    as('carol', acme);
    expect(await run(team.acceptInvitationAction, { token })).toEqual({ redirectTo: '/team?updated=joined' });
    expect(await role(acme, 'carol')).toBe('admin');
    expect(actionContext.cookies.get('paydesk-organisation')?.value).toBe(acme);
    expect((await run(team.acceptInvitationAction, { token })).error).toBe('This invitation has already been used.');

    as('alice', acme);
    const revokedLink = (await run(team.inviteAction, { email: `mike-${kind}@example.com`, role: 'member' })).link!;
    const [pending] = await handle.db.select().from(invitations).where(eq(invitations.email, `mike-${kind}@example.com`));
    expect(await run(team.revokeInvitationAction, { invitationId: pending.id })).toEqual({ redirectTo: '/team?updated=revoked' });
    as('mike', mallorys);
    expect((await run(team.acceptInvitationAction, { token: revokedLink.split('/invite/')[1]! })).error).toBe('This invitation was revoked. Ask for a new one.');

    as('alice', acme);
    const expiring = (await run(team.inviteAction, { email: `mike-${kind}@example.com`, role: 'member' })).link!;
    await handle.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.email, `mike-${kind}@example.com`));
    as('mike', mallorys);
    expect((await run(team.acceptInvitationAction, { token: expiring.split('/invite/')[1]! })).error).toBe('This invitation has expired. Ask for a new one.');
    expect(await role(acme, 'mike')).toBeNull();
  });

  it('keeps exactly one owner: the owner cannot leave or be removed, and a transfer swaps the roles', async () => {
    as('alice', acme);
    expect((await run(team.leaveOrganisationAction)).error).toMatch(/transfer ownership/);
    as('carol', acme);
    expect((await run(team.removeMemberAction, { userId: people.alice })).error).toMatch(/owner cannot be removed/);
    expect((await run(team.transferOwnershipAction, { userId: people.carol })).error).toBe('You are not allowed to do that.');
    as('alice', acme);
    expect(await run(team.transferOwnershipAction, { userId: people.carol })).toEqual({ redirectTo: '/team?updated=transferred' });
    expect([await role(acme, 'alice'), await role(acme, 'carol')]).toEqual(['admin', 'owner']);
    const owners = await handle.db.select().from(memberships).where(and(eq(memberships.organisationId, acme), eq(memberships.role, 'owner')));
    expect(owners).toHaveLength(1);
    // Back, so the next tests' assumptions hold; and the former owner can now leave.
    as('carol', acme);
    expect(await run(team.transferOwnershipAction, { userId: people.alice })).toEqual({ redirectTo: '/team?updated=transferred' });
    expect(await run(team.leaveOrganisationAction)).toEqual({ redirectTo: '/account' });
    expect(await role(acme, 'carol')).toBeNull();
  });
});
