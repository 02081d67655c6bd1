// Errors from billing actions, split the way the customer needs them: problems they can act on
// (a message they can read) and everything else (logged with an id they can quote).
import 'server-only';
import { Stripe } from '@/lib/stripe/client';
import { logError } from '@/lib/log-error';

/** A problem the customer can act on; its message is safe to show as is. */
export class BillingError extends Error {
  override name = 'BillingError';
}

/**
 * The sentence to show for a failed billing action. Card errors carry Stripe's own customer-facing
 * message; anything unexpected is logged with an id and answered generically.
 */
export function billingFailureMessage(error: unknown, doing: string): string {
  if (error instanceof BillingError) return error.message;
  if (error instanceof Stripe.errors.StripeCardError && error.message) return error.message;
  const id = logError('billing', doing, error);
  return `Something went wrong on our side while ${doing} (error id ${id}). Try again in a moment, and quote that id if it keeps happening.`;
}

/** True for Stripe's "no such object" answer, which ownership checks treat like a foreign id. */
export function isMissingResource(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'resource_missing';
}
