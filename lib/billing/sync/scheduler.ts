// When the inbox gets worked: right after each webhook response (the route hands `kickProcessing`
// to Next's `after()`), and by a periodic sweep that picks up retries and anything a crashed or
// busy instance left behind, so nothing waits for the next webhook. The sweep also prunes old
// processed events (inbox retention) about once an hour, sends the usage outbox (usage/sender.ts) so
// usage recorded while Stripe was unreachable goes out once it answers again, hourly checks it
// against the meter (usage/reconcile.ts), and hourly lets seats held by invitations that expired
// unanswered go at the next renewal (seats.ts).
import { getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { pruneInbox } from './inbox';
import { processPendingEvents } from './processor';
import { logError } from '@/lib/log-error';
import { coalescedRounds } from '@/lib/concurrency';
import { kickUsageSending } from '../usage/sender';
import { reconcileUsage } from '../usage/reconcile';
import { followSeatsAfterExpiries } from '../seats';

const PRUNE_EVERY_MS = 60 * 60_000;

const globalKey = Symbol.for('paydesk.stripeEventScheduler');
type SchedulerState = { sweeper: NodeJS.Timeout | null; stopped: boolean; prunedAt: number };
type GlobalWithScheduler = typeof globalThis & { [globalKey]?: SchedulerState };

function state(): SchedulerState {
  const g = globalThis as GlobalWithScheduler;
  return (g[globalKey] ??= { sweeper: null, stopped: false, prunedAt: 0 });
}

/** Works the inbox now; concurrent kicks coalesce into one more round instead of piling up. */
export const kickProcessing = coalescedRounds('paydesk.stripeEventRounds', { scope: 'stripe-events', doing: 'processing round' }, () => processPendingEvents());

/** Starts the periodic sweep once per process; it never keeps the process alive on its own. */
export function startSweeper(intervalMs = 5_000): void {
  const s = state();
  if (s.sweeper || s.stopped) return;
  s.sweeper = setInterval(() => {
    void kickProcessing();
    void kickUsageSending();
    if (Date.now() - s.prunedAt >= PRUNE_EVERY_MS) {
      s.prunedAt = Date.now();
      void getDb()
        .then((db) => pruneInbox(db, env().STRIPE_EVENTS_RETENTION_DAYS))
        .catch((error: unknown) => logError('stripe-events', 'pruning the inbox', error));
      void reconcileUsage().catch((error: unknown) => logError('usage', 'reconciling usage', error));
      void followSeatsAfterExpiries().catch((error: unknown) => logError('seats', 'following the seats after expired invitations', error));
    }
  }, intervalMs);
  s.sweeper.unref();
}

/** Stops the sweep for good in this process (shutdown; tests that drive processing themselves). */
export function stopSweeper(): void {
  const s = state();
  if (s.sweeper) clearInterval(s.sweeper);
  s.sweeper = null;
  s.stopped = true;
}
