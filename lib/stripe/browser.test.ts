// Server rendering of the payment forms: with a Stripe.js URL configured, loading Stripe.js on the
// server must not touch `window` (it made /checkout/pay and /account/card answer 500).
import { describe, expect, it } from 'vitest';
import { loadStripeJs } from './browser';

describe('Stripe.js during a server render', () => {
  it('resolves to no Stripe instead of throwing "window is not defined"', async () => {
    expect(typeof window).toBe('undefined');
    await expect(loadStripeJs({ publishableKey: 'pk_test_123', scriptUrl: 'http://127.0.0.1:12111/js/stripe.js' })).resolves.toBeNull();
  });
});
