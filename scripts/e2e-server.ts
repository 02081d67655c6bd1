// The stack Playwright tests against (playwright.config.ts starts it as its webServer): a fresh
// in-memory Stripe emulator with the seeded catalog (or, with E2E_STRIPE=live-test, a Stripe sandbox
// whose events `stripe listen` forwards), a fresh embedded database with the demo users, and the
// production build of the app (rebuilt only when a source is newer than it). Killing this process
// stops everything it started.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../lib/db/client';
import { ensureFreshBuild, nextBin } from './lib/build';
import { ProcessGroup } from './lib/processes';
import { emulatorProcess, prepareEmulatorStripe, prepareSandboxStripe } from './lib/stack';
import { seedDemoUsers } from './seed';
import { promotedAdminEmail } from '../e2e/support/accounts';

const port = Number(process.env.E2E_PORT ?? 3100);
const emulatorPort = Number(process.env.E2E_EMULATOR_PORT ?? 12112);
const appUrl = `http://localhost:${port}`;
const sandbox = process.env.E2E_STRIPE === 'live-test';

ensureFreshBuild();

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paydesk-e2e-'));
const pgliteDir = path.join(dataDir, 'pglite');
const removeData = () => fs.rmSync(dataDir, { recursive: true, force: true });

const group = new ProcessGroup((name, code) => {
  console.error(`${name} exited (code ${code}); stopping the e2e stack.`);
  void group.stop().then(() => {
    removeData();
    process.exit(code ?? 1);
  });
});
group.stopOnSignals(removeData);

if (!sandbox) await group.start(emulatorProcess({ port: emulatorPort, fastWebhookRetries: true }));
const database = await openDatabase({ pgliteDir, migrate: true });
await seedDemoUsers(database.db);
const stripe = sandbox
  ? await prepareSandboxStripe({ env: process.env, db: database.db })
  : await prepareEmulatorStripe({ apiBase: `http://127.0.0.1:${emulatorPort}`, appUrl, db: database.db });
await database.close(); // the app process becomes the database's only owner

await group.start({
  name: 'app',
  command: process.execPath,
  args: [nextBin, 'start', '-p', String(port)],
  env: {
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PGLITE_DIR: pgliteDir,
    DATABASE_URL: '',
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    AUTH_URL: appUrl,
    APP_URL: appUrl,
    // Every spec signs up from this machine's one address; the per-address limit is for the internet.
    SIGN_UPS_PER_ADDRESS: '10000',
    ADMIN_EMAILS: promotedAdminEmail,
    AUTH_GITHUB_ID: '',
    AUTH_GITHUB_SECRET: '',
    ...stripe.appEnv,
    // Every customer on its own test clock, on the emulator as on a sandbox: a spec that moves one
    // customer's time (a renewal) never moves another spec's customers.
    STRIPE_TEST_CLOCKS: 'true',
  },
  readyUrl: `${appUrl}/`,
});
console.log(`e2e stack ready at ${appUrl} (${sandbox ? 'a Stripe sandbox' : `Stripe emulator at http://127.0.0.1:${emulatorPort}`})`);
