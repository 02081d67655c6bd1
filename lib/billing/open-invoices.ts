// The past-due path: the subscription invoice the customer still owes, and the client secret the
// Payment Element needs to pay it with a (new) card.
import 'server-only';
import { and, desc, eq, gt } from 'drizzle-orm';
import { getDb, type Database } from '@/lib/db/client';
import { stripeInvoices } from '@/lib/db/schema/billing';
import { stripe } from '@/lib/stripe/client';
import { UserError } from '@/lib/errors';
import { idOf } from '@/lib/stripe/ids';
import { customerIdForOrganisation, type CustomerOwner } from './customers';
import { subscriptionForCustomer } from './subscription-mirror';

export interface OwedInvoice {
  id: string;
  number: string | null;
  amountDue: number;
  currency: string;
  hostedInvoiceUrl: string | null;
}

/** The subscription's newest open invoice with money still due, from the mirror. */
export async function owedSubscriptionInvoice(customerId: string, subscriptionId: string, options: { db?: Database } = {}): Promise<OwedInvoice | null> {
  const db = options.db ?? (await getDb());
  const [row] = await db
    .select({ id: stripeInvoices.id, number: stripeInvoices.number, amountDue: stripeInvoices.amountRemaining, currency: stripeInvoices.currency, hostedInvoiceUrl: stripeInvoices.hostedInvoiceUrl })
    .from(stripeInvoices)
    .where(
      and(
        eq(stripeInvoices.customerId, customerId),
        eq(stripeInvoices.subscriptionId, subscriptionId),
        eq(stripeInvoices.status, 'open'),
        gt(stripeInvoices.amountRemaining, 0),
      ),
    )
    .orderBy(desc(stripeInvoices.created), desc(stripeInvoices.id))
    .limit(1);
  return row ?? null;
}

/** What the user owes on their current subscription, looked up through their own customer. */
export async function owedByUser(user: CustomerOwner, options: { db?: Database } = {}): Promise<(OwedInvoice & { customerId: string }) | null> {
  const db = options.db ?? (await getDb());
  const customerId = await customerIdForOrganisation(db, user.organisation.id);
  const subscription = customerId ? await subscriptionForCustomer(customerId, { db }) : null;
  const owed = customerId && subscription ? await owedSubscriptionInvoice(customerId, subscription.id, { db }) : null;
  return owed && customerId ? { ...owed, customerId } : null;
}

/** The open invoice the user owes and the secret to pay it in the browser; a UserError if nothing is owed. */
export async function invoicePayment(user: CustomerOwner): Promise<OwedInvoice & { clientSecret: string }> {
  const owed = await owedByUser(user);
  if (!owed) throw new UserError('There is nothing to pay right now.');
  const { customerId } = owed;
  const invoice = await stripe().invoices.retrieve(owed.id, { expand: ['confirmation_secret'] });
  const secret = invoice.confirmation_secret?.client_secret;
  if (idOf(invoice.customer) !== customerId || invoice.status !== 'open' || !secret) throw new UserError('This invoice can no longer be paid here. Refresh the page.');
  return { id: owed.id, number: owed.number, currency: owed.currency, hostedInvoiceUrl: owed.hostedInvoiceUrl, amountDue: invoice.amount_remaining, clientSecret: secret };
}
