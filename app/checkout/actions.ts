'use server';
// The server half of the in-app Payment Element form: each action creates (or, for the same attempt,
// returns again) the intent the browser then confirms, for the signed-in user only.
import { z } from 'zod';
import { preparePayment, type PreparedPayment } from '@/lib/auth/validated-action';
import { catalogPrice } from '@/lib/billing/catalog-queries';
import { createOrderPayment } from '@/lib/billing/orders';
import { seatsFieldSchema } from '@/lib/billing/seat-count';
import { startSubscription } from '@/lib/billing/subscriptions';
import { UserError } from '@/lib/errors';
import { attemptIdSchema, priceIdSchema } from '@/lib/stripe/ids';

const purchase = z.object({ priceId: priceIdSchema, attemptId: attemptIdSchema });

const subscriptionPurchase = purchase.extend({ seats: seatsFieldSchema });

export async function prepareSubscriptionPayment(priceId: string, attemptId: string): Promise<PreparedPayment> {
  return subscriptionPayment({ priceId, attemptId });
}

/** The same for a per-seat plan (Team), with the number of seats to buy. */
export async function prepareSeatSubscriptionPayment(priceId: string, seats: number, attemptId: string): Promise<PreparedPayment> {
  return subscriptionPayment({ priceId, seats, attemptId });
}

async function subscriptionPayment(input: { priceId: string; attemptId: string; seats?: number }): Promise<PreparedPayment> {
  return preparePayment({ schema: subscriptionPurchase, doing: 'starting your subscription', limit: 'payment' }, input, async ({ priceId, attemptId, seats }, user) => {
    const payment = await startSubscription(user, priceId, attemptId, seats);
    return { kind: payment.kind, clientSecret: payment.clientSecret, returnPath: `/checkout/complete?${new URLSearchParams({ subscription: payment.subscriptionId })}` };
  });
}

export async function prepareOrderPayment(priceId: string, attemptId: string): Promise<PreparedPayment> {
  return preparePayment({ schema: purchase, doing: 'starting your payment', limit: 'payment' }, { priceId, attemptId }, async (input, user) => {
    // Only what the pricing page sells as a one-time purchase (an add-on), checked by the same rule.
    const price = await catalogPrice(input.priceId);
    if (!price || price.interval) throw new UserError('This item is not for sale.');
    // The same attempt (a retry after a declined card, a double submit) returns this same order.
    const order = await createOrderPayment(user, [{ priceId: input.priceId, quantity: 1 }], input.attemptId);
    return { kind: 'payment', clientSecret: order.clientSecret, returnPath: '/checkout/complete' };
  });
}
