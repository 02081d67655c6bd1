'use server';
// Refunds from the payment detail page. The form carries an attempt key generated when it rendered,
// so a double click or a retried request refunds once.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { validatedActionWithAdmin } from '@/lib/auth/validated-action';
import { refundableAmount, refundPayment, RefundRefused } from '@/lib/billing/admin/refunds';
import { refundReasons } from '@/lib/billing/statuses';
import { formatMoney, parseMoney } from '@/lib/money';
import { paymentIdSchema } from '@/lib/billing/admin/ids';
import { logError } from '@/lib/log-error';

const refundSchema = z.object({
  paymentIntentId: paymentIdSchema,
  amount: z.string().trim().min(1, 'Enter the amount to refund.').max(30),
  reason: z.enum(refundReasons, { message: 'Choose a reason.' }),
  attempt: z.uuid('This form is out of date. Reload the page.'),
});

export const refundAction = validatedActionWithAdmin(refundSchema, async (data, admin) => {
  const state = await refundableAmount(data.paymentIntentId);
  if (!state) return { error: 'This payment is not in Paydesk’s records.' };
  const parsed = parseMoney(data.amount, state.currency);
  if (!parsed.ok || parsed.amount < 1) {
    return { fieldErrors: { amount: [parsed.ok ? 'Enter an amount greater than zero.' : parsed.message] }, values: { amount: data.amount } };
  }
  const amount = parsed.amount;
  try {
    const outcome = await refundPayment({
      paymentIntentId: data.paymentIntentId,
      amount,
      reason: data.reason,
      attemptKey: data.attempt,
      adminEmail: admin.email,
    });
    revalidatePath(`/admin/payments/${data.paymentIntentId}`);
    const money = formatMoney(outcome.amount, outcome.currency);
    return { success: outcome.replayed ? `This refund of ${money} was already made; nothing more was refunded.` : `Refunded ${money}.` };
  } catch (error) {
    if (error instanceof RefundRefused) return { error: error.message };
    const id = logError('admin-refund', `refund of ${data.paymentIntentId}`, error);
    return { error: `Something went wrong on our side (reference ${id}). Check the refunds below; submitting this form again is safe, it cannot refund twice.` };
  }
});
