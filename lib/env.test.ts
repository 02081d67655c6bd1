import { describe, expect, it } from 'vitest';
import { actionLimitDefaults, parseEnv } from './env';

describe('configuration', () => {
  it('requires APP_URL in production against real Stripe, so return URLs never come from request headers', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', STRIPE_SECRET_KEY: 'sk_live_123' })).toThrow(/APP_URL: required in production/);
    expect(parseEnv({ NODE_ENV: 'production', STRIPE_SECRET_KEY: 'sk_live_123', APP_URL: 'https://billing.example.com/ignored/path' }).APP_URL).toBe(
      'https://billing.example.com',
    );
    expect(() => parseEnv({ APP_URL: 'javascript:alert(1)' })).toThrow(/APP_URL/);
  });

  it('gives customers test clocks only when asked, and only with a test-mode key', () => {
    expect(parseEnv({}).STRIPE_TEST_CLOCKS).toBe(false);
    expect(parseEnv({ STRIPE_SECRET_KEY: 'sk_test_123', STRIPE_TEST_CLOCKS: 'true' }).STRIPE_TEST_CLOCKS).toBe(true);
    expect(() => parseEnv({ STRIPE_SECRET_KEY: 'sk_live_123', APP_URL: 'https://billing.example.com', STRIPE_TEST_CLOCKS: 'true' })).toThrow(/STRIPE_TEST_CLOCKS: test clocks exist in test mode only/);
    expect(() => parseEnv({ STRIPE_TEST_CLOCKS: 'yes' })).toThrow(/STRIPE_TEST_CLOCKS/);
  });

  it('derives APP_URL from the port on the embedded default', () => {
    expect(parseEnv({ NODE_ENV: 'production', PORT: '3200' }).APP_URL).toBe('http://localhost:3200');
    expect(parseEnv({}).APP_URL).toBe('http://localhost:3000');
  });

  it('reads TRUSTED_PROXIES as a hop count or a list of addresses, and trusts none by default', () => {
    expect(parseEnv({}).TRUSTED_PROXIES).toEqual({ hops: 0 });
    expect(parseEnv({ TRUSTED_PROXIES: '2' }).TRUSTED_PROXIES).toEqual({ hops: 2 });
    expect(parseEnv({ TRUSTED_PROXIES: '10.0.0.2, ::1' }).TRUSTED_PROXIES).toEqual({ addresses: new Set(['10.0.0.2', '::1']) });
    expect(() => parseEnv({ TRUSTED_PROXIES: 'proxy.internal' })).toThrow(/TRUSTED_PROXIES/);
  });

  it('reads ACTION_LIMITS as kind=count pairs over the defaults, and refuses unknown kinds and bad counts', () => {
    expect(parseEnv({}).ACTION_LIMITS).toEqual(actionLimitDefaults);
    expect(parseEnv({ ACTION_LIMITS: 'checkout=3, refund=500' }).ACTION_LIMITS).toEqual({ ...actionLimitDefaults, checkout: 3, refund: 500 });
    for (const bad of ['checkout=0', 'checkout=-1', 'checkout', 'constructor=5', 'nonsense=5']) {
      expect(() => parseEnv({ ACTION_LIMITS: bad }), bad).toThrow(/ACTION_LIMITS/);
    }
  });
});
