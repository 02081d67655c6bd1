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
    const checked = `Checked ${drifts.length} ${drifts.length === 1 ? 'customer' : 'customers'}`;
    return { success: drifting === 0 ? `${checked}: Stripe counted exactly what was sent.` : `${checked}: ${drifting} differ from Stripe.` };
  },
);
