// The security headers on the responses proxy.ts really produces for pages: a page served through,
// and the sign-in redirect of a protected page. The CSP names the configured emulator origin and
// no stripe.com origin. (e2e/security/headers.spec.ts checks the same on the running app.)
import { beforeAll, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';

const EMULATOR = 'http://127.0.0.1:12345';

describe('security headers from proxy.ts', () => {
  let proxy: (request: NextRequest) => Promise<Response>;
  beforeAll(async () => {
    Object.assign(process.env, {
      STRIPE_SECRET_KEY: 'sk_test_emulator',
      STRIPE_API_BASE: EMULATOR,
      STRIPE_JS_URL: `${EMULATOR}/v3/stripe.js`,
      AUTH_SECRET: 'a-test-secret-that-is-long-enough-0123456789',
    });
    ({ proxy } = await import('@/proxy'));
  });

  const expectHeaders = (response: Response) => {
    const csp = response.headers.get('content-security-policy') ?? '';
    const directive = (name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `))?.split(' ').slice(1) ?? [];
    const origins = (name: string) => directive(name).filter((value) => /^https?:/.test(value));
    expect(origins('script-src')).toEqual([EMULATOR]);
    expect(origins('connect-src')).toEqual([EMULATOR]);
    expect(directive('frame-src')).toEqual([EMULATOR]);
    expect(directive('frame-ancestors')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/stripe\.com/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  };

  it('sets them on a page passed through', async () => {
    const response = await proxy(new NextRequest('http://localhost:3000/pricing'));
    expect(response.headers.get('x-middleware-next')).toBe('1');
    expectHeaders(response);
  });

  it('sets them on the sign-in redirect of a protected page', async () => {
    const response = await proxy(new NextRequest('http://localhost:3000/admin/payments'));
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toContain('/sign-in?callbackUrl=%2Fadmin%2Fpayments');
    expectHeaders(response);
  });
});
