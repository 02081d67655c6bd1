// Absolute URLs back into the app, for the pages Stripe sends the customer back to (Checkout
// success/cancel, portal return): always on the configured APP_URL, never on a host the request named.
import { env } from '@/lib/env';

export function appUrl(path: string): string {
  return new URL(path, env().APP_URL).toString();
}
