import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomBytes, scryptSync } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '@/lib/db/client';
import { signInThrottle, users } from '@/lib/db/schema';
import { databaseKinds, freshDatabase } from '@/test/support/databases';
import { seedDemoUsers } from '@/scripts/seed';
import { authenticate } from './credentials';
import { countUsersByRole, createPasswordAccount, findOrCreateOAuthUser } from './accounts';

// These tests are about accounts and throttling, not the hash's cost (password.test.ts covers the
// real parameters): hash cheaply so the dozens of attempts below take milliseconds, not seconds.
// Verification stays real, reading the cheaper parameters from the hash string.
vi.mock('./password', async (importOriginal) => {
  const real = await importOriginal<typeof import('./password')>();
  return {
    ...real,
    hashPassword: async (password: string) => {
      const salt = randomBytes(16);
      return ['scrypt', 1024, 8, 1, salt.toString('base64'), scryptSync(password, salt, 64, { N: 1024, r: 8, p: 1 }).toString('base64')].join('$');
    },
    verifyAgainstNothing: async () => false as const,
  };
});

const minutes = (n: number) => n * 60_000;

describe.each(databaseKinds)('accounts and sign-in on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await freshDatabase(kind);
  });
  afterAll(() => handle?.close());

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

  it('locks an email after five failures in 15 minutes, even for the right password, until the lock ends', async () => {
    await createPasswordAccount(handle.db, { email: 'target@example.com', password: 'the real password' });
    const start = new Date('2026-01-01T10:00:00Z');
    for (let i = 0; i < 4; i++) {
      expect(await signIn('target@example.com', `guess ${i}`, { at: new Date(start.getTime() + minutes(i)) })).toEqual({ ok: false, reason: 'invalid' });
    }
    // The fifth failure (at 10:04) locks the email for 15 minutes.
    expect(await signIn('target@example.com', 'guess 4', { at: new Date(start.getTime() + minutes(4)) })).toEqual({
      ok: false,
      reason: 'throttled',
      retryAfterMinutes: 15,
    });
    // From another address too: the lock is on the email.
    expect(await signIn('target@example.com', 'the real password', { at: new Date(start.getTime() + minutes(10)), ip: '198.51.100.1' })).toEqual({
      ok: false,
      reason: 'throttled',
      retryAfterMinutes: 9,
    });
    expect(await signIn('target@example.com', 'the real password', { at: new Date(start.getTime() + minutes(19) + 1) })).toMatchObject({ ok: true });
  });

  it('forgets failures older than the window, and a success resets the count', async () => {
    await createPasswordAccount(handle.db, { email: 'forgetful@example.com', password: 'my actual password' });
    const start = new Date('2026-01-02T10:00:00Z');
    for (let i = 0; i < 4; i++) await signIn('forgetful@example.com', 'typo', { at: start });
    // 16 minutes later the window has passed: four more failures do not lock.
    const later = new Date(start.getTime() + minutes(16));
    for (let i = 0; i < 4; i++) expect(await signIn('forgetful@example.com', 'typo', { at: later })).toEqual({ ok: false, reason: 'invalid' });
    expect(await signIn('forgetful@example.com', 'my actual password', { at: later })).toMatchObject({ ok: true });
    const rows = await handle.db.select().from(signInThrottle).where(eq(signInThrottle.key, 'email:forgetful@example.com'));
    expect(rows).toHaveLength(0);
    for (let i = 0; i < 4; i++) expect(await signIn('forgetful@example.com', 'typo', { at: later })).toEqual({ ok: false, reason: 'invalid' });
  });

  it('locks a client address that fails across many emails', async () => {
    const at = new Date('2026-01-03T10:00:00Z');
    const ip = '192.0.2.99';
    const results = [];
    for (let i = 0; i < 20; i++) results.push(await signIn(`victim${i}@example.com`, 'guess', { at, ip }));
    expect(results.slice(0, 19).every((r) => !r.ok && r.reason === 'invalid')).toBe(true);
    expect(results[19]).toMatchObject({ ok: false, reason: 'throttled' });
    expect(await signIn('linus@example.com', 'penguins all the way', { at, ip })).toMatchObject({ ok: false, reason: 'throttled' });
    expect(await signIn('linus@example.com', 'penguins all the way', { at, ip: '192.0.2.100' })).toMatchObject({ ok: true });
  });

  it('counts concurrent failures exactly (one atomic upsert per attempt)', async () => {
    const at = new Date('2026-01-04T10:00:00Z');
    await Promise.all(Array.from({ length: 3 }, () => signIn('burst@example.com', 'guess', { at, ip: null })));
    const [row] = await handle.db.select().from(signInThrottle).where(eq(signInThrottle.key, 'email:burst@example.com'));
    expect(row.failures).toBe(3);
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
