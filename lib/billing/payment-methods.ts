// The customer's saved card: what the account page shows, saving a new one with a SetupIntent (no
// charge), and making a saved card the default for the customer and their live subscriptions.
import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb, type Database } from '@/lib/db/client';
import { stripeCustomers, stripePaymentMethods } from '@/lib/db/schema/billing';
import { logError } from '@/lib/log-error';
import { stripe, type Stripe } from '@/lib/stripe/client';
import { customerIdForOrganisation, ensureStripeCustomer, type CustomerOwner } from './customers';
import { isMissingResource } from './errors';
import { isLive } from './subscription-mirror';
import { syncWith } from './sync';
import { idOf } from '@/lib/stripe/ids';

export interface SavedCard {
  id: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

/**
 * The card future payments use: the customer's invoice default, else the subscription's own
 * default, read from the mirror. Only when the mirror does not hold that payment method yet (its
 * events are still on their way, or it was saved before payment methods were mirrored) does one
 * fetch, through the request budget, mirror it.
 */
export async function defaultCard(customerId: string, subscriptionDefault: string | null): Promise<SavedCard | null> {
  const db = await getDb();
  const [customer] = await db
    .select({ defaultPaymentMethodId: stripeCustomers.defaultPaymentMethodId })
    .from(stripeCustomers)
    .where(eq(stripeCustomers.id, customerId));
  const id = customer?.defaultPaymentMethodId ?? subscriptionDefault;
  if (!id) return null;
  const mirrored = await mirroredCard(db, id);
  if (mirrored !== undefined) return mirrored;
  try {
    await syncWith((run) => run.paymentMethod(id), { db });
  } catch (error) {
    if (!isMissingResource(error)) logError('payment-methods', 'mirroring the default payment method', error);
    return null;
  }
  return (await mirroredCard(db, id)) ?? null;
}

/** A mirrored payment method as a card (null: not a card); undefined when the mirror lacks it. */
async function mirroredCard(db: Database, id: string): Promise<SavedCard | null | undefined> {
  const [method] = await db.select().from(stripePaymentMethods).where(eq(stripePaymentMethods.id, id));
  if (!method) return undefined;
  if (!method.cardBrand || !method.cardLast4 || method.cardExpMonth === null || method.cardExpYear === null) return null;
  return { id: method.id, brand: method.cardBrand, last4: method.cardLast4, expMonth: method.cardExpMonth, expYear: method.cardExpYear };
}

function toSavedCard(method: Stripe.PaymentMethod): SavedCard | null {
  if (!method.card) return null;
  return { id: method.id, brand: method.card.brand, last4: method.card.last4, expMonth: method.card.exp_month, expYear: method.card.exp_year };
}

/** A SetupIntent that saves a card for later payments, for the "update card" form. */
export async function startCardSetup(user: CustomerOwner, attemptId: string): Promise<string> {
  const customerId = await ensureStripeCustomer(user);
  const intent = await stripe().setupIntents.create(
    { customer: customerId, usage: 'off_session', automatic_payment_methods: { enabled: true }, metadata: { user_id: user.id, purpose: 'update_card' } },
    { idempotencyKey: `paydesk-card-setup-${user.id}-${attemptId}` },
  );
  return intent.client_secret!;
}

export type CardSetupOutcome =
  | { state: 'saved'; card: SavedCard | null }
  | { state: 'pending' }
  | { state: 'failed'; message: string };

/**
 * Reads a confirmed SetupIntent back (the browser only says it finished) and makes its card the
 * default for the customer and for each live subscription. Null when the intent is not this user's.
 * Idempotent: running it again for the same intent changes nothing.
 */
export async function adoptSavedCard(user: CustomerOwner, setupIntentId: string): Promise<CardSetupOutcome | null> {
  const customerId = await customerIdForOrganisation(await getDb(), user.organisation.id);
  if (!customerId) return null;
  let intent: Stripe.SetupIntent;
  try {
    intent = await stripe().setupIntents.retrieve(setupIntentId, { expand: ['payment_method'] });
  } catch (error) {
    if (isMissingResource(error)) return null;
    throw error;
  }
  if (idOf(intent.customer) !== customerId) return null;
  if (intent.status === 'processing') return { state: 'pending' };
  if (intent.status !== 'succeeded' || !intent.payment_method) {
    return { state: 'failed', message: intent.last_setup_error?.message ?? 'The card was not saved. Try again or use another card.' };
  }
  const method = intent.payment_method as Stripe.PaymentMethod;
  await makeDefaultPaymentMethod(customerId, method.id);
  return { state: 'saved', card: toSavedCard(method) };
}

async function makeDefaultPaymentMethod(customerId: string, paymentMethodId: string): Promise<void> {
  const client = stripe();
  await client.customers.update(customerId, { invoice_settings: { default_payment_method: paymentMethodId } });
  const subscriptions = await client.subscriptions.list({ customer: customerId, status: 'all', limit: 100 });
  const live = subscriptions.data.filter((s) => isLive(s.status) || s.status === 'incomplete');
  await Promise.all(
    live
      .filter((s) => idOf(s.default_payment_method) !== paymentMethodId)
      .map((s) => client.subscriptions.update(s.id, { default_payment_method: paymentMethodId })),
  );
  await syncWith((run) => Promise.all([run.customer(customerId), run.paymentMethod(paymentMethodId), ...live.map((s) => run.subscription(s.id))]));
}
