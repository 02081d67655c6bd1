// The sign-up form neither says whether an email has an account nor lets one address sign up
// without limit. next-auth's signIn is stood in for by the real credential check.
import { describe, expect, it, vi } from 'vitest';
import { useDatabase } from '../support/databases';

class Redirected extends Error {}
const state = vi.hoisted(() => ({ db: undefined as unknown }));

vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => ({ headers: async () => new Headers(), cookies: async () => new Map() }));
vi.mock('next-auth', () => ({ AuthError: class AuthError extends Error {} }));
vi.mock('@/lib/auth/password', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/auth/password')>()),
  // Cheap hashes: this is about what the form answers, not the hash's cost.
  hashPassword: (await import('../support/cheap-password')).cheapHashPassword,
}));
vi.mock('@/lib/auth/index', async () => {
  const { authenticate } = await import('@/lib/auth/credentials');
  const SignInRefused = await (await import('../support/next-stubs')).signInRefusedStandIn();
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
  useDatabase('pglite', {
    opened: (handle) => {
      state.db = handle.db;
    },
  });

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
