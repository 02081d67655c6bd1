'use server';
// The server half of the in-app Payment Element form: each action creates (or, for the same attempt,
// returns again) the intent the browser then confirms, for the signed-in user only.
import { z } from 'zod';
import { catalogPrice } from '@/lib/billing/catalog-queries';
import { invoicePayment } from '@/lib/billing/open-invoices';
import { createOrderPayment, OrderError } from '@/lib/billing/orders';
import { startSubscription } from '@/lib/billing/subscriptions';
import type { PreparedPayment } from '@/components/billing/payment-form';
import { prepared } from './prepared-payment';

const priceId = z.string().regex(/^price_\w+$/);
const attemptId = z.uuid();

export async function prepareSubscriptionPayment(price: string, attempt: string): Promise<PreparedPayment> {
  return prepared('starting your subscription', z.object({ price: priceId, attempt: attemptId }), { price, attempt }, async (input, user) => {
    const payment = await startSubscription(user, input.price, input.attempt);
    return { kind: payment.kind, clientSecret: payment.clientSecret, returnPath: `/checkout/complete?${new URLSearchParams({ subscription: payment.subscriptionId })}` };
  });
}

export async function prepareOrderPayment(price: string, attempt: string): Promise<PreparedPayment> {
  return prepared('starting your payment', z.object({ price: priceId, attempt: attemptId }), { price, attempt }, async (input, user) => {
    // Only what the pricing page sells as a one-time purchase (an add-on), checked by the same rule.
    const price = await catalogPrice(input.price);
    if (!price || price.interval) throw new OrderError('This item is not for sale.');
    // The form caches the answer for its attempt, so a declined card retries this same order.
    const order = await createOrderPayment(user, [{ priceId: input.price, quantity: 1 }]);
    return { kind: 'payment', clientSecret: order.clientSecret, returnPath: '/checkout/complete' };
  });
}

export async function prepareInvoicePayment(attempt: string): Promise<PreparedPayment> {
  return prepared('preparing the payment of your invoice', z.object({ attempt: attemptId }), { attempt }, async (_input, user) => {
    const owed = await invoicePayment(user);
    return { kind: 'payment', clientSecret: owed.clientSecret, returnPath: `/checkout/complete?${new URLSearchParams({ invoice: owed.id })}` };
  });
}
