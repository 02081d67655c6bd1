// `npm run emulator [-- --port 12111 --host 127.0.0.1 --data-file path | --ephemeral] [--rate-limit 25]`
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startEmulator } from './index.js';

const defaultDataFile = fileURLToPath(new URL('../.data/state.json', import.meta.url));

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '12111' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-file': { type: 'string', default: defaultDataFile },
    ephemeral: { type: 'boolean', default: false },
    'fast-webhook-retries': { type: 'boolean', default: false },
    /** Stripe's rate limit, per API key (requests per second); unset = unlimited. */
    'rate-limit': { type: 'string' },
  },
});

const running = await startEmulator({
  port: Number(values.port),
  host: values.host,
  dataFile: values.ephemeral ? null : values['data-file'],
  fastWebhookRetries: values['fast-webhook-retries'],
  rateLimit: values['rate-limit'] === undefined ? undefined : Number(values['rate-limit']),
});
console.log(`Stripe emulator listening on ${running.url} (${values.ephemeral ? 'in-memory' : `state: ${values['data-file']}`})`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the Stripe emulator`);
  await running.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
