// Requests per second through the real stripe SDK over HTTP, against the emulator running as its
// own process (as the app uses it): a simple retrieve, and a PaymentIntent create+confirm. Also the
// emulator's own CPU time per request, which says what one core could serve on an idle machine.
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import Stripe from 'stripe';

const DURATION_MS = Number(process.env.BENCH_MS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--ephemeral'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<URL>((resolve, reject) => {
  child.once('exit', (code) => reject(new Error(`emulator exited early (${code})`)));
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => {
    const match = /listening on (http:\/\/\S+)/.exec(text);
    if (match) resolve(new URL(match[1]!));
  });
});

const stripe = new Stripe('sk_test_bench', { host: url.hostname, port: Number(url.port), protocol: 'http', telemetry: false, maxNetworkRetries: 0 });

/** The emulator process's user+system CPU seconds so far (Linux /proc; undefined elsewhere). */
function emulatorCpuSeconds(): number | undefined {
  try {
    const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

async function measure(name: string, operation: () => Promise<unknown>, requestsPerOperation: number): Promise<void> {
  for (let i = 0; i < 100; i++) await operation();
  let operations = 0;
  const cpuBefore = emulatorCpuSeconds();
  const started = performance.now();
  const deadline = started + DURATION_MS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        await operation();
        operations++;
      }
    }),
  );
  const perSecond = operations / ((performance.now() - started) / 1000);
  const cpuAfter = emulatorCpuSeconds();
  const requests = operations * requestsPerOperation;
  const cpuPerRequestMs = cpuBefore !== undefined && cpuAfter !== undefined ? ((cpuAfter - cpuBefore) * 1000) / requests : undefined;
  const capacity = cpuPerRequestMs ? `  emulator CPU ${cpuPerRequestMs.toFixed(3)} ms/request (≈ ${(1000 / cpuPerRequestMs).toFixed(0)} requests/s per core)` : '';
  console.log(`${name.padEnd(32)} ${perSecond.toFixed(0).padStart(6)} ops/s ${(perSecond * requestsPerOperation).toFixed(0).padStart(7)} requests/s${capacity}`);
}

/** A keep-alive GET without the SDK, to separate the emulator's cost from the client's. */
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
function rawGet(path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, agent, headers: { Authorization: 'Bearer sk_test_bench' } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

try {
  const customer = await stripe.customers.create({ email: 'bench@example.com' });
  console.log(`Stripe emulator at ${url.origin}: ${CONCURRENCY} concurrent SDK clients, ${DURATION_MS} ms per case, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)}`);
  await measure('customers.retrieve', () => stripe.customers.retrieve(customer.id), 1);
  await measure('customers.retrieve (raw HTTP)', () => rawGet(`/v1/customers/${customer.id}`), 1);
  await measure('paymentIntents.create + confirm', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', customer: customer.id });
    await stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' });
  }, 2);
} finally {
  agent.destroy();
  child.kill('SIGTERM');
}
