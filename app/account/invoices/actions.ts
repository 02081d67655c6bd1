'use server';
// Paying an invoice in parts: choose how much to pay now (parsed into minor units and checked
// against what the invoice owes), then the Payment Element confirms a PaymentIntent for that part,
// attached to the invoice. Both act only on the signed-in user's own invoice.
import { z } from 'zod';
import { preparePayment, validatedActionWithUser, type PreparedPayment } from '@/lib/auth/validated-action';
import { customerIdForOrganisation } from '@/lib/billing/customers';
import { invoiceView, partProblem, partsInput, startInvoicePart } from '@/lib/billing/invoice-parts';
import { getDb } from '@/lib/db/client';
import { parseMoney } from '@/lib/money';
import { attemptIdSchema, invoiceIdSchema } from '@/lib/stripe/ids';

const chooseSchema = z.object({
  invoiceId: invoiceIdSchema,
  amount: z.string().trim().min(1, 'Enter the amount to pay now.').max(30),
});

/** Checks the part against the mirror and moves on to the card form for exactly that amount. */
export const choosePartAction = validatedActionWithUser(
  { schema: chooseSchema, doing: 'choosing what to pay now', keep: (input) => ({ amount: input.amount }) },
  async (input, user) => {
    const db = await getDb();
    const customerId = await customerIdForOrganisation(db, user.organisation.id);
    const view = customerId ? await invoiceView(customerId, input.invoiceId, { db }) : null;
    if (!view) return { error: 'This invoice is not one of yours.' };
    const parsed = parseMoney(input.amount, view.currency);
    const problem = parsed.ok ? partProblem(parsed.amount, partsInput(view)) : parsed.message;
    if (problem || !parsed.ok) return { fieldErrors: { amount: [problem ?? 'Enter an amount.'] }, values: { amount: input.amount } };
    return { redirectTo: `/account/invoices/${view.id}/pay?${new URLSearchParams({ amount: String(parsed.amount) })}` };
  },
);

const partSchema = z.object({ invoiceId: invoiceIdSchema, amount: z.number().int().positive(), attemptId: attemptIdSchema });

/** The Payment Element's prepare step for one part (bound to the invoice and amount by the page). */
export async function prepareInvoicePart(invoiceId: string, amount: number, attemptId: string): Promise<PreparedPayment> {
  return preparePayment({ schema: partSchema, doing: 'preparing the payment of your invoice', limit: 'payment' }, { invoiceId, amount, attemptId }, async (input, user) => {
    const part = await startInvoicePart(user, input);
    return { kind: 'payment', clientSecret: part.clientSecret, returnPath: `/account/invoices/${input.invoiceId}` };
  });
}
