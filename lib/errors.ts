// Errors split the way the person who hit them needs them: problems they can act on (a message
// written for them) and everything else (logged under an id they can quote, answered generically).
import { Stripe } from '@/lib/stripe/client';
import { logError } from '@/lib/log-error';

/** A problem the person can act on; its message is written for them and safe to show as is. */
export class UserError extends Error {
  override name = 'UserError';
}

export interface FailureWording {
  /** Where it happened, for the log (`billing`, `admin-refund`). */
  scope: string;
  /** What was being done, as the end of "Something went wrong on our side while …". */
  doing: string;
  /** The answer for an unexpected error, given its logged id; a generic sentence by default. */
  unexpected?: (errorId: string) => string;
}

/**
 * The sentence to show for a failed action. UserErrors and card errors (Stripe's own
 * customer-facing message) are shown as they are; anything else is logged with an id and answered
 * generically.
 */
export function failureMessage(error: unknown, { scope, doing, unexpected }: FailureWording): string {
  if (error instanceof UserError) return error.message;
  if (error instanceof Stripe.errors.StripeCardError && error.message) return error.message;
  const id = logError(scope, doing, error);
  return unexpected
    ? unexpected(id)
    : `Something went wrong on our side while ${doing} (error id ${id}). Try again in a moment, and quote that id if it keeps happening.`;
}
