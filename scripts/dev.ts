// `npm start` (production build) and `npm run dev` (next dev): the embedded default with no setup.
// Creates what is missing (.env.local with AUTH_SECRET, the data folder), starts the Stripe emulator
// (unless real Stripe keys are configured), migrates and seeds the database and the catalog (in a
// short-lived child, scripts/prepare-local.ts), then runs the app; every process belongs to one
// group and Ctrl-C stops them all.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureFreshBuild, nextBin } from './lib/build';
import { ensureLocalEnv } from './lib/local-env';
import { ProcessGroup, type ProcessSpec } from './lib/processes';
import { emulatorProcess, usesEmulator } from './lib/stack';
import type { PreparedStack } from './prepare-local';

const mode = process.argv.includes('--dev') ? 'dev' : 'production';
const port = Number(process.env.PORT ?? 3000);
const emulatorPort = Number(process.env.EMULATOR_PORT ?? 12111);

ensureLocalEnv();
fs.mkdirSync('.data', { recursive: true });

const group = new ProcessGroup((name, code) => {
  console.error(`${name} exited (code ${code}); stopping the rest.`);
  void group.stop().then(() => process.exit(code ?? 1));
});
group.stopOnSignals();

let prepared: PreparedStack;
try {
  if (usesEmulator()) await group.start(emulatorProcess({ port: emulatorPort, dataFile: path.join('.data', 'emulator.json') }));
  prepared = prepareInChildProcess();
} catch (error) {
  await group.stop();
  throw error;
}
const { credentials } = prepared;

if (mode === 'production') ensureFreshBuild();

const app: ProcessSpec = {
  name: 'app',
  command: process.execPath,
  args: [nextBin, mode === 'dev' ? 'dev' : 'start', '-p', String(port)],
  env: { NEXT_TELEMETRY_DISABLED: '1', ...prepared.appEnv },
  readyUrl: `http://localhost:${port}/`,
};
await group.start(app);

console.log(`
Paydesk is running at http://localhost:${port}${usesEmulator() ? `\n  Stripe emulator: http://127.0.0.1:${emulatorPort}\n${testCardLines()}` : ''}
  Demo admin:    ${credentials.admin.email} / ${credentials.admin.password}
  Demo customer: ${credentials.customer.email} / ${credentials.customer.password}
Press Ctrl-C to stop.
`);

/** The test cards a newcomer needs first (the emulator knows Stripe's others; see the README). */
function testCardLines(): string {
  const cards = [
    ['4242 4242 4242 4242', 'pays'],
    ['4000 0000 0000 0002', 'is declined (0000 9995: insufficient funds)'],
    ['4000 0025 0000 3155', 'asks for 3-D Secure (0027 6000 3184: on every payment)'],
    ['4000 0000 0000 0259', 'pays, then is disputed'],
  ];
  return ['  Test cards (any future expiry, any CVC):', ...cards.map(([number, what]) => `    ${number}  ${what}`)].join('\n');
}

/** Database, catalog and webhook set-up in a short-lived child (see scripts/prepare-local.ts). */
function prepareInChildProcess(): PreparedStack {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'paydesk-')), 'prepared.json');
  const args = ['--out', out, '--app-url', `http://localhost:${port}`, '--emulator-url', `http://127.0.0.1:${emulatorPort}`];
  // Beside the emulator's state: the endpoint and its secret outlive restarts together.
  args.push('--endpoint-file', path.join('.data', 'webhook-endpoint.json'));
  const tsx = path.join('node_modules', 'tsx', 'dist', 'cli.mjs');
  const child = spawnSync(process.execPath, [tsx, path.join('scripts', 'prepare-local.ts'), ...args], { stdio: 'inherit' });
  if (child.status !== 0) throw new Error(`Preparing the local stack failed (exit code ${child.status})`);
  try {
    return JSON.parse(fs.readFileSync(out, 'utf8')) as PreparedStack;
  } finally {
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
}
