'use server';
// Generating a report: saved with one recorded use of the reports meter (lib/billing/reports.ts);
// the usage goes to Stripe from the outbox right after the response, never inside this request.
import { after } from 'next/server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { validatedActionWithUser } from '@/lib/auth/validated-action';
import { customerIdForOrganisation } from '@/lib/billing/customers';
import { entitlementsForOrganisation } from '@/lib/billing/entitlements';
import { generateReport } from '@/lib/billing/reports';
import { kickUsageSending } from '@/lib/billing/usage/sender';
import { getDb } from '@/lib/db/client';
import { UserError } from '@/lib/errors';
import { attemptIdSchema } from '@/lib/stripe/ids';

export const generateReportAction = validatedActionWithUser(
  // Every member uses the features their organisation pays for.
  { schema: z.object({ attemptId: attemptIdSchema }), doing: 'generating your report', role: 'member' },
  async ({ attemptId }, user) => {
    const entitlements = await entitlementsForOrganisation(user.organisation.id);
    if (!entitlements.features.has('reports')) throw new UserError('Reports are part of Pro and Team. Upgrade your plan to generate them.');
    const customerId = await customerIdForOrganisation(await getDb(), user.organisation.id);
    if (!customerId) throw new UserError('You need an active Pro or Team plan to generate reports.');
    await generateReport({ reportId: `rpt_${attemptId}`, userId: user.id, customerId });
    after(() => kickUsageSending());
    revalidatePath('/features/reports');
    return { success: 'Report generated. It counts toward this period’s usage.' };
  },
);
