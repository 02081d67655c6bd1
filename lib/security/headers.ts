// Security headers for every page response, built per request in proxy.ts because the Stripe
// origins are runtime configuration (real Stripe, or the emulator at STRIPE_API_BASE /
// STRIPE_JS_URL), which next.config.ts headers (fixed at build time) cannot follow.
//
// The Content-Security-Policy allows exactly the Stripe origins in use:
//  - real Stripe: Stripe.js from js.stripe.com (script and frames), its API calls to
//    api.stripe.com, 3-D Secure frames from hooks.stripe.com, and redirects to hosted Checkout
//    (checkout.stripe.com) and the customer portal (billing.stripe.com) after a form post;
//  - the emulator: its origin(s) for all of those.
// Scripts keep 'unsafe-inline' because Next's App Router streams inline bootstrap scripts and the
// app does not use per-request nonces (which would force every page to render dynamically).
import type { Env } from '@/lib/env';

export interface StripeOrigins {
  /** Where Stripe.js is loaded from. */
  script: string[];
  /** Where Stripe.js calls the API from the browser. */
  connect: string[];
  /** Frames Stripe.js opens (Elements, 3-D Secure). */
  frame: string[];
  /** Hosted pages a form post may redirect to (Checkout, customer portal). */
  navigate: string[];
}

const REAL_STRIPE: StripeOrigins = {
  script: ['https://js.stripe.com'],
  connect: ['https://api.stripe.com'],
  frame: ['https://js.stripe.com', 'https://hooks.stripe.com'],
  navigate: ['https://checkout.stripe.com', 'https://billing.stripe.com'],
};

const originOf = (url: string) => new URL(url).origin;
const unique = (values: string[]) => [...new Set(values)];

/** The Stripe origins the browser needs with this configuration. */
export function stripeOrigins(config: Pick<Env, 'STRIPE_API_BASE' | 'STRIPE_JS_URL'>): StripeOrigins {
  if (!config.STRIPE_API_BASE && !config.STRIPE_JS_URL) return REAL_STRIPE;
  // A Stripe-compatible server (the emulator) serves the API, Stripe.js, its frames and its hosted
  // pages from its own origin(s).
  const api = config.STRIPE_API_BASE ? originOf(config.STRIPE_API_BASE) : REAL_STRIPE.connect[0]!;
  const script = config.STRIPE_JS_URL ? originOf(config.STRIPE_JS_URL) : REAL_STRIPE.script[0]!;
  const both = unique([script, api]);
  return { script: [script], connect: both, frame: both, navigate: both };
}

export interface SecurityHeaderOptions {
  origins: StripeOrigins;
  production: boolean;
}

export function contentSecurityPolicy({ origins, production }: SecurityHeaderOptions): string {
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    // React's development build evaluates strings for its call stacks; production never does.
    ['script-src', ["'self'", "'unsafe-inline'", ...(production ? [] : ["'unsafe-eval'"]), ...origins.script]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:', ...origins.frame]],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'", ...origins.connect]],
    ['frame-src', origins.frame],
    ['frame-ancestors', ["'none'"]],
    ['form-action', ["'self'", ...origins.navigate]],
    ['base-uri', ["'self'"]],
    ['object-src', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${unique(values).join(' ')}`).join('; ');
}

/** Every security header of a page response. */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=()',
    // Browsers ignore HSTS over plain http, so sending it from a production build served on
    // localhost (the e2e stack) is harmless; development never sends it.
    ...(options.production ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}

/** Sets the headers for this configuration on a response (proxy.ts calls it for every page). */
export function applySecurityHeaders(headers: Headers, config: Pick<Env, 'NODE_ENV' | 'STRIPE_API_BASE' | 'STRIPE_JS_URL'>): void {
  const values = securityHeaders({ origins: stripeOrigins(config), production: config.NODE_ENV === 'production' });
  for (const [name, value] of Object.entries(values)) headers.set(name, value);
}
