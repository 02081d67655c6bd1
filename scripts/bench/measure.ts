// Small measuring tools shared by the benchmarks: timing repeated runs, percentiles, and how the
// numbers read in docs/benchmarks.md.

/** The value at percentile `p` (0–100) of the samples, nearest-rank. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Runs `work` `warmup` times unmeasured, then `runs` times, and returns each run's milliseconds. */
export async function timeRuns(work: () => Promise<unknown>, { runs, warmup = 1 }: { runs: number; warmup?: number }): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return samples;
}

/** Runs `work` over `items` with at most `concurrency` at a time. */
export async function forEachLimited<T>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

export const ms = (value: number) => (value >= 100 ? `${value.toFixed(0)} ms` : value >= 10 ? `${value.toFixed(1)} ms` : `${value.toFixed(2)} ms`);
export const ratio = (value: number) => (value >= 100 ? `${value.toFixed(0)}×` : `${value.toFixed(1)}×`);
export const count = (value: number) => value.toLocaleString('en-US');

/** A Markdown table. */
export function table(header: string[], body: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');
}

/** Logs a progress line on stderr (stdout stays clean for the summary). */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
