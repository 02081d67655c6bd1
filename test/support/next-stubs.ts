// Next's navigation functions stood in for in Vitest: `redirect()` and `forbidden()` throw these, so a
// test tells a deliberate redirect or 403 from a crash. Mock with
// `vi.mock('next/navigation', async () => (await import('@/test/support/next-stubs')).navigation)`.
export class Redirected extends Error {}
export class Forbidden extends Error {}

export const navigation = {
  redirect: (url: string): never => {
    throw new Redirected(url);
  },
  forbidden: (): never => {
    throw new Forbidden('403');
  },
};

/**
 * lib/auth/index's `SignInRefused`, built on whatever `next-auth` is in the test (its `AuthError` is
 * usually stood in for too): for a `vi.mock('@/lib/auth/index', …)` factory.
 */
export async function signInRefusedStandIn() {
  const { AuthError } = await import('next-auth');
  return class SignInRefused extends AuthError {
    constructor(readonly reason: string) {
      super(reason);
    }
  };
}
