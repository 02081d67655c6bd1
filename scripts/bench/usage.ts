// Benchmark 6 — usage from the app to Stripe's meter through the outbox, on PostgreSQL and PGlite.
//
// `uses` uses are recorded as the reports feature records them (one transaction each, one outbox
// row, `recordUsage`) by `concurrency` concurrent writers spread over `customers` customers, while
// the app's sender (`kickUsageSending`, as the sweep and the feature's `after()` run it) batches
// and sends them through the request budget as background work, with the emulator adding
// `latencyMs` to every Stripe call. Recorded / s = uses ÷ time until the last write committed;
// delivered / s = uses ÷ time until the meter has them all. Stripe calls per use = requests the
// emulator saw ÷ uses. Checked: each customer's meter summary equals the units recorded for it.
import { count as countRows, isNull } from 'drizzle-orm';
import { usageOutbox, usageBatches } from '@/lib/db/schema';
import { recordUsage } from '@/lib/billing/usage/record';
import { kickUsageSending } from '@/lib/billing/usage/sender';
import { stopSweeper } from '@/lib/billing/sync/scheduler';
import { stripeBudget } from '@/lib/stripe/client';
import { setAppDatabase, type BenchStack } from './stack';
import { count, forEachLimited, progress, table } from './measure';

export interface UsageOptions {
  uses: number;
  customers: number;
  concurrency: number;
  latencyMs: number;
}

export interface UsageRow {
  database: string;
  uses: number;
  recordedPerSecond: number;
  deliveredPerSecond: number;
  drainSeconds: number;
  batches: number;
  stripeCalls: number;
  callsPerUse: number;
}

const EVENT = 'report_generated';

export async function runUsageBenchmark(stack: BenchStack, options: UsageOptions): Promise<{ options: UsageOptions; rows: UsageRow[]; markdown: string }> {
  stopSweeper();
  const rows: UsageRow[] = [];
  for (const kind of ['postgres', 'pglite'] as const) {
    progress(`usage: ${kind}`);
    // A fresh account per database, so each meter holds only its own run's usage.
    await stack.control('reset');
    const meter = await stack.api.billing.meters.create({ display_name: 'Reports', event_name: EVENT, default_aggregation: { formula: 'sum' } });
    const customers: string[] = [];
    for (let i = 0; i < options.customers; i++) customers.push((await stack.api.customers.create({ email: `usage-${i}@bench.example` })).id);
    const handle = await stack.database(kind);
    setAppDatabase(handle);
    try {
      await stack.control('faults', { latency_ms: options.latencyMs });
      await stack.control('rate_limit', { clear_counts: true });
      const expected = new Map<string, number>();
      const started = performance.now();
      // The sender runs alongside the writers, as it does in the app.
      let writing = true;
      const sending = (async () => {
        while (writing) {
          await kickUsageSending();
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      const uses = Array.from({ length: options.uses }, (_, i) => i);
      await forEachLimited(uses, options.concurrency, async (i) => {
        const customerId = customers[i % customers.length]!;
        expected.set(customerId, (expected.get(customerId) ?? 0) + 1);
        await handle.db.transaction((tx) => recordUsage(tx, { id: `bench_${kind}_${i}`, customerId, eventName: EVENT }));
      });
      const recordSeconds = (performance.now() - started) / 1000;
      writing = false;
      await sending;
      for (;;) {
        await kickUsageSending();
        const [{ unbatched }] = await handle.db.select({ unbatched: countRows() }).from(usageOutbox).where(isNull(usageOutbox.batchId));
        const pending = await handle.db.select({ status: usageBatches.status }).from(usageBatches);
        if (unbatched === 0 && pending.every((b) => b.status === 'sent')) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const drainSeconds = (performance.now() - started) / 1000;
      await stack.control('faults', { latency_ms: 0 });
      const { requests: stripeCalls } = (await stack.control('rate_limit', {})) as { requests: number };
      const [{ batches }] = await handle.db.select({ batches: countRows() }).from(usageBatches);
      const now = Math.floor(Date.now() / 1000);
      for (const [customer, units] of expected) {
        const page = await stack.api.billing.meters.listEventSummaries(meter.id, { customer, start_time: now - 86_400, end_time: now + 3_600 });
        const counted = page.data.reduce((sum, s) => sum + s.aggregated_value, 0);
        if (counted !== units) throw new Error(`usage benchmark: the meter counted ${counted} for ${customer}, ${units} were recorded`);
      }
      rows.push({
        database: kind === 'postgres' ? 'PostgreSQL 15' : 'PGlite',
        uses: options.uses,
        recordedPerSecond: options.uses / recordSeconds,
        deliveredPerSecond: options.uses / drainSeconds,
        drainSeconds,
        batches,
        stripeCalls,
        callsPerUse: stripeCalls / options.uses,
      });
    } finally {
      await stack.control('faults', { latency_ms: 0 });
      await kickUsageSending();
      await handle.close();
    }
  }
  const markdown = [
    `${count(options.uses)} uses recorded as the reports feature records them (one transaction and one outbox row each) by ${options.concurrency} concurrent writers over ${count(options.customers)} customers, ` +
      `while the app's sender batches them (per customer and minute) and sends each batch as one meter event through the request budget (${stripeBudget().ratePerSecond} requests/s), ` +
      `the emulator adding **${options.latencyMs} ms to every Stripe call**. Checked: each customer's meter summary equals the uses recorded for it.`,
    '',
    table(
      ['Database', 'Uses', 'Recorded / s', 'Delivered / s', 'Meter has them all after', 'Batches (meter events)', 'Stripe calls / use'],
      rows.map((r) => [r.database, count(r.uses), `**${r.recordedPerSecond.toFixed(0)}**`, `**${r.deliveredPerSecond.toFixed(0)}**`, `${r.drainSeconds.toFixed(1)} s`, count(r.batches), `**${r.callsPerUse.toFixed(3)}** (${count(r.stripeCalls)})`]),
    ),
  ].join('\n');
  return { options, rows, markdown };
}
