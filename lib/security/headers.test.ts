// The CSP allows exactly the Stripe origins in use — real Stripe's, or the emulator's — and the
// other headers are there; HSTS only in production.
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders, stripeOrigins } from './headers';

const directives = (csp: string) => Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

describe('security headers', () => {
  it('allows only real Stripe origins when no emulator is configured', () => {
    const csp = directives(contentSecurityPolicy({ origins: stripeOrigins({ STRIPE_API_BASE: undefined, STRIPE_JS_URL: undefined }), production: true }));
    expect(csp['script-src']).toEqual(["'self'", "'unsafe-inline'", 'https://js.stripe.com']);
    expect(csp['connect-src']).toEqual(["'self'", 'https://api.stripe.com']);
    expect(csp['frame-src']).toEqual(['https://js.stripe.com', 'https://hooks.stripe.com']);
    expect(csp['form-action']).toEqual(["'self'", 'https://checkout.stripe.com', 'https://billing.stripe.com']);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['default-src']).toEqual(["'self'"]);
  });

  it('allows the emulator origin instead of any stripe.com origin when configured', () => {
    const origins = stripeOrigins({ STRIPE_API_BASE: 'http://127.0.0.1:12112', STRIPE_JS_URL: 'http://127.0.0.1:12112/v3/stripe.js' });
    const csp = contentSecurityPolicy({ origins, production: true });
    expect(csp).not.toMatch(/stripe\.com/);
    const parsed = directives(csp);
    expect(parsed['script-src']).toEqual(["'self'", "'unsafe-inline'", 'http://127.0.0.1:12112']);
    expect(parsed['connect-src']).toEqual(["'self'", 'http://127.0.0.1:12112']);
    expect(parsed['frame-src']).toEqual(['http://127.0.0.1:12112']);
  });

  it('lists a Stripe.js origin that differs from the API origin in both places the browser needs it', () => {
    const origins = stripeOrigins({ STRIPE_API_BASE: 'http://127.0.0.1:12111', STRIPE_JS_URL: 'http://localhost:9000/stripe.js' });
    expect(origins.script).toEqual(['http://localhost:9000']);
    expect(origins.connect).toEqual(['http://localhost:9000', 'http://127.0.0.1:12111']);
  });

  it('sends HSTS in production only, and unsafe-eval in development only', () => {
    const origins = stripeOrigins({ STRIPE_API_BASE: undefined, STRIPE_JS_URL: undefined });
    const production = securityHeaders({ origins, production: true });
    const development = securityHeaders({ origins, production: false });
    expect(production['Strict-Transport-Security']).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
    expect(development['Strict-Transport-Security']).toBeUndefined();
    expect(production['Content-Security-Policy']).not.toContain("'unsafe-eval'");
    expect(development['Content-Security-Policy']).toContain("'unsafe-eval'");
    for (const headers of [production, development]) {
      expect(headers['X-Content-Type-Options']).toBe('nosniff');
      expect(headers['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
      expect(headers['X-Frame-Options']).toBe('DENY');
    }
  });
});
