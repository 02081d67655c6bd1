// The fallback behind "Linking…": a succeeded payment whose InvoicePayment has not been mirrored yet
// (its webhook is late) is looked up live, bounded in count and time, and written through the
// normal sync path. A lookup that finds nothing stamps the payment so it stops showing as linking.
import { inArray, sql } from 'drizzle-orm';
import { getDb, type Database } from '@/lib/db/client';
import { stripePaymentIntents } from '@/lib/db/schema/billing';
import { stripe as defaultStripe, type Stripe } from '@/lib/stripe/client';
import { SyncRun } from './sync/run';
import { logError } from '@/lib/log-error';

export interface ResolveLinkingOptions {
  db?: Database;
  stripe?: Stripe;
  /** Per-request timeout; the lookup gives up rather than slow the page down. */
  timeoutMs?: number;
  /** At most this many payments are looked up per call. */
  maxLookups?: number;
}

/** Payments looked up recently in this process, so a page refresh does not repeat the lookup. */
const recentLookups = new Map<string, number>();
const LOOKUP_TTL_MS = 30_000;

/** Looks the given payments' InvoicePayments up in Stripe; returns the ids that are now linked to an invoice. */
export async function resolveLinking(paymentIntentIds: string[], options: ResolveLinkingOptions = {}): Promise<string[]> {
  const db = options.db ?? (await getDb());
  const now = Date.now();
  const due = paymentIntentIds.filter((id) => (recentLookups.get(id) ?? 0) + LOOKUP_TTL_MS < now).slice(0, options.maxLookups ?? 10);
  if (due.length === 0) return [];
  for (const id of due) recentLookups.set(id, now);

  const run = new SyncRun(options.stripe ?? defaultStripe(), db);
  const outcomes = await Promise.allSettled(
    due.map(async (id) => ({ id, found: await run.invoicePaymentsForPayment(id, { timeout: options.timeoutMs ?? 2_000 }) })),
  );
  const linked: string[] = [];
  const unlinked: string[] = [];
  for (const outcome of outcomes) {
    if (outcome.status === 'rejected') {
      logError('billing', 'live InvoicePayment lookup', outcome.reason);
      continue;
    }
    (outcome.value.found > 0 ? linked : unlinked).push(outcome.value.id);
  }
  await db.transaction(async (tx) => {
    await run.write(tx);
    if (unlinked.length) {
      await tx.update(stripePaymentIntents).set({ invoiceLinkCheckedAt: sql`now()` }).where(inArray(stripePaymentIntents.id, unlinked));
    }
  });
  return linked;
}
