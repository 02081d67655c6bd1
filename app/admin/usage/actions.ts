'use server';
// Checking recorded usage against Stripe's meter now (the sweep also does it hourly).
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { validatedActionWithAdmin } from '@/lib/auth/validated-action';
import { reconcileUsage } from '@/lib/billing/usage/reconcile';
import { kickUsageSending } from '@/lib/billing/usage/sender';

export const reconcileUsageAction = validatedActionWithAdmin(
  { schema: z.object({}), limit: 'reconcile', scope: 'admin-usage', doing: 'checking usage against Stripe' },
  async () => {
    // What is still in the outbox goes first, so the comparison is of sent usage.
    await kickUsageSending();
    const drifts = await reconcileUsage();
    revalidatePath('/admin/usage');
    const drifting = drifts.filter((d) => d.drift !== 0).length;
    return { success: drifting === 0 ? `Checked ${drifts.length} customers: Stripe counted exactly what was sent.` : `Checked ${drifts.length} customers: ${drifting} differ from Stripe.` };
  },
);
