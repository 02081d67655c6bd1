'use server';
// Refunds from the payment detail page. The form carries an attempt id generated when it rendered,
// so a double click or a retried request refunds once.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { validatedActionWithAdmin } from '@/lib/auth/validated-action';
import { refundableAmount, refundPayment } from '@/lib/billing/admin/refunds';
import { refundReasons } from '@/lib/billing/statuses';
import { formatMoney, parseMoney } from '@/lib/money';
import { attemptIdSchema, paymentIntentIdSchema } from '@/lib/stripe/ids';

const refundSchema = z.object({
  paymentIntentId: paymentIntentIdSchema,
  amount: z.string().trim().min(1, 'Enter the amount to refund.').max(30),
  reason: z.enum(refundReasons, { message: 'Choose a reason.' }),
  attemptId: attemptIdSchema,
});

export const refundAction = validatedActionWithAdmin(
  {
    schema: refundSchema,
    limit: 'refund',
    scope: 'admin-refund',
    doing: 'refunding a payment',
    unexpected: (id) => `Something went wrong on our side (reference ${id}). Check the refunds below; submitting this form again is safe, it cannot refund twice.`,
  },
  async (data, admin) => {
    const state = await refundableAmount(data.paymentIntentId);
    if (!state) return { error: 'This payment is not in Paydesk’s records.' };
    const parsed = parseMoney(data.amount, state.currency);
    if (!parsed.ok || parsed.amount < 1) {
      return { fieldErrors: { amount: [parsed.ok ? 'Enter an amount greater than zero.' : parsed.message] }, values: { amount: data.amount } };
    }
    const outcome = await refundPayment({ paymentIntentId: data.paymentIntentId, amount: parsed.amount, reason: data.reason, attemptId: data.attemptId, adminEmail: admin.email });
    revalidatePath(`/admin/payments/${data.paymentIntentId}`);
    const money = formatMoney(outcome.amount, outcome.currency);
    const refunded = outcome.replayed ? `This refund of ${money} was already made; nothing more was refunded.` : `Refunded ${money}.`;
    if (outcome.creditNotes === null) return { error: `${refunded} The credit note for its invoice could not be issued: submit again to retry (it cannot refund twice).` };
    return { success: outcome.creditNotes > 0 ? `${refunded} A credit note records it on the invoice.` : refunded };
  },
);
