// The idempotent sync entry points: re-fetch an object (and any parent the mirror lacks) from the
// API and write it. Webhook handlers, reconciliation, the "linking" fallback and success pages all
// go through these, so every path produces the same rows.
import { getDb, type Database } from '@/lib/db/client';
import { stripe as defaultStripe, type Stripe } from '@/lib/stripe/client';
import { SyncRun } from './run';
import type { ChangeCounts } from './write';

export interface SyncOptions {
  db?: Database;
  stripe?: Stripe;
}

/** Runs the fetches in `collect`, then writes everything fetched in one transaction; returns rows changed per table. */
export async function syncWith(collect: (run: SyncRun) => Promise<unknown>, options: SyncOptions = {}): Promise<ChangeCounts> {
  const db = options.db ?? (await getDb());
  const run = new SyncRun(options.stripe ?? defaultStripe(), db);
  await collect(run);
  return db.transaction((tx) => run.write(tx));
}

export const syncPrice = (id: string, options?: SyncOptions) => syncWith((run) => run.price(id), options);
export const syncSubscription = (id: string, options?: SyncOptions) => syncWith((run) => run.subscription(id), options);
export const syncPaymentIntent = (id: string, options?: SyncOptions) => syncWith((run) => run.paymentIntent(id), options);
export const syncRefund = (id: string, options?: SyncOptions) => syncWith((run) => run.refund(id), options);
export const syncCreditNote = (id: string, options?: SyncOptions) => syncWith((run) => run.creditNote(id), options);
export const syncDispute = (id: string, options?: SyncOptions) => syncWith((run) => run.dispute(id), options);
/** What a Checkout success page calls: the session, its line items, payment, subscription and invoice. */
export const syncCheckoutSession = (id: string, options?: SyncOptions) => syncWith((run) => run.checkoutSession(id), options);

export { SyncRun } from './run';
export { totalChanges, type ChangeCounts } from './write';
