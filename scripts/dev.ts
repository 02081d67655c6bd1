// `npm start` (production build) and `npm run dev` (next dev): the embedded default with no setup.
// Creates what is missing (.env.local with AUTH_SECRET, the data folder), starts the Stripe emulator
// (unless real Stripe keys are configured), migrates and seeds the database and the catalog, then
// runs the app; every process belongs to one group and Ctrl-C stops them all.
import fs from 'node:fs';
import path from 'node:path';
import { ensureFreshBuild, nextBin } from './lib/build';
import { ensureLocalEnv } from './lib/local-env';
import { ProcessGroup, type ProcessSpec } from './lib/processes';
import { closeDatabase, getDatabase } from '../lib/db/client';
import { seedDemoUsers } from './seed';
import { emulatorProcess, prepareEmulatorStripe, usesEmulator } from './lib/stack';
import { seedCatalog } from '../lib/billing/catalog';

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

let appEnv: Record<string, string> = { NEXT_TELEMETRY_DISABLED: '1' };
let credentials: Awaited<ReturnType<typeof seedDemoUsers>>;
try {
  if (usesEmulator()) await group.start(emulatorProcess({ port: emulatorPort, dataFile: path.join('.data', 'emulator.json') }));
  const handle = await getDatabase(); // opens (and on the embedded default, migrates) the database
  credentials = await seedDemoUsers(handle.db);
  if (usesEmulator()) {
    const apiBase = `http://127.0.0.1:${emulatorPort}`;
    const stripe = await prepareEmulatorStripe({ apiBase, appUrl: `http://localhost:${port}`, db: handle.db });
    appEnv = { ...appEnv, ...stripe.appEnv };
  } else {
    // Real Stripe (test keys in .env.local): create whatever of the catalog the account lacks.
    // Webhooks reach the app through `stripe listen` (see the README).
    const { created } = await seedCatalog({ db: handle.db });
    if (created.length) console.log(`Created in your Stripe account: ${created.join(', ')}`);
  }
} catch (error) {
  await group.stop();
  throw error;
} finally {
  await closeDatabase(); // release the embedded database: the app process becomes its only owner
}

if (mode === 'production') ensureFreshBuild();

const app: ProcessSpec = {
  name: 'app',
  command: process.execPath,
  args: [nextBin, mode === 'dev' ? 'dev' : 'start', '-p', String(port)],
  env: appEnv,
  readyUrl: `http://localhost:${port}/`,
};
await group.start(app);

console.log(`
Paydesk is running at http://localhost:${port}${usesEmulator() ? `\n  Stripe emulator: http://127.0.0.1:${emulatorPort} (test cards: 4242 4242 4242 4242, any future date, any CVC)` : ''}
  Demo admin:    ${credentials.admin.email} / ${credentials.admin.password}
  Demo customer: ${credentials.customer.email} / ${credentials.customer.password}
Press Ctrl-C to stop.
`);
