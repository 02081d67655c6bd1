// What the in-app payment form's return page shows: the browser says a payment (or a saved card)
// finished, and this checks it with Stripe — the objects must belong to the signed-in user's
// customer — then syncs them so the mirror, and every page reading it, has the result.
import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { orderLines, orders, stripeInvoices, stripeProducts, stripeSubscriptions } from '@/lib/db/schema/billing';
import { stripe, type Stripe } from '@/lib/stripe/client';
import { idOf } from '@/lib/stripe/ids';
import { customerIdForOrganisation, type CustomerOwner } from './customers';
import { isMissingResource } from './errors';
import { adoptSavedCard } from './payment-methods';
import { syncWith } from './sync';

export interface PaymentReturn {
  paymentIntentId?: string;
  setupIntentId?: string;
  subscriptionId?: string;
  invoiceId?: string;
}

export type PaymentOutcome = {
  /** What was bought, for the confirmation. */
  purchase: 'subscription' | 'order' | 'invoice';
  items: { name: string; quantity: number | null; amount: number }[];
  amount: number | null;
  currency: string | null;
  trialEnd: Date | null;
} & (
  | { state: 'done' }
  /** Stripe has it, the mirror (or the payment) has not settled yet. */
  | { state: 'finishing' }
  | { state: 'failed'; message: string }
);

/** The result behind a return URL, or null when any id in it is unknown or not this user's. */
export async function inAppPaymentOutcome(user: CustomerOwner, ids: PaymentReturn): Promise<PaymentOutcome | null> {
  const db = await getDb();
  const customerId = await customerIdForOrganisation(db, user.organisation.id);
  if (!customerId) return null;
  const client = stripe();
  const owned = <T extends { customer: string | { id: string } | null }>(object: T | null) => (object && idOf(object.customer) === customerId ? object : null);

  const [intent, subscription, invoice] = await Promise.all([
    ids.paymentIntentId ? retrieveOrNull(() => client.paymentIntents.retrieve(ids.paymentIntentId!)) : null,
    ids.subscriptionId ? retrieveOrNull(() => client.subscriptions.retrieve(ids.subscriptionId!)) : null,
    ids.invoiceId ? retrieveOrNull(() => client.invoices.retrieve(ids.invoiceId!)) : null,
  ]);
  if ((ids.paymentIntentId && !owned(intent)) || (ids.subscriptionId && !owned(subscription)) || (ids.invoiceId && !owned(invoice))) return null;

  let cardFailure: string | null = null;
  if (ids.setupIntentId) {
    // A trial: the card saved by the SetupIntent becomes the subscription's default.
    const saved = await adoptSavedCard(user, ids.setupIntentId);
    if (!saved) return null;
    if (saved.state === 'failed') cardFailure = saved.message;
  }

  const invoiceId = invoice?.id ?? (subscription ? idOf(subscription.latest_invoice) : null);
  await syncWith(
    (run) =>
      Promise.all([
        intent ? run.paymentIntent(intent.id) : null,
        subscription ? run.subscription(subscription.id) : null,
        invoiceId ? run.invoice(invoiceId) : null,
      ]),
    { db },
  );

  const failure = cardFailure ?? failureOf(intent);
  if (subscription) {
    const [row] = await db.select({ status: stripeSubscriptions.status, trialEnd: stripeSubscriptions.trialEnd }).from(stripeSubscriptions).where(eq(stripeSubscriptions.id, subscription.id));
    const [bill] = invoiceId ? await db.select({ total: stripeInvoices.total, currency: stripeInvoices.currency }).from(stripeInvoices).where(eq(stripeInvoices.id, invoiceId)) : [];
    const item = subscription.items.data[0];
    const base = {
      purchase: 'subscription' as const,
      items: item ? [{ name: await productName(idOf(item.price.product)), quantity: item.quantity ?? 1, amount: bill?.total ?? item.price.unit_amount ?? 0 }] : [],
      amount: bill?.total ?? null,
      currency: bill?.currency ?? subscription.currency,
      trialEnd: row?.trialEnd ?? null,
    };
    if (row && ['active', 'trialing'].includes(row.status) && !cardFailure) return { ...base, state: 'done' };
    return failure ? { ...base, state: 'failed', message: failure } : { ...base, state: 'finishing' };
  }

  if (invoice) {
    const [row] = await db.select({ status: stripeInvoices.status, amountPaid: stripeInvoices.amountPaid, currency: stripeInvoices.currency }).from(stripeInvoices).where(eq(stripeInvoices.id, invoice.id));
    const base = { purchase: 'invoice' as const, items: [], amount: invoice.amount_due, currency: invoice.currency, trialEnd: null };
    if (row?.status === 'paid') return { ...base, state: 'done' };
    return failure ? { ...base, state: 'failed', message: failure } : { ...base, state: 'finishing' };
  }

  if (!intent) return null;
  const lines = await db
    .select({ name: orderLines.description, quantity: orderLines.quantity, amount: orderLines.amount })
    .from(orders)
    .innerJoin(orderLines, eq(orderLines.orderId, orders.id))
    .where(eq(orders.paymentIntentId, intent.id))
    .orderBy(orderLines.position);
  const base = { purchase: 'order' as const, items: lines, amount: intent.amount, currency: intent.currency, trialEnd: null };
  if (intent.status === 'succeeded') return { ...base, state: 'done' };
  return failure ? { ...base, state: 'failed', message: failure } : { ...base, state: 'finishing' };
}

function failureOf(intent: Stripe.PaymentIntent | null): string | null {
  if (!intent || intent.status !== 'requires_payment_method' || !intent.last_payment_error) return null;
  return intent.last_payment_error.message ?? 'The payment did not go through. Try again or use another card.';
}

async function productName(productId: string | null): Promise<string> {
  if (!productId) return 'Plan';
  const [row] = await (await getDb()).select({ name: stripeProducts.name }).from(stripeProducts).where(eq(stripeProducts.id, productId));
  return row?.name ?? 'Plan';
}

async function retrieveOrNull<T>(retrieve: () => Promise<T>): Promise<T | null> {
  try {
    return await retrieve();
  } catch (error) {
    if (isMissingResource(error)) return null;
    throw error;
  }
}
