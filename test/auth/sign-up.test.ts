// The sign-up form neither says whether an email has an account nor lets one address sign up
// without limit. next-auth's signIn is stood in for by the real credential check.
import { randomBytes, scryptSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '@/lib/db/client';
import { freshDatabase } from '../support/databases';

class Redirected extends Error {}
const state = vi.hoisted(() => ({ db: undefined as unknown }));

vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => ({ headers: async () => new Headers(), cookies: async () => new Map() }));
vi.mock('next-auth', () => ({ AuthError: class AuthError extends Error {} }));
vi.mock('@/lib/auth/password', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/auth/password')>();
  return {
    ...real,
    // Cheap hashes: this is about what the form answers, not the hash's cost (password.test.ts).
    hashPassword: async (password: string) => {
      const salt = randomBytes(16);
      return ['scrypt', 1024, 8, 1, salt.toString('base64'), scryptSync(password, salt, 64, { N: 1024, r: 8, p: 1 }).toString('base64')].join('$');
    },
  };
});
vi.mock('@/lib/auth/index', async () => {
  const { AuthError } = await import('next-auth');
  const { authenticate } = await import('@/lib/auth/credentials');
  class SignInRefused extends AuthError {
    constructor(readonly reason: string) {
      super(reason);
    }
  }
  return {
    SignInRefused,
    auth: async () => null,
    signIn: async (_provider: string, input: { email: string; password: string; redirectTo: string }) => {
      const result = await authenticate(state.db as never, { ...input, clientIp: null, adminEmails: [] });
      throw result.ok ? new Redirected(input.redirectTo) : new SignInRefused(result.reason);
    },
    signOut: async () => {},
  };
});
vi.mock('@/lib/db/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/db/client')>()),
  getDb: async () => state.db,
}));

const { signUpAction } = await import('@/app/(auth)/actions');

function form(email: string, password: string): FormData {
  const data = new FormData();
  data.set('email', email);
  data.set('password', password);
  data.set('callbackUrl', '/account');
  return data;
}

describe('sign-up', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await freshDatabase('pglite');
    state.db = handle.db;
  });
  afterAll(() => handle?.close());

  it('never says an email is taken: the right password signs in, a wrong one fails like a sign-in', async () => {
    await expect(signUpAction({}, form('taken@example.com', 'first owner passphrase'))).rejects.toThrow(new Redirected('/account'));
    const wrong = await signUpAction({}, form('taken@example.com', 'someone else guessing'));
    expect(wrong.error).not.toMatch(/exists|taken|already has/i);
    expect(wrong.fieldErrors).toBeUndefined();
    expect(wrong.error).toBe('We could not sign you up with this email and password. If you already have an account, sign in instead.');
    await expect(signUpAction({}, form('taken@example.com', 'first owner passphrase'))).rejects.toThrow(new Redirected('/account'));
  });

  it('refuses more than ten sign-ups from one address in 15 minutes', async () => {
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await signUpAction({}, form(`bulk${i}@example.com`, 'a long passphrase')).catch((e: unknown) => e));
    // Three sign-ups above already counted against this address.
    expect(answers.slice(0, 7).every((a) => a instanceof Redirected)).toBe(true);
    expect(answers[7]).toMatchObject({ error: expect.stringMatching(/^Too many sign-ups from your network\. Try again in \d+ minutes?\.$/) });
  });
});
