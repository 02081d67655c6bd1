// Stripe ids: how to read one out of a reference, and the shapes URLs, forms and actions may carry,
// checked before any query or Stripe call runs.
import { z } from 'zod';

/** A Stripe reference's id: expanded references come back as objects, plain ones as ids. */
export function idOf(ref: string | { id?: string } | null | undefined): string | null {
  if (!ref) return null;
  return typeof ref === 'string' ? ref : (ref.id ?? null);
}

/** An id with Stripe's prefix for its kind of object (`price_…`, `pi_…`). */
export function stripeIdSchema(prefix: string, message = 'Not a valid id.') {
  return z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9_]{1,250}$`), message);
}

export const priceIdSchema = stripeIdSchema('price');
export const paymentIntentIdSchema = stripeIdSchema('pi');
export const setupIntentIdSchema = stripeIdSchema('seti');
export const subscriptionIdSchema = stripeIdSchema('sub');
export const invoiceIdSchema = stripeIdSchema('in');
export const checkoutSessionIdSchema = stripeIdSchema('cs');
export const disputeIdSchema = stripeIdSchema('dp');
export const customerIdSchema = stripeIdSchema('cus');
export const eventIdSchema = stripeIdSchema('evt');

/**
 * The attempt id a form generates when it renders (or a Payment Element form when it mounts): the
 * same attempt sent twice (a double click, a retried request) returns what the first one created.
 */
export const attemptIdSchema = z.uuid('This form is out of date. Reload the page.');
