// Starting the emulator in-process (tests, the dev runner, benchmarks) — the CLI uses this too.
import type { AddressInfo } from 'node:net';
import { Emulator } from './emulator.js';
import { Persistence } from './persistence.js';
import { createEmulatorServer } from './server.js';
import { reactions } from './state/reactions.js';
import { FAST_RETRY_SCHEDULE_MS } from './webhooks.js';

export interface EmulatorOptions {
  /** Default 12111; 0 picks a free port. */
  port?: number;
  host?: string;
  /** JSON state file; null (the default here) keeps state in memory only. */
  dataFile?: string | null;
  /** Retry failed webhook deliveries within milliseconds instead of Stripe's hours. */
  fastWebhookRetries?: boolean;
  /** Stripe's rate limit: requests per second per API key, answered 429 beyond it. Unset = unlimited. */
  rateLimit?: number;
}

export interface RunningEmulator {
  url: string;
  port: number;
  emulator: Emulator;
  /** Stops the server and webhook delivery, and writes the state file if there is one. */
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const emulator = new Emulator('', reactions);
  const persistence = options.dataFile ? new Persistence(emulator, options.dataFile) : undefined;
  persistence?.load();
  if (persistence) emulator.onChange = () => persistence.scheduleSave();
  if (options.fastWebhookRetries) emulator.webhooks.settings.retryScheduleMs = FAST_RETRY_SCHEDULE_MS;
  if (options.rateLimit !== undefined) {
    if (!(options.rateLimit > 0)) throw new Error(`--rate-limit must be a positive number of requests per second, not ${options.rateLimit}`);
    emulator.rateLimiter.configure(options.rateLimit);
  }

  const server = createEmulatorServer(emulator);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 12111, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  emulator.baseUrl = url;

  return {
    url,
    port,
    emulator,
    close: async () => {
      emulator.webhooks.close();
      persistence?.save();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export { Emulator } from './emulator.js';
export type { HostedHandler, HostedRequest, HostedRouter } from './hosted-routes.js';
