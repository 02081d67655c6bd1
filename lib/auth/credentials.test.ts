import { describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { attemptCounts, users } from '@/lib/db/schema';
import { databaseKinds, useDatabase } from '@/test/support/databases';
import { seedDemoUsers } from '@/scripts/seed';
import { authenticate } from './credentials';
import { countUsersByRole, createPasswordAccount, findOrCreateOAuthUser } from './accounts';

// These tests are about accounts and throttling, not the hash's cost: hash cheaply so the dozens of
// attempts below take milliseconds, not seconds. Verification stays real.
vi.mock('./password', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./password')>()),
  hashPassword: (await import('@/test/support/cheap-password')).cheapHashPassword,
  verifyAgainstNothing: async () => false as const,
}));

const minutes = (n: number) => n * 60_000;

describe.each(databaseKinds)('accounts and sign-in on %s', (kind) => {
  const handle = useDatabase(kind);

  const signIn = (email: string, password: string, options: { at?: Date; ip?: string | null; adminEmails?: string[] } = {}) =>
    authenticate(handle.db, {
      email,
      password,
      clientIp: options.ip === undefined ? '203.0.113.7' : options.ip,
      adminEmails: options.adminEmails ?? [],
      now: options.at,
    });

  it('signs up with a lower-cased email and refuses the same email twice', async () => {
    const created = await createPasswordAccount(handle.db, { email: 'Grace@Example.com', password: 'a long passphrase' });
    expect(created.ok && created.user).toMatchObject({ email: 'grace@example.com', role: 'customer' });
    expect(await createPasswordAccount(handle.db, { email: 'grace@EXAMPLE.com ', password: 'another passphrase' })).toEqual({
      ok: false,
      reason: 'email-taken',
    });
  });

  it('signs in with the right password and refuses a wrong one or an unknown email', async () => {
    await createPasswordAccount(handle.db, { email: 'linus@example.com', password: 'penguins all the way' });
    expect(await signIn('LINUS@example.com', 'penguins all the way')).toMatchObject({ ok: true, user: { email: 'linus@example.com' } });
    expect(await signIn('linus@example.com', 'penguins all the wa')).toEqual({ ok: false, reason: 'invalid' });
    expect(await signIn('nobody@example.com', 'penguins all the way')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a sixth guess from one address for 15 minutes, even with the right password', async () => {
    await createPasswordAccount(handle.db, { email: 'target@example.com', password: 'the real password' });
    const start = new Date('2026-01-01T10:00:00Z');
    const ip = '203.0.113.11';
    for (let i = 0; i < 5; i++) {
      expect(await signIn('target@example.com', `guess ${i}`, { at: new Date(start.getTime() + minutes(i)), ip })).toEqual({ ok: false, reason: 'invalid' });
    }
    // The window began with the first guess at 10:00: the next attempt waits until 10:15.
    expect(await signIn('target@example.com', 'the real password', { at: new Date(start.getTime() + minutes(10)), ip })).toEqual({
      ok: false,
      reason: 'throttled',
      retryAfterMinutes: 5,
    });
    expect(await signIn('target@example.com', 'the real password', { at: new Date(start.getTime() + minutes(15) + 1), ip })).toMatchObject({ ok: true });
  });

  it('does not let a stranger lock someone out: guesses from another address leave the owner’s address alone', async () => {
    await createPasswordAccount(handle.db, { email: 'admin-victim@example.com', password: 'owner knows this' });
    const at = new Date('2026-01-01T12:00:00Z');
    for (let i = 0; i < 8; i++) await signIn('admin-victim@example.com', `guess ${i}`, { at, ip: '198.51.100.66' });
    expect(await signIn('admin-victim@example.com', 'owner knows this', { at, ip: '198.51.100.66' })).toMatchObject({ reason: 'throttled' });
    expect(await signIn('admin-victim@example.com', 'owner knows this', { at, ip: '203.0.113.20' })).toMatchObject({ ok: true });
  });

  it('counts a whole IPv6 /64 as one address', async () => {
    const at = new Date('2026-01-01T13:00:00Z');
    for (let i = 0; i < 5; i++) await signIn('v6@example.com', 'guess', { at, ip: `2001:db8:1:2::${i + 1}` });
    expect(await signIn('v6@example.com', 'guess', { at, ip: '2001:db8:1:2:ffff::9' })).toMatchObject({ reason: 'throttled' });
  });

  it('forgets attempts older than the window, and a success resets the account’s count for that address', async () => {
    await createPasswordAccount(handle.db, { email: 'forgetful@example.com', password: 'my actual password' });
    const start = new Date('2026-01-02T10:00:00Z');
    const ip = '203.0.113.12';
    for (let i = 0; i < 4; i++) await signIn('forgetful@example.com', 'typo', { at: start, ip });
    // 16 minutes later the window has passed: four more failures are still checked.
    const later = new Date(start.getTime() + minutes(16));
    for (let i = 0; i < 4; i++) expect(await signIn('forgetful@example.com', 'typo', { at: later, ip })).toEqual({ ok: false, reason: 'invalid' });
    expect(await signIn('forgetful@example.com', 'my actual password', { at: later, ip })).toMatchObject({ ok: true });
    const rows = await handle.db.select().from(attemptCounts).where(eq(attemptCounts.key, 'sign-in:forgetful@example.com|203.0.113.12'));
    expect(rows).toHaveLength(0);
    for (let i = 0; i < 5; i++) expect(await signIn('forgetful@example.com', 'typo', { at: later, ip })).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses an address that guesses across many accounts', async () => {
    const at = new Date('2026-01-03T10:00:00Z');
    const ip = '192.0.2.99';
    const results = [];
    for (let i = 0; i < 21; i++) results.push(await signIn(`victim${i}@example.com`, 'guess', { at, ip }));
    expect(results.slice(0, 20).every((r) => !r.ok && r.reason === 'invalid')).toBe(true);
    expect(results[20]).toMatchObject({ ok: false, reason: 'throttled' });
    expect(await signIn('linus@example.com', 'penguins all the way', { at, ip })).toMatchObject({ ok: false, reason: 'throttled' });
    expect(await signIn('linus@example.com', 'penguins all the way', { at, ip: '192.0.2.100' })).toMatchObject({ ok: true });
  });

  it('checks no more than five of 100 concurrent guesses: the right password sent last does not get in', async () => {
    await createPasswordAccount(handle.db, { email: 'burst@example.com', password: 'correct horse battery' });
    const at = new Date('2026-01-04T10:00:00Z');
    const attempts = Array.from({ length: 100 }, (_, i) => (i === 99 ? 'correct horse battery' : `guess ${i}`));
    const results = await Promise.all(attempts.map((password) => signIn('burst@example.com', password, { at, ip: '203.0.113.50' })));
    expect(results.filter((r) => r.ok)).toHaveLength(0);
    expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(5);
    expect(results[99]).toMatchObject({ ok: false, reason: 'throttled' });
  });

  it('promotes a user listed in ADMIN_EMAILS when they sign in, and stores the role', async () => {
    await createPasswordAccount(handle.db, { email: 'boss@example.com', password: 'corner office view' });
    expect(await signIn('boss@example.com', 'corner office view', { adminEmails: ['boss@example.com'] })).toMatchObject({
      ok: true,
      user: { role: 'admin' },
    });
    const [row] = await handle.db.select().from(users).where(eq(users.email, 'boss@example.com'));
    expect(row.role).toBe('admin');
  });

  it('links an OAuth sign-in to the existing account with that email, or creates one', async () => {
    const existing = await findOrCreateOAuthUser(handle.db, { email: 'Linus@Example.com', name: 'Linus' }, []);
    const [linus] = await handle.db.select().from(users).where(eq(users.email, 'linus@example.com'));
    expect(existing.id).toBe(linus.id);
    const created = await findOrCreateOAuthUser(handle.db, { email: 'octo@example.com', name: 'Octo Cat' }, ['octo@example.com']);
    expect(created).toMatchObject({ email: 'octo@example.com', name: 'Octo Cat', role: 'admin' });
  });

  it('seeds the demo admin and customer idempotently, and they can sign in', async () => {
    const first = await seedDemoUsers(handle.db);
    const second = await seedDemoUsers(handle.db);
    expect(second).toEqual(first);
    expect(await signIn(first.admin.email, first.admin.password)).toMatchObject({ ok: true, user: { role: 'admin' } });
    expect(await signIn(first.customer.email, first.customer.password)).toMatchObject({ ok: true, user: { role: 'customer' } });
    const demo = await handle.db.select().from(users).where(eq(users.email, first.admin.email));
    expect(demo).toHaveLength(1);
    expect((await countUsersByRole(handle.db)).admin).toBeGreaterThanOrEqual(1);
  });
});
