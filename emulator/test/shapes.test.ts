// The run-time shape check itself: built from the installed stripe package, and not vacuous.
import { describe, expect, it } from 'vitest';
import { installedStripeVersion, shapeProblems, shapes } from './shapes/check.js';
import { useEmulator } from './harness.js';

const h = useEmulator();

describe('shape check', () => {
  it('was generated from the installed stripe package (else run `npm run shapes -w emulator`)', () => {
    expect(shapes().stripe_version).toBe(installedStripeVersion());
  });

  it('flags a missing field, an undeclared field, a wrong type and a value outside a closed enum', async () => {
    const session = await h.stripe.checkout.sessions.create({
      mode: 'payment',
      success_url: 'https://example.com',
      line_items: [{ price_data: { currency: 'usd', unit_amount: 100, product_data: { name: 'x' } }, quantity: 1 }],
    });
    expect(shapeProblems(session)).toEqual([]);
    const { amount_total: _dropped, ...missing } = session;
    expect(shapeProblems(missing)).toContain('.amount_total: missing');
    expect(shapeProblems({ ...session, surprise: 1 })).toContain('.surprise: not in the declaration');
    expect(shapeProblems({ ...session, currency: 5 })).toEqual(['.currency: expected a string, got 5']);
    expect(shapeProblems({ ...session, ui_mode: 'hosted' })).toHaveLength(1);
    expect(shapeProblems({ object: 'list', data: [{ ...session, livemode: 'no' }] })).toEqual([expect.stringMatching(/^data\[0\]\.livemode: expected .*, got "no"$/)]);
  });
});
