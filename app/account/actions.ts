'use server';
// What the account pages change: cancel at period end, resume, switch plans, open the customer
// portal, save a new card. Each acts only on the signed-in user's own customer and subscription,
// found through their account, never through ids sent by the browser.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { validatedActionWithUser } from '@/lib/auth/validated-action';
import { billingFailureMessage } from '@/lib/billing/errors';
import { startCardSetup } from '@/lib/billing/payment-methods';
import { billingPortalUrl } from '@/lib/billing/portal';
import { setCancelAtPeriodEnd, switchPlan } from '@/lib/billing/subscriptions';
import type { PreparedPayment } from '@/components/billing/payment-form';
import { prepared } from '@/app/checkout/prepared-payment';

const attempt = z.object({ attemptId: z.uuid() });

export const cancelPlanAction = validatedActionWithUser(attempt, async (_input, user) => {
  try {
    await setCancelAtPeriodEnd(user, true);
  } catch (error) {
    return { error: billingFailureMessage(error, 'canceling your plan') };
  }
  revalidatePath('/account');
  redirect('/account?updated=canceled');
});

export const resumePlanAction = validatedActionWithUser(attempt, async (_input, user) => {
  try {
    await setCancelAtPeriodEnd(user, false);
  } catch (error) {
    return { error: billingFailureMessage(error, 'resuming your plan') };
  }
  revalidatePath('/account');
  redirect('/account?updated=resumed');
});

const switchSchema = attempt.extend({
  priceId: z.string().regex(/^price_\w+$/),
  // The moment the preview was computed, so the charge matches what the customer saw (switchPlan
  // checks it lies in the current period).
  prorationDate: z.coerce.number().int().positive(),
});

export const switchPlanAction = validatedActionWithUser(switchSchema, async ({ priceId, prorationDate }, user) => {
  try {
    await switchPlan(user, priceId, prorationDate);
  } catch (error) {
    return { error: billingFailureMessage(error, 'switching your plan') };
  }
  revalidatePath('/account');
  redirect('/account?updated=switched');
});

export const openPortalAction = validatedActionWithUser(attempt, async (_input, user) => {
  let url: string;
  try {
    url = await billingPortalUrl(user);
  } catch (error) {
    return { error: billingFailureMessage(error, 'opening the billing portal') };
  }
  redirect(url);
});

export async function prepareCardSetup(attemptId: string): Promise<PreparedPayment> {
  return prepared('preparing the card form', z.object({ attemptId: z.uuid() }), { attemptId }, async (input, user) => ({
    kind: 'setup',
    clientSecret: await startCardSetup(user, input.attemptId),
    returnPath: '/account/card/complete',
  }));
}
