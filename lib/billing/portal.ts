// "Manage billing": a Stripe customer portal session for the signed-in user's own customer.
import 'server-only';
import { stripe } from '@/lib/stripe/client';
import { appUrl } from './app-url';
import { ensureStripeCustomer, type CustomerOwner } from './customers';

/** The portal URL to send the customer to; they come back to `returnPath`. */
export async function billingPortalUrl(user: CustomerOwner, returnPath = '/account'): Promise<string> {
  const customerId = await ensureStripeCustomer(user);
  const session = await stripe().billingPortal.sessions.create({ customer: customerId, return_url: appUrl(returnPath) });
  return session.url;
}
