'use server';
// Starting a Stripe-hosted Checkout from the pricing page.
import { z } from 'zod';
import { validatedActionWithUser } from '@/lib/auth/validated-action';
import { startHostedCheckout } from '@/lib/billing/checkout';
import { seatsFieldSchema } from '@/lib/billing/seat-count';
import { attemptIdSchema, stripeIdSchema } from '@/lib/stripe/ids';

const checkoutSchema = z.object({
  priceId: stripeIdSchema('price', 'Pick a plan.'),
  attemptId: attemptIdSchema,
  /** Per-seat plans only (Team): how many seats to buy. */
  seats: seatsFieldSchema,
});

export const startCheckoutAction = validatedActionWithUser({ schema: checkoutSchema, doing: 'starting Checkout', limit: 'checkout' }, async ({ priceId, attemptId, seats }, user) => ({
  redirectTo: await startHostedCheckout(user, priceId, attemptId, seats),
}));
