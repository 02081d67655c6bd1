// Stripe's answers that billing code treats as a domain outcome rather than a failure.
import 'server-only';
import { Stripe } from '@/lib/stripe/client';

/** True for Stripe's "no such object" answer, which ownership checks treat like a foreign id. */
export function isMissingResource(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'resource_missing';
}
