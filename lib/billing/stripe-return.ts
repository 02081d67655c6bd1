// The pages Stripe sends a customer back to (after Checkout, after saving a card) carry an id in the
// query. The id alone proves nothing: what the page shows comes from Stripe, for the signed-in user's organisation.
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { billingRole } from '@/lib/auth/roles';
import { requireMember, type CurrentMember } from '@/lib/auth/session';

/**
 * The signed-in billing manager's view of the object Stripe named in `param`: `verify` asks Stripe about it for
 * this organisation. A missing or malformed id, or one `verify` does not vouch for (not this user's), is a 404.
 */
export async function verifiedStripeReturn<T>(
  searchParams: Promise<Record<string, string | string[] | undefined>>,
  param: string,
  idSchema: z.ZodType<string>,
  verify: (user: CurrentMember, id: string) => Promise<T | null | undefined | false>,
): Promise<T> {
  const user = await requireMember(billingRole);
  const parsed = z.object({ [param]: idSchema }).safeParse(await searchParams);
  return (parsed.success && (await verify(user, parsed.data[param]!))) || notFound();
}
