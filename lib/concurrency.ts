// Running async work over a list with at most `concurrency` items in flight, and as coalesced rounds.
import { logError } from '@/lib/log-error';

export async function forEachConcurrently<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(workers);
}

/** A limit of `limit` calls of the returned function at a time; the others wait their turn, first come first served. */
export function concurrencyLimit(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    // A freed slot is handed straight to the next in line, so `active` counts it already.
    if (active < limit) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
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
