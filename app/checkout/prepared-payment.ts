// The shape every Payment Element "prepare" server action shares: signed-in user, zod-checked input,
// and an answer the form can show (Stripe's or our message) instead of a thrown error.
import 'server-only';
import { z } from 'zod';
import { AccessDenied, assertUser, type CurrentUser } from '@/lib/auth/session';
import { billingFailureMessage } from '@/lib/billing/errors';
import { OrderError } from '@/lib/billing/orders';
import type { PreparedPayment } from '@/components/billing/payment-form';

export async function prepared<S extends z.ZodType>(
  doing: string,
  schema: S,
  input: unknown,
  run: (input: z.output<S>, user: CurrentUser) => Promise<Omit<Extract<PreparedPayment, { ok: true }>, 'ok'>>,
): Promise<PreparedPayment> {
  let user: CurrentUser;
  try {
    user = await assertUser();
  } catch (error) {
    if (error instanceof AccessDenied) return { ok: false, error: 'Your session has ended. Sign in again to continue.' };
    throw error;
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, error: 'This page is out of date. Reload it and try again.' };
  try {
    return { ok: true, ...(await run(parsed.data, user)) };
  } catch (error) {
    if (error instanceof OrderError) return { ok: false, error: error.message };
    return { ok: false, error: billingFailureMessage(error, doing) };
  }
}
