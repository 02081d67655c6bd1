// What the in-app payment form's return page shows: the browser says a payment (or a saved card)
// finished, and this checks it — the objects must belong to the signed-in organisation's customer.
// Mirror first: when the mirror already holds the finished state (the webhooks came first, as they
// usually do), the page costs no Stripe call. Otherwise one round of retrieves, in parallel through
// the request budget, is synced into the mirror, and the outcome is read from there.
import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb, type Database } from '@/lib/db/client';
import { orderLines, orders, stripeInvoices, stripePaymentIntents } from '@/lib/db/schema/billing';
import { stripe } from '@/lib/stripe/client';
import { idOf } from '@/lib/stripe/ids';
import { customerIdForOrganisation, type CustomerOwner } from './customers';
import { isMissingResource } from './errors';
import { adoptSavedCard } from './payment-methods';
import { subscriptionById } from './subscription-mirror';
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

/** The result behind a return URL, or null when any id in it is unknown or not this organisation's. */
export async function inAppPaymentOutcome(user: CustomerOwner, ids: PaymentReturn, options: { db?: Database } = {}): Promise<PaymentOutcome | null> {
  const db = options.db ?? (await getDb());
  const customerId = await customerIdForOrganisation(db, user.organisation.id);
  if (!customerId) return null;

  let cardFailure: string | null = null;
  if (ids.setupIntentId) {
    // A trial: the card saved by the SetupIntent becomes the subscription's default.
    const saved = await adoptSavedCard(user, ids.setupIntentId);
    if (!saved) return null;
    if (saved.state === 'failed') cardFailure = saved.message;
  }

  const mirrored = await mirroredOutcome(db, customerId, ids, cardFailure);
  if (mirrored === 'not-owned') return null;
  // Only a finished state is taken from the mirror: a failure or a wait may be behind a retry that
  // Stripe already has (a declined attempt, then another card on the same PaymentIntent).
  if (mirrored !== 'not-mirrored' && mirrored.state === 'done') return mirrored;
  if (!(await refreshFromStripe(db, customerId, ids))) return null;
  const outcome = await mirroredOutcome(db, customerId, ids, cardFailure);
  return outcome === 'not-owned' || outcome === 'not-mirrored' ? null : outcome;
}

/**
 * Retrieves what the return URL names, checks it is the customer's, and syncs it (with the
 * subscription's latest invoice). False when an id is unknown to Stripe or someone else's.
 */
async function refreshFromStripe(db: Database, customerId: string, ids: PaymentReturn): Promise<boolean> {
  const client = stripe();
  const [intent, subscription, invoice] = await Promise.all([
    ids.paymentIntentId ? retrieveOrNull(() => client.paymentIntents.retrieve(ids.paymentIntentId!)) : null,
    ids.subscriptionId ? retrieveOrNull(() => client.subscriptions.retrieve(ids.subscriptionId!)) : null,
    ids.invoiceId ? retrieveOrNull(() => client.invoices.retrieve(ids.invoiceId!)) : null,
  ]);
  const owned = (object: { customer: string | { id: string } | null } | null) => object !== null && idOf(object.customer) === customerId;
  if ((ids.paymentIntentId && !owned(intent)) || (ids.subscriptionId && !owned(subscription)) || (ids.invoiceId && !owned(invoice))) return false;
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
  return true;
}

/** The outcome as the mirror has it; 'not-mirrored' when it lacks something the return URL names. */
async function mirroredOutcome(
  db: Database,
  customerId: string,
  ids: PaymentReturn,
  cardFailure: string | null,
): Promise<PaymentOutcome | 'not-owned' | 'not-mirrored'> {
  const [intent, subscription, invoice] = await Promise.all([
    ids.paymentIntentId ? db.select().from(stripePaymentIntents).where(eq(stripePaymentIntents.id, ids.paymentIntentId)).then((r) => r[0] ?? null) : null,
    ids.subscriptionId ? subscriptionById(ids.subscriptionId, { db }) : null,
    ids.invoiceId ? mirroredInvoice(db, ids.invoiceId) : null,
  ]);
  const named = [ids.paymentIntentId && intent, ids.subscriptionId && subscription, ids.invoiceId && invoice];
  if (named.some((row) => row === null)) return 'not-mirrored';
  if (named.some((row) => row && row.customerId !== customerId)) return 'not-owned';
  const failure = cardFailure ?? failureOf(intent);

  if (subscription) {
    const bill = subscription.latestInvoiceId ? await mirroredInvoice(db, subscription.latestInvoiceId) : null;
    if (subscription.latestInvoiceId && !bill) return 'not-mirrored';
    const plan = subscription.plan;
    const base = {
      purchase: 'subscription' as const,
      items: plan ? [{ name: plan.name, quantity: plan.quantity, amount: bill?.total ?? plan.unitAmount ?? 0 }] : [],
      amount: bill?.total ?? null,
      currency: bill?.currency ?? plan?.currency ?? null,
      trialEnd: subscription.trialEnd,
    };
    if (['active', 'trialing'].includes(subscription.status) && !cardFailure) return { ...base, state: 'done' };
    return failure ? { ...base, state: 'failed', message: failure } : { ...base, state: 'finishing' };
  }

  if (invoice) {
    const base = { purchase: 'invoice' as const, items: [], amount: invoice.amountDue, currency: invoice.currency, trialEnd: null };
    if (invoice.status === 'paid') return { ...base, state: 'done' };
    return failure ? { ...base, state: 'failed', message: failure } : { ...base, state: 'finishing' };
  }

  if (!intent) return 'not-mirrored';
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

async function mirroredInvoice(db: Database, id: string) {
  const [row] = await db
    .select({ customerId: stripeInvoices.customerId, status: stripeInvoices.status, total: stripeInvoices.total, amountDue: stripeInvoices.amountDue, currency: stripeInvoices.currency })
    .from(stripeInvoices)
    .where(eq(stripeInvoices.id, id));
  return row ?? null;
}

function failureOf(intent: { status: string; lastErrorMessage: string | null } | null): string | null {
  if (!intent || intent.status !== 'requires_payment_method' || !intent.lastErrorMessage) return null;
  return intent.lastErrorMessage;
}

async function retrieveOrNull<T>(retrieve: () => Promise<T>): Promise<T | null> {
  try {
    return await retrieve();
  } catch (error) {
    if (isMissingResource(error)) return null;
    throw error;
  }
}
