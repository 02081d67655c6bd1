// Running async work over a list with at most `concurrency` items in flight, and as coalesced rounds.
import { logError } from '@/lib/log-error';

export async function forEachConcurrently<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(workers);
}

type Rounds = { running: Promise<void> | null; again: boolean };

/**
 * `work` as rounds, one at a time per process (kept on `globalThis` under `key`, so a reloaded
 * module shares it): a kick during a round asks for one more round instead of piling up. A failed
 * round is logged as `log`; the next kick starts afresh.
 */
export function coalescedRounds(key: string, log: { scope: string; doing: string }, work: () => Promise<unknown>): () => Promise<void> {
  const symbol = Symbol.for(key);
  return () => {
    const g = globalThis as typeof globalThis & { [k: symbol]: Rounds | undefined };
    const s = (g[symbol] ??= { running: null, again: false });
    if (s.running) {
      s.again = true;
      return s.running;
    }
    s.running = (async () => {
      try {
        do {
          s.again = false;
          await work();
        } while (s.again);
      } catch (error) {
        logError(log.scope, log.doing, error);
      } finally {
        s.running = null;
      }
    })();
    return s.running;
  };
}
