// In-app one-time purchases (the Payment Element form): our order is written first, then its
// PaymentIntent is created (idempotently, keyed by the order) and linked to it. The history shows
// the order's lines for the payment; the order's status follows the PaymentIntent (sync/write.ts).
import { and, eq, inArray } from 'drizzle-orm';
import { getDb, type Database } from '@/lib/db/client';
import { orderLines, orders, stripePrices, stripeProducts } from '@/lib/db/schema/billing';
import { stripe as defaultStripe, type Stripe } from '@/lib/stripe/client';
import { ensureStripeCustomer, type CustomerOwner } from './customers';
import { syncPaymentIntent } from './sync';

/** A problem the buyer can act on; its message is safe to show. */
export class OrderError extends Error {}

export interface OrderLineInput {
  priceId: string;
  quantity: number;
}

export interface OrderPayment {
  orderId: string;
  paymentIntentId: string;
  clientSecret: string;
  amount: number;
  currency: string;
}

export async function createOrderPayment(
  user: CustomerOwner,
  lines: OrderLineInput[],
  options: { db?: Database; stripe?: Stripe } = {},
): Promise<OrderPayment> {
  const db = options.db ?? (await getDb());
  const client = options.stripe ?? defaultStripe();
  if (lines.length === 0 || lines.some((l) => !Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > 100)) {
    throw new OrderError('Choose at least one item, with a quantity between 1 and 100.');
  }
  const customerId = await ensureStripeCustomer(user, { db, stripe: client });

  const prices = await db
    .select({ id: stripePrices.id, productId: stripePrices.productId, currency: stripePrices.currency, unitAmount: stripePrices.unitAmount, productName: stripeProducts.name })
    .from(stripePrices)
    .innerJoin(stripeProducts, eq(stripeProducts.id, stripePrices.productId))
    .where(
      and(
        inArray(stripePrices.id, lines.map((l) => l.priceId)),
        eq(stripePrices.active, true),
        eq(stripePrices.type, 'one_time'),
        eq(stripePrices.deleted, false),
        eq(stripeProducts.active, true),
      ),
    );
  const priceById = new Map(prices.map((p) => [p.id, p]));
  const priced = lines.map((line, position) => {
    const price = priceById.get(line.priceId);
    if (!price || price.unitAmount == null) throw new OrderError('One of these items is no longer available.');
    return { position, price, quantity: line.quantity, amount: price.unitAmount * line.quantity };
  });
  const currency = priced[0].price.currency;
  if (priced.some((p) => p.price.currency !== currency)) throw new OrderError('All items must be in the same currency.');
  const amount = priced.reduce((sum, p) => sum + p.amount, 0);

  const orderId = await db.transaction(async (tx) => {
    const [order] = await tx.insert(orders).values({ userId: user.id, customerId, currency, amountTotal: amount }).returning({ id: orders.id });
    await tx.insert(orderLines).values(
      priced.map((p) => ({
        orderId: order.id,
        position: p.position,
        priceId: p.price.id,
        productId: p.price.productId,
        description: p.price.productName,
        quantity: p.quantity,
        unitAmount: p.price.unitAmount!,
        amount: p.amount,
      })),
    );
    return order.id;
  });

  const intent = await client.paymentIntents.create(
    {
      amount,
      currency,
      customer: customerId,
      automatic_payment_methods: { enabled: true },
      description: priced.map((p) => `${p.quantity} × ${p.price.productName}`).join(', '),
      metadata: { order_id: orderId, user_id: user.id },
    },
    { idempotencyKey: `paydesk-order-${orderId}` },
  );
  await db.update(orders).set({ paymentIntentId: intent.id }).where(eq(orders.id, orderId));
  await syncPaymentIntent(intent.id, { db, stripe: client });
  return { orderId, paymentIntentId: intent.id, clientSecret: intent.client_secret!, amount, currency };
}
