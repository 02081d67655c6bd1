// Benchmark 6 — the renewal storm (renewal-storm-process.ts, in its own process), as docs show it.
import { spawn } from 'node:child_process';
import type { RenewalStormFigures } from './renewal-storm-process';
import { count, ms, progress, table } from './measure';

export interface RenewalStormOptions {
  subscriptions: number;
  latencyMs: number;
  /** Requests per second Stripe allows the key (25 in a sandbox). */
  stripeLimit: number;
  /** The app's request budget (STRIPE_API_RATE) for it, below Stripe's limit. */
  appRate: number;
}

export async function runRenewalStorm(options: RenewalStormOptions): Promise<RenewalStormFigures & { markdown: string }> {
  const args = ['--import', 'tsx', 'scripts/bench/renewal-storm-process.ts', '--subscriptions', String(options.subscriptions), '--latency-ms', String(options.latencyMs), '--stripe-limit', String(options.stripeLimit)];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, STRIPE_API_RATE: String(options.appRate) } });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const last = stdout.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !last.startsWith('{')) throw new Error(`renewal-storm-process.ts exited with ${code}: ${stdout.slice(-500)}`);
  const f = JSON.parse(last) as RenewalStormFigures;
  progress(`renewals: mirror equal after ${f.secondsUntilEqual?.toFixed(1) ?? 'never'} s`);
  const markdown = [
    `${count(f.subscriptions)} monthly subscriptions on one test clock, advanced a month at once; Stripe (the emulator) adding **${f.latencyMs} ms to every call** and allowing **${f.stripeLimit} requests/s** per key (a sandbox's limit); the app's request budget at ${f.appRate}/s; webhooks delivered as the emulator sends them to the route, processed by the app's sweeper and the route's kicks; meanwhile a customer makes an interactive Stripe call every 250 ms through the same budget. Targets (issue 14): mirror equal within 3 minutes, 0 customer calls refused, 0 mismatches.`,
    '',
    table(
      ['Events', 'Mirror equal to Stripe after', 'Stripe calls / event (processing)', '429s from Stripe', 'Customer calls', 'Customer call p50', 'Customer call p99', 'Customer calls refused', 'Mismatches after'],
      [
        [
          count(f.events),
          f.secondsUntilEqual === null ? '**not within 15 min**' : `**${f.secondsUntilEqual.toFixed(0)} s**`,
          `**${f.callsPerEvent.toFixed(2)}** (${count(f.processingCalls)})`,
          count(f.rateLimitedByStripe),
          count(f.customerCalls),
          ms(f.customerCallP50Ms),
          ms(f.customerCallP99Ms),
          `**${count(f.customerCallsRefused)}**`,
          `**${count(f.mismatches)}**`,
        ],
      ],
    ),
    ...(f.mismatchSamples.length ? ['', 'First mismatches:', '', ...f.mismatchSamples.map((m) => `- ${m}`)] : []),
  ].join('\n');
  return { ...f, markdown };
}
