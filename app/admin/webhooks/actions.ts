'use server';
// Webhook pipeline actions: retry one failing event now, or reconcile (replay /v1/events since the
// saved cursor through the same idempotent path as webhooks).
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { validatedActionWithAdmin } from '@/lib/auth/validated-action';
import { retryEvent } from '@/lib/billing/sync/processor';
import { kickProcessing } from '@/lib/billing/sync/scheduler';
import { reconcile } from '@/lib/billing/reconcile';
import { totalChanges } from '@/lib/billing/sync';
import { eventIdSchema } from '@/lib/stripe/ids';

export const retryEventAction = validatedActionWithAdmin(
  { schema: z.object({ eventId: eventIdSchema }), scope: 'admin-webhooks', doing: 'retrying an event' },
  async ({ eventId }) => {
    const queued = await retryEvent(eventId);
    // Work it now rather than at the next sweep, so the page shows the outcome.
    if (queued) await kickProcessing();
    revalidatePath('/admin/webhooks');
    return queued ? { success: 'Retried.' } : { error: 'That event is not waiting for a retry any more (it was processed, or it does not exist).' };
  },
);

export const reconcileAction = validatedActionWithAdmin(
  {
    schema: z.object({}),
    limit: 'reconcile',
    scope: 'admin-reconcile',
    doing: 'reconciliation',
    unexpected: (id) => `Reconciliation stopped because of an error (reference ${id}). Nothing is lost: run it again.`,
  },
  async () => {
    const result = await reconcile({ mode: 'incremental' });
    revalidatePath('/admin/webhooks');
    const listed = Object.entries(result.listed).map(([step, n]) => `${n} ${step}`).join(', ') || 'nothing';
    const events = result.events;
    return {
      success:
        `Reconciled in ${(result.durationMs / 1000).toFixed(1)} s: listed ${listed}; ${result.eventsReplayed} missed events replayed; ` +
        `${events?.processed ?? 0} processed, ${events?.failed ?? 0} failed, ${events?.retrying ?? 0} retrying; ${totalChanges(result.changed)} mirror rows changed.`,
    };
  },
);
