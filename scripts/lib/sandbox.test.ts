// E2E_STRIPE=live-test refuses to start the e2e stack unless it has a Stripe sandbox's test-mode
// keys and the webhook secret of a running `stripe listen` (checked before any call to Stripe).
import { describe, expect, it } from 'vitest';
import type { Database } from '../../lib/db/client';
import { prepareSandboxStripe } from './stack';

const noDatabase = undefined as unknown as Database; // never reached: the checks come first
const sandbox = { STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_PUBLISHABLE_KEY: 'pk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc' };

describe('the e2e stack against a Stripe sandbox', () => {
  it('refuses live keys, the emulator’s keys and a missing webhook secret, saying what to do', async () => {
    await expect(prepareSandboxStripe({ env: { ...sandbox, STRIPE_SECRET_KEY: 'sk_live_abc' }, db: noDatabase })).rejects.toThrow(/test-mode secret key \(sk_test_…\), never a live one/);
    await expect(prepareSandboxStripe({ env: { ...sandbox, STRIPE_SECRET_KEY: 'sk_test_emulator' }, db: noDatabase })).rejects.toThrow(/real sandbox key, not the emulator’s/);
    await expect(prepareSandboxStripe({ env: { ...sandbox, STRIPE_PUBLISHABLE_KEY: undefined }, db: noDatabase })).rejects.toThrow(/needs STRIPE_PUBLISHABLE_KEY/);
    await expect(prepareSandboxStripe({ env: { ...sandbox, STRIPE_WEBHOOK_SECRET: undefined }, db: noDatabase })).rejects.toThrow(/stripe listen --forward-to/);
  });
});
