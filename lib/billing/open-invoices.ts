// The past-due path: the subscription invoice the customer still owes, and the client secret the
// Payment Element needs to pay it with a (new) card.
import 'server-only';
import { and, desc, eq, gt, isNotNull } from 'drizzle-orm';
import { getDb, type Database } from '@/lib/db/client';
import { stripeInvoices } from '@/lib/db/schema/billing';
import { stripe } from '@/lib/stripe/client';
import { customerIdForUser, type CustomerOwner } from './customers';
import { BillingError } from './errors';
import { idOf } from './sync/ids';

export interface OwedInvoice {
  id: string;
  number: string | null;
  amountDue: number;
  currency: string;
  hostedInvoiceUrl: string | null;
}

/** The customer's newest open subscription invoice with money still due, from the mirror. */
export async function owedSubscriptionInvoice(customerId: string, options: { db?: Database } = {}): Promise<OwedInvoice | null> {
  const db = options.db ?? (await getDb());
  const [row] = await db
    .select({ id: stripeInvoices.id, number: stripeInvoices.number, amountDue: stripeInvoices.amountRemaining, currency: stripeInvoices.currency, hostedInvoiceUrl: stripeInvoices.hostedInvoiceUrl })
    .from(stripeInvoices)
    .where(and(eq(stripeInvoices.customerId, customerId), eq(stripeInvoices.status, 'open'), isNotNull(stripeInvoices.subscriptionId), gt(stripeInvoices.amountRemaining, 0)))
    .orderBy(desc(stripeInvoices.created), desc(stripeInvoices.id))
    .limit(1);
  return row ?? null;
}

/** The open invoice the user owes and the secret to pay it in the browser; a BillingError if nothing is owed. */
export async function invoicePayment(user: CustomerOwner): Promise<OwedInvoice & { clientSecret: string }> {
  const db = await getDb();
  const customerId = await customerIdForUser(db, user.id);
  const owed = customerId ? await owedSubscriptionInvoice(customerId, { db }) : null;
  if (!customerId || !owed) throw new BillingError('There is nothing to pay right now.');
  const invoice = await stripe().invoices.retrieve(owed.id, { expand: ['confirmation_secret'] });
  const secret = invoice.confirmation_secret?.client_secret;
  if (idOf(invoice.customer) !== customerId || invoice.status !== 'open' || !secret) throw new BillingError('This invoice can no longer be paid here. Refresh the page.');
  return { ...owed, amountDue: invoice.amount_remaining, clientSecret: secret };
}
