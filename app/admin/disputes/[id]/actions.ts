'use server';
// Submitting dispute evidence: sent to Stripe with submit=true, then synced back into the mirror.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { validatedActionWithAdmin } from '@/lib/auth/validated-action';
import { submitDisputeEvidence } from '@/lib/billing/admin/disputes';
import { disputeIdSchema } from '@/lib/stripe/ids';

const evidenceSchema = z.object({
  disputeId: disputeIdSchema,
  productDescription: z.string().trim().max(20_000).optional(),
  text: z.string().trim().min(20, 'Explain the case in at least a sentence or two (20 characters).').max(20_000, 'Keep it under 20,000 characters.'),
});

export const submitEvidenceAction = validatedActionWithAdmin(
  {
    schema: evidenceSchema,
    limit: 'evidence',
    scope: 'admin-dispute',
    doing: 'sending dispute evidence',
    unexpected: (id) => `The evidence could not be sent because of an error on our side (reference ${id}). Try again.`,
    keep: (data) => ({ text: data.text }),
  },
  async (data) => {
    await submitDisputeEvidence(data.disputeId, { text: data.text, productDescription: data.productDescription || undefined });
    revalidatePath(`/admin/disputes/${data.disputeId}`);
    revalidatePath('/admin/disputes');
    return { success: 'Evidence submitted. The card network reviews it now; the outcome arrives by webhook.' };
  },
);
