// `npm run bench`: every benchmark in one run, side by side, written to docs/benchmarks.md (and the
// raw figures to docs/benchmarks.json, which docs/reliability.md quotes).
//
//   npm run bench                         # the full set (about 10 minutes on a 2-core machine)
//   npm run bench -- --quick              # smaller sizes, a minute or two
//   npm run bench -- --latency-ms 80      # Stripe round-trip latency the emulator adds (benchmarks 1 and 2)
//   npm run bench -- --only history,admin # a subset (history, webhooks, admin, emulator, chaos, renewals, instances, usage)
//   npm run bench -- --admin-payments 50000 --admin-pglite
//   npm run bench -- --only admin-http    # also the admin page over HTTP (scripts/bench/admin-payments.ts; needs a build)
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { machineInfo } from './machine';
import { startBenchStack } from './stack';
import { progress } from './measure';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'latency-ms': { type: 'string', default: '150' },
    only: { type: 'string' },
    'admin-payments': { type: 'string' },
    'admin-pglite': { type: 'boolean', default: false },
    'chaos-customers': { type: 'string' },
    out: { type: 'string', default: 'docs/benchmarks.md' },
  },
});

const all = ['history', 'webhooks', 'admin', 'emulator', 'chaos', 'renewals', 'instances', 'usage', 'admin-http'] as const;
type Name = (typeof all)[number];
// admin-http serves the production build under `next start`: only when asked for.
const selected = new Set<Name>((flags.only ? flags.only.split(',') : all.filter((n) => n !== 'admin-http')).map((n) => n.trim() as Name));
for (const name of selected) if (!all.includes(name)) throw new Error(`Unknown benchmark "${name}" (choose from ${all.join(', ')})`);
const quick = flags.quick;
const latencyMs = Number(flags['latency-ms']);
const adminPayments = Number(flags['admin-payments'] ?? (quick ? 10_000 : 100_000));
const chaosCustomers = Number(flags['chaos-customers'] ?? (quick ? 10 : 50));

const started = new Date();
const machine = machineInfo();
const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
const sections: { title: string; markdown: string }[] = [];
const figures: Record<string, unknown> = {};

/** Runs one benchmark; a failure is written into the document instead of losing the others' figures. */
async function section(title: string, run: () => Promise<{ markdown: string } & object>, key: string): Promise<void> {
  try {
    const result = await run();
    figures[key] = result;
    sections.push({ title, markdown: result.markdown });
  } catch (error) {
    progress(`${key} failed: ${(error as Error).stack ?? error}`);
    sections.push({ title, markdown: `**This benchmark failed in this run:** \`${String((error as Error).message ?? error).split('\n')[0]}\`` });
  }
}

