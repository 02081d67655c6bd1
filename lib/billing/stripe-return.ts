// The pages Stripe sends a customer back to (after Checkout, after saving a card) carry an id in the
// query. The id alone proves nothing: what the page shows comes from Stripe, for the signed-in user.
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireUser, type CurrentUser } from '@/lib/auth/session';

/**
 * The signed-in user's view of the object Stripe named in `param`: `verify` asks Stripe about it for
 * this user. A missing or malformed id, or one `verify` does not vouch for (not this user's), is a 404.
 */
export async function verifiedStripeReturn<T>(
  searchParams: Promise<Record<string, string | string[] | undefined>>,
  param: string,
  idSchema: z.ZodType<string>,
  verify: (user: CurrentUser, id: string) => Promise<T | null | undefined | false>,
): Promise<T> {
  const user = await requireUser();
  const parsed = z.object({ [param]: idSchema }).safeParse(await searchParams);
  return (parsed.success && (await verify(user, parsed.data[param]!))) || notFound();
}
