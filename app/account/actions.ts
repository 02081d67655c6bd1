'use server';
// What the account pages change: cancel at period end, resume, switch plans, open the customer
// portal, save a new card, pay an open invoice, sign out everywhere. Each acts only on the signed-in
// user's own customer and subscription, found through their account, never through ids sent by the browser.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { signOut } from '@/lib/auth';
import { assertUser } from '@/lib/auth/session';
import { endAllSessions } from '@/lib/auth/sessions';
import { preparePayment, validatedActionWithUser, type PreparedPayment } from '@/lib/auth/validated-action';
import { invoicePayment } from '@/lib/billing/open-invoices';
import { startCardSetup } from '@/lib/billing/payment-methods';
import { billingPortalUrl } from '@/lib/billing/portal';
import { cancelScheduledChange, scheduleDowngrade, setPlanCancellation, switchPlanNow } from '@/lib/billing/plan-changes';
import { getDb } from '@/lib/db/client';
import { attemptIdSchema, priceIdSchema } from '@/lib/stripe/ids';

const attempt = z.object({ attemptId: attemptIdSchema });

export const cancelPlanAction = validatedActionWithUser({ schema: attempt, doing: 'canceling your plan', limit: 'plan' }, async (_input, user) => {
  await setPlanCancellation(user, true);
  revalidatePath('/account');
  return { redirectTo: '/account?updated=canceled' };
});

export const resumePlanAction = validatedActionWithUser({ schema: attempt, doing: 'resuming your plan', limit: 'plan' }, async (_input, user) => {
  await setPlanCancellation(user, false);
  revalidatePath('/account');
  return { redirectTo: '/account?updated=resumed' };
});

const switchSchema = attempt.extend({
  priceId: priceIdSchema,
  // The moment the preview was computed, so the charge matches what the customer saw (switchPlan
  // checks it lies in the current period).
  prorationDate: z.coerce.number().int().positive(),
});

export const switchPlanAction = validatedActionWithUser({ schema: switchSchema, doing: 'switching your plan', limit: 'plan' }, async (input, user) => {
  await switchPlanNow(user, input);
  revalidatePath('/account');
  return { redirectTo: '/account?updated=switched' };
});

export const scheduleDowngradeAction = validatedActionWithUser(
  { schema: attempt.extend({ priceId: priceIdSchema }), doing: 'scheduling your plan change', limit: 'plan' },
  async (input, user) => {
    await scheduleDowngrade(user, input.priceId, input.attemptId);
    revalidatePath('/account');
    return { redirectTo: '/account?updated=scheduled' };
  },
);

export const cancelPlanChangeAction = validatedActionWithUser({ schema: attempt, doing: 'canceling your plan change', limit: 'plan' }, async (_input, user) => {
  await cancelScheduledChange(user);
  revalidatePath('/account');
  return { redirectTo: '/account?updated=change-canceled' };
});

export const openPortalAction = validatedActionWithUser({ schema: attempt, doing: 'opening the billing portal', limit: 'portal' }, async (_input, user) => ({
  redirectTo: await billingPortalUrl(user),
}));

export async function prepareCardSetup(attemptId: string): Promise<PreparedPayment> {
  return preparePayment({ schema: attempt, doing: 'preparing the card form', limit: 'payment' }, { attemptId }, async (input, user) => ({
    kind: 'setup',
    clientSecret: await startCardSetup(user, input.attemptId),
    returnPath: '/account/card/complete',
  }));
}

export async function prepareInvoicePayment(attemptId: string): Promise<PreparedPayment> {
  return preparePayment({ schema: z.object({ attemptId: attemptIdSchema }), doing: 'preparing the payment of your invoice', limit: 'payment' }, { attemptId }, async (_input, user) => {
    const owed = await invoicePayment(user);
    return { kind: 'payment', clientSecret: owed.clientSecret, returnPath: `/checkout/complete?${new URLSearchParams({ invoice: owed.id })}` };
  });
}

/** Ends every session of the signed-in user, on every device, this one included. */
export async function signOutEverywhereAction() {
  const user = await assertUser();
  await endAllSessions(await getDb(), user.id);
  await signOut({ redirectTo: '/sign-in' });
}