const stack = await startBenchStack();
try {
  if (selected.has('history')) {
    await section('1. Billing history: mirror vs live Stripe calls', async () => {
      const { runHistoryBenchmark } = await import('./history');
      return runHistoryBenchmark(stack, { sizes: quick ? [10, 100] : [10, 100, 1000], latencyMs, runs: quick ? 3 : 5, pageSize: 20, wholeHistoryUpTo: 100 });
    }, 'history');
  }
  if (selected.has('webhooks')) {
    await section('2. Webhook intake and processing', async () => {
      const { runWebhookBenchmark } = await import('./webhooks');
      return runWebhookBenchmark(stack, { uniqueEvents: quick ? 200 : 500, duplicateShare: 0.3, concurrency: 16, latencyMs });
    }, 'webhooks');
  }
  if (selected.has('admin')) {
    await section(`3. Admin payments on ${adminPayments.toLocaleString('en-US')} payments`, async () => {
      const { runAdminBenchmark } = await import('./admin');
      return runAdminBenchmark(stack, { payments: adminPayments, runs: quick ? 5 : 20, databases: flags['admin-pglite'] ? ['postgres', 'pglite'] : ['postgres'] });
    }, 'admin');
  }
  if (selected.has('emulator')) {
    await section('4. Stripe emulator throughput', async () => {
      const { runEmulatorBenchmark } = await import('./emulator');
      return runEmulatorBenchmark({ durationMs: quick ? 1000 : 3000, concurrency: 16 });
    }, 'emulator');
  }
  if (selected.has('chaos')) {
    await section('5. Chaos: a large scenario through duplicated, shuffled, failing deliveries and a killed receiver', async () => {
      const { runChaosBenchmark } = await import('./chaos');
      return runChaosBenchmark(stack, { customers: chaosCustomers });
    }, 'chaos');
  }
  if (selected.has('renewals')) {
    const subscriptions = quick ? 100 : 1000;
    await section(`6. Renewal storm: ${subscriptions.toLocaleString('en-US')} subscriptions renewing at once`, async () => {
      const { runRenewalStorm } = await import('./renewal-storm');
      return runRenewalStorm({ subscriptions, latencyMs, stripeLimit: 25, appRate: 20 });
    }, 'renewals');
  }
  if (selected.has('instances')) {
    await section('7. Several app instances on one PostgreSQL', async () => {
      const { runInstancesBenchmark } = await import('./instances');
      return runInstancesBenchmark(stack, { uniqueEvents: quick ? 200 : 500, latencyMs, totalRate: 80, instanceCounts: [1, 3] });
    }, 'instances');
  }
  if (selected.has('usage')) {
    await section('8. Usage: from the app through the outbox to the meter', async () => {
      const { runUsageBenchmark } = await import('./usage');
      return runUsageBenchmark(stack, { uses: quick ? 2_000 : 20_000, customers: quick ? 20 : 200, concurrency: 16, latencyMs });
    }, 'usage');
  }
  if (selected.has('admin-http')) {
    await section(`3b. Admin payments page over HTTP on ${adminPayments.toLocaleString('en-US')} payments`, async () => {
      const child = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench/admin-payments.ts', '--payments', String(adminPayments)], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`scripts/bench/admin-payments.ts exited with ${child.status}: ${child.stderr.slice(-500)}`);
      const tableLines = child.stdout.split('\n').filter((line) => line.startsWith('|') || line.startsWith('/admin'));
      return { markdown: ['`scripts/bench/admin-payments.ts` (the admin colleague’s: `next start`, a signed-in admin, full HTML responses):', '', ...tableLines].join('\n') };
    }, 'admin-http');
  }
} finally {
  await stack.close();
}

const seconds = (Date.now() - started.getTime()) / 1000;
const document = [
  '# Benchmarks',
  '',
  `Generated by \`${command}\` (scripts/bench/index.ts) on ${started.toISOString().replace('T', ' ').slice(0, 16)} UTC in ${(seconds / 60).toFixed(1)} minutes. Do not edit by hand: run it again.`,
  '',
  '| Machine | |',
  '| --- | --- |',
  `| CPU | ${machine.cpuModel}, ${machine.cores} cores |`,
  `| Memory | ${machine.memoryGiB} GiB |`,
  `| Node | ${machine.node} |`,
  `| OS | ${machine.os} |`,
  `| PostgreSQL | ${machine.postgres} (throwaway cluster, fsync off) · PGlite in memory |`,
  `| Load average at start | ${machine.loadAverage} (shared machine: other work was running; absolute times are pessimistic, ratios are measured side by side in one run) |`,
  `| Commit | ${machine.commit} |`,
  '',
  'The Stripe emulator runs in the benchmark process and is reached over real HTTP by the real `stripe` SDK, except in benchmark 4 where it runs as its own process.',
  '',
  ...sections.flatMap((s) => [`## ${s.title}`, '', s.markdown, '']),
].join('\n');

const out = path.resolve(flags.out);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, document);
fs.writeFileSync(out.replace(/\.md$/, '.json'), JSON.stringify({ generatedAt: started.toISOString(), command, machine, seconds, figures }, null, 2));
progress(`wrote ${path.relative(process.cwd(), out)} in ${seconds.toFixed(0)} s`);
process.exit(0);
