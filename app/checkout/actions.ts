'use server';
// The server half of the in-app Payment Element form: each action creates (or, for the same attempt,
// returns again) the intent the browser then confirms, for the signed-in user only.
import { z } from 'zod';
import { callWithUser, preparePayment, type PreparedPayment } from '@/lib/auth/validated-action';
import { catalogPrice } from '@/lib/billing/catalog-queries';
import { customerIdForOrganisation } from '@/lib/billing/customers';
import { createOrderPayment } from '@/lib/billing/orders';
import { quotePromotionCode, type PromotionQuote } from '@/lib/billing/promotions';
import { seatsFieldSchema } from '@/lib/billing/seat-count';
import { startSubscription } from '@/lib/billing/subscriptions';
import { UserError } from '@/lib/errors';
import { getDb } from '@/lib/db/client';
import { attemptIdSchema, priceIdSchema } from '@/lib/stripe/ids';

const purchase = z.object({ priceId: priceIdSchema, attemptId: attemptIdSchema });
const codeSchema = z.string().trim().min(1, 'Enter a code.').max(100, 'That code is too long.').regex(/^[A-Za-z0-9_-]+$/, 'Codes are letters, digits, dashes and underscores.');
const planPurchase = purchase.extend({ promotionCode: codeSchema.nullable() });

const subscriptionPurchase = planPurchase.extend({ seats: seatsFieldSchema });

/** `promotionCode`: a code the form checked (checkPromotionCode); checked again as the subscription starts. */
export async function prepareSubscriptionPayment(priceId: string, attemptId: string, promotionCode: string | null = null): Promise<PreparedPayment> {
  return subscriptionPayment({ priceId, attemptId, promotionCode });
}

/** The same for a per-seat plan (Team), with the number of seats to buy. */
export async function prepareSeatSubscriptionPayment(priceId: string, seats: number, attemptId: string, promotionCode: string | null = null): Promise<PreparedPayment> {
  return subscriptionPayment({ priceId, seats, attemptId, promotionCode });
}

async function subscriptionPayment(input: { priceId: string; attemptId: string; seats?: number; promotionCode: string | null }): Promise<PreparedPayment> {
  return preparePayment({ schema: subscriptionPurchase, doing: 'starting your subscription', limit: 'payment' }, input, async ({ priceId, attemptId, seats, promotionCode }, user) => {
    const payment = await startSubscription(user, priceId, attemptId, { seats, promotionCode });
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

export type CodeCheck = { ok: true; value: PromotionQuote } | { ok: false; error: string };

/** Checks a promotion code for a plan before paying: what it takes off, or why it does not apply. */
export async function checkPromotionCode(priceId: string, seats: number, code: string): Promise<CodeCheck> {
  const schema = z.object({ priceId: priceIdSchema, seats: seatsFieldSchema, code: codeSchema });
  return callWithUser({ schema, doing: 'checking your code', limit: 'payment' }, { priceId, seats, code }, async (input, user) => {
    const price = await catalogPrice(input.priceId);
    if (!price?.interval) throw new UserError('Codes apply to plans. Pick one from the pricing page.');
    const customerId = await customerIdForOrganisation(await getDb(), user.organisation.id);
    return quotePromotionCode(input.code, price, customerId, { quantity: price.perSeat ? (input.seats ?? 1) : 1 });
  });
}
