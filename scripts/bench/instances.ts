// Benchmark 7 — several app instances on one PostgreSQL: the same inbox of real events drained by
// one process, then by three (each its own process with its own share of the request budget,
// STRIPE_API_RATE ÷ instances, as the README says to run them), with the emulator adding latency to
// every Stripe call. Checked: every event processed exactly once (none claimed twice, every one
// processed or ignored, the instances' counts adding up).
import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { column, rows } from '@/lib/db/client';
import type { ProcessResult } from '@/lib/billing/sync/processor';
import { storeEvent } from '@/lib/billing/sync/inbox';
import { BENCH_SECRET_KEY, BENCH_WEBHOOK_SECRET, type BenchStack } from './stack';
import { makeEvents } from './webhooks';
import { count, progress, table } from './measure';

export interface InstancesOptions {
  uniqueEvents: number;
  latencyMs: number;
  /** The account's budget, split between the instances. */
  totalRate: number;
  instanceCounts: number[];
}

export interface InstancesRow {
  instances: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  stripeCalls: number;
  claimedTwice: number;
  settled: number;
  perInstance: number[];
}

function lines(child: ChildProcess): AsyncIterator<string> {
  return readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
}

export async function runInstancesBenchmark(stack: BenchStack, options: InstancesOptions): Promise<{ rows: InstancesRow[]; markdown: string }> {
  await stack.control('reset');
  progress(`instances: making ${options.uniqueEvents} real events through the emulator`);
  const events = await makeEvents(stack.api, options.uniqueEvents);
  const result: InstancesRow[] = [];
  for (const instances of options.instanceCounts) {
    progress(`instances: ${instances} on one PostgreSQL`);
    const handle = await stack.database('postgres');
    try {
      for (const event of events) await storeEvent(handle.db, event);
      const children = Array.from({ length: instances }, () =>
        spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/instance-process.ts'], {
          stdio: ['pipe', 'pipe', 'inherit'],
          env: {
            ...process.env,
            DATABASE_URL: handle.url,
            STRIPE_SECRET_KEY: BENCH_SECRET_KEY,
            STRIPE_API_BASE: stack.emulator.url,
            STRIPE_WEBHOOK_SECRET: BENCH_WEBHOOK_SECRET,
            STRIPE_API_RATE: String(options.totalRate / instances),
          },
        }),
      );
      const outputs = children.map(lines);
      for (const output of outputs) if ((await output.next()).value !== 'ready') throw new Error('an instance did not start');
      await stack.control('faults', { latency_ms: options.latencyMs });
      await stack.control('rate_limit', { clear_counts: true });
      const started = performance.now();
      for (const child of children) child.stdin!.write('go\n');
      const totals = (await Promise.all(outputs.map(async (output) => JSON.parse((await output.next()).value as string) as ProcessResult))) as ProcessResult[];
      const seconds = (performance.now() - started) / 1000;
      await stack.control('faults', { latency_ms: 0 });
      const { requests } = (await stack.control('rate_limit', {})) as { requests: number };
      const [inbox] = await rows(
        handle.db,
        sql`select count(*) filter (where attempts > 1) as claimed_twice, count(*) filter (where status in ('processed', 'ignored')) as settled from stripe_events`,
        z.object({ claimed_twice: column.integer, settled: column.integer }),
      );
      result.push({
        instances,
        events: events.length,
        seconds,
        eventsPerSecond: events.length / seconds,
        stripeCalls: requests,
        claimedTwice: inbox!.claimed_twice,
        settled: inbox!.settled,
        perInstance: totals.map((t) => t.processed + t.ignored),
      });
    } finally {
      await handle.close();
    }
  }
  const markdown = [
    `${count(events.length)} real events (payments, refunds, customers) already in the inbox, drained by separate processes each running the app's processor on one PostgreSQL 15 database, the emulator adding **${options.latencyMs} ms to every Stripe call**, the account's budget of ${options.totalRate} requests/s split between the instances. Exactly once: no event claimed twice, every event processed or ignored, the instances' counts adding up to the events.`,
    '',
    table(
      ['Instances', 'Events', 'Drained after', 'Events / s', 'Stripe calls / event', 'Claimed twice', 'Processed or ignored', 'Per instance'],
      result.map((r) => [
        r.instances,
        count(r.events),
        `${r.seconds.toFixed(1)} s`,
        `**${r.eventsPerSecond.toFixed(0)}**`,
        (r.stripeCalls / r.events).toFixed(2),
        `**${r.claimedTwice}**`,
        `${count(r.settled)} / ${count(r.events)}`,
        r.perInstance.map(count).join(' + '),
      ]),
    ),
  ].join('\n');
  return { rows: result, markdown };
}
