// In-app one-time purchases (the Payment Element form): our order is written first, under the
// buyer's attempt id, then its PaymentIntent is created (idempotently, keyed by the order) and linked
// to it; the same attempt again returns the same order and PaymentIntent. The history shows the
// order's lines for the payment; the order's status follows the PaymentIntent (sync/write.ts).
import { and, asc, eq, inArray } from 'drizzle-orm';
import { getDb, type Database } from '@/lib/db/client';
import { orderLines, orders, stripePrices, stripeProducts } from '@/lib/db/schema/billing';
import { stripe as defaultStripe, type Stripe } from '@/lib/stripe/client';
import { UserError } from '@/lib/errors';
import { ensureStripeCustomer, type CustomerOwner } from './customers';
import { syncPaymentIntent } from './sync';


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

/**
 * The order for this attempt and the PaymentIntent paying it: created on the attempt's first call,
 * the same ones on every later call with the same attempt (a retry after a declined card, a double
 * submit, a request replayed by the network).
 */
export async function createOrderPayment(
  user: CustomerOwner,
  lines: OrderLineInput[],
  attemptId: string,
  options: { db?: Database; stripe?: Stripe } = {},
): Promise<OrderPayment> {
  const db = options.db ?? (await getDb());
  const client = options.stripe ?? defaultStripe();
  if (lines.length === 0 || lines.some((l) => !Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > 100)) {
    throw new UserError('Choose at least one item, with a quantity between 1 and 100.');
  }
  const earlier = await orderForAttempt(db, user.organisation.id, attemptId);
  if (earlier) return paymentForOrder(db, client, earlier);
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
    if (!price || price.unitAmount == null) throw new UserError('One of these items is no longer available.');
    return { position, price, quantity: line.quantity, amount: price.unitAmount * line.quantity };
  });
  const currency = priced[0].price.currency;
  if (priced.some((p) => p.price.currency !== currency)) throw new UserError('All items must be in the same currency.');
  const amount = priced.reduce((sum, p) => sum + p.amount, 0);

  const created = await db.transaction(async (tx) => {
    const [order] = await tx
      .insert(orders)
      .values({ organisationId: user.organisation.id, userId: user.id, customerId, currency, amountTotal: amount, attemptId })
      // A simultaneous call with the same attempt wrote it first: that order is the one.
      .onConflictDoNothing({ target: [orders.organisationId, orders.attemptId] })
      .returning(orderColumns);
    if (!order) return null;
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
    return order;
  });
  const order = created ?? (await orderForAttempt(db, user.organisation.id, attemptId));
  if (!order) throw new Error(`The order for attempt ${attemptId} vanished`);
  return paymentForOrder(db, client, order);
}

const orderColumns = {
  id: orders.id,
  organisationId: orders.organisationId,
  userId: orders.userId,
  customerId: orders.customerId,
  currency: orders.currency,
  amountTotal: orders.amountTotal,
  paymentIntentId: orders.paymentIntentId,
};
type OrderForPayment = { [K in keyof typeof orderColumns]: (typeof orders.$inferSelect)[K] };

async function orderForAttempt(db: Database, organisationId: string, attemptId: string): Promise<OrderForPayment | null> {
  const [order] = await db.select(orderColumns).from(orders).where(and(eq(orders.organisationId, organisationId), eq(orders.attemptId, attemptId)));
  return order ?? null;
}

/**
 * The order's PaymentIntent: the linked one, or one created from what the order holds under the
 * order's idempotency key, so every call for the order sends the same request and gets the same intent.
 */
async function paymentForOrder(db: Database, client: Stripe, order: OrderForPayment): Promise<OrderPayment> {
  let intent: Stripe.PaymentIntent;
  if (order.paymentIntentId) {
    intent = await client.paymentIntents.retrieve(order.paymentIntentId);
  } else {
    const lines = await db.select({ quantity: orderLines.quantity, description: orderLines.description }).from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(asc(orderLines.position));
    intent = await client.paymentIntents.create(
      {
        amount: order.amountTotal,
        currency: order.currency,
        customer: order.customerId,
        automatic_payment_methods: { enabled: true },
        description: lines.map((l) => `${l.quantity} × ${l.description}`).join(', '),
        metadata: { order_id: order.id, organisation_id: order.organisationId, user_id: order.userId },
      },
      { idempotencyKey: `paydesk-order-${order.id}` },
    );
    await db.update(orders).set({ paymentIntentId: intent.id }).where(eq(orders.id, order.id));
    await syncPaymentIntent(intent.id, { db, stripe: client });
  }
  return { orderId: order.id, paymentIntentId: intent.id, clientSecret: intent.client_secret!, amount: order.amountTotal, currency: order.currency };
}
