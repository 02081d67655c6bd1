// Absolute URLs back into the app, for the pages Stripe sends the customer back to (Checkout
// success/cancel, portal return). Built from the request the customer made, so they come back to
// the same host they started on.
import 'server-only';
import { headers } from 'next/headers';

export async function appUrl(path: string): Promise<string> {
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host');
  const origin = host ? `${h.get('x-forwarded-proto') ?? 'http'}://${host}` : h.get('origin');
  if (!origin) throw new Error('Cannot tell which host this request came to.');
  return new URL(path, origin).toString();
}
