// Benchmark 5 — the large chaos run: the scenario of test/chaos/scenario.ts (the bounded version
// runs in the test suite) with more customers, reported with its counts.
import Stripe from 'stripe';
import { stripeConfig } from '@/lib/stripe/client';
import { runChaosScenario, type ChaosReport } from '../../test/chaos/scenario';
import { freePort } from '../lib/postgres-cluster';
import { BENCH_SECRET_KEY, type BenchStack } from './stack';
import { count, progress, table } from './measure';

export interface ChaosBenchOptions {
  customers: number;
}

export interface ChaosBenchResult {
  report: ChaosReport;
  markdown: string;
}

const money = (cents: number) => `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

/** The scenario's counts as docs show them (benchmarks.md and reliability.md). */
export function chaosMarkdown(report: ChaosReport): string {
  const { stripe: truth, mirror } = report.revenue;
  return [
    table(
      ['What happened', 'Count'],
      [
        ['Customers (six months of renewals, trials, failed renewals + recoveries, plan switches, cancellations, one-time PI + Checkout, refunds, disputes)', count(report.customers)],
        ['Events Stripe emitted (distinct types)', `${count(report.events)} (${report.eventTypes})`],
        ['Delivery attempts', count(report.deliveryAttempts)],
        ['… duplicated deliveries', `${count(report.duplicateDeliveries)} (${((report.duplicateDeliveries / report.deliveryAttempts) * 100).toFixed(0)}%)`],
        ['… failed attempts (retried by the emulator)', count(report.failedAttempts)],
        ['… of which receiver errors (500)', count(report.receiverErrors)],
        ['… of which connection refused/reset (receiver killed)', count(report.connectionFailures)],
        ['… deliveries given up after the last retry', count(report.deliveriesGivenUp)],
        ['Receiver processes SIGKILLed mid-stream and restarted', `${report.restarts} (with ${count(report.killedWithDeliveriesPending)} deliveries queued)`],
        ['Inbox claims left by the killed process (expired, then worked)', count(report.claimsLeftByKilledReceiver)],
        ['Inbox at the end', Object.entries(report.inbox).map(([s, n]) => `${count(n)} ${s}`).join(', ')],
        ['Mirror ≠ Stripe after webhooks alone', count(report.mismatchesBeforeSync.length)],
        ['Mirror ≠ Stripe after `npm run stripe:sync`', `**${count(report.mismatchesAfterSync.length)}**`],
        ['Objects compared', Object.entries(report.compared).map(([k, n]) => `${count(n)} ${k}s`).join(', ')],
        ['Wall time', `${report.seconds.toFixed(0)} s`],
      ],
    ),
    '',
    table(
      ['Totals', 'Stripe (from its lists)', 'Mirror (`revenueReport`)'],
      [
        ['Gross', money(truth.gross), money(mirror.gross)],
        ['Refunds', money(truth.refunds), money(mirror.refunds)],
        ['Net', money(truth.net), money(mirror.net)],
        ['Active + past-due subscriptions', truth.activeSubscriptions, mirror.activeSubscriptions],
        ['Trialing subscriptions', truth.trialingSubscriptions, mirror.trialingSubscriptions],
      ],
    ),
    ...(report.mismatchesBeforeSync.length ? ['', `First differences before stripe:sync: ${report.mismatchesBeforeSync.slice(0, 5).map((m) => `\`${m}\``).join('; ')}`] : []),
    ...(report.mismatchesAfterSync.length ? ['', `**Differences left after stripe:sync**: ${report.mismatchesAfterSync.slice(0, 10).map((m) => `\`${m}\``).join('; ')}`] : []),
  ].join('\n');
}

export async function runChaosBenchmark(stack: BenchStack, options: ChaosBenchOptions): Promise<ChaosBenchResult> {
  await stack.control('reset');
  const handle = await stack.database('postgres');
  try {
    const api = new Stripe(BENCH_SECRET_KEY, { ...stripeConfig(stack.emulator.url), maxNetworkRetries: 2 });
    const report = await runChaosScenario(
      { emulatorUrl: stack.emulator.url, api, secretKey: BENCH_SECRET_KEY, databaseUrl: handle.url!, db: handle.db, receiverPort: await freePort() },
      { customers: options.customers, months: 6, duplicateRate: 0.3, receiverErrorRate: 0.05, log: (m) => progress(`chaos: ${m}`) },
    );
    return {
      report,
      markdown: [
        'The scenario of `test/chaos/scenario.ts` (the bounded version runs in the test suite as `test/chaos/chaos.test.ts`), with the receiver ' +
          '(`test/chaos/receiver.ts`: the webhook route `POST` in a bare HTTP server, on PostgreSQL) as a child process.',
        '',
        chaosMarkdown(report),
      ].join('\n'),
    };
  } finally {
    await handle.close();
  }
}
