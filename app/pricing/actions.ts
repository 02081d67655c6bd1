'use server';
// Starting a Stripe-hosted Checkout from the pricing page.
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { validatedActionWithUser } from '@/lib/auth/validated-action';
import { startHostedCheckout } from '@/lib/billing/checkout';
import { billingFailureMessage } from '@/lib/billing/errors';

const checkoutSchema = z.object({
  priceId: z.string().regex(/^price_\w+$/, 'Pick a plan.'),
  attemptId: z.uuid(),
});

export const startCheckoutAction = validatedActionWithUser(checkoutSchema, async ({ priceId, attemptId }, user) => {
  let url: string;
  try {
    url = await startHostedCheckout(user, priceId, attemptId);
  } catch (error) {
    return { error: billingFailureMessage(error, 'starting Checkout') };
  }
  redirect(url);
});
