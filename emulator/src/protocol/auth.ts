// API keys: any `sk_test_…` is the one test account; `pk_test_…` only where Stripe lets a browser
// call with the object's client secret.
import { unauthenticated } from './errors.js';

export interface Auth {
  kind: 'secret' | 'publishable';
  key: string;
}

export function authenticate(header: string | undefined): Auth {
  const key = keyFromHeader(header);
  if (!key) {
    throw unauthenticated(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    );
  }
  if (/^(sk|rk)_test_\w+$/.test(key)) return { kind: 'secret', key };
  if (/^pk_test_\w+$/.test(key)) return { kind: 'publishable', key };
  throw unauthenticated(`Invalid API Key provided: ${redact(key)}`);
}

export function rejectPublishable(auth: Auth): void {
  if (auth.kind === 'publishable') {
    throw unauthenticated(
      'This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.',
    );
  }
}

function keyFromHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, value] = header.split(' ', 2) as [string, string | undefined];
  if (!value) return undefined;
  if (scheme.toLowerCase() === 'bearer') return value.trim();
  if (scheme.toLowerCase() === 'basic') return Buffer.from(value, 'base64').toString('utf8').split(':')[0];
  return undefined;
}

function redact(key: string): string {
  return key.length > 12 ? `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}` : key;
}
