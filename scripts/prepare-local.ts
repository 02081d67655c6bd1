// One-shot set-up of the local stack, run by `npm start` in a child process so that the long-lived
// runner does not keep PGlite's WASM memory (~0.8 GB) after it hands the database to the app:
// migrates and seeds the database, seeds the catalog into Stripe (the emulator, or a real test
// account) and points the emulator's webhook endpoint at the app. Writes the app's environment and the demo
// credentials as JSON to the file named by --out.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { seedCatalog } from '../lib/billing/catalog';
import { closeDatabase, getDatabase } from '../lib/db/client';
import { ensureLocalEnv } from './lib/local-env';
import { prepareEmulatorStripe, usesEmulator } from './lib/stack';
import { seedDemoUsers } from './seed';

export interface PreparedStack {
  appEnv: Record<string, string>;
  credentials: Awaited<ReturnType<typeof seedDemoUsers>>;
}

const { values } = parseArgs({
  options: { out: { type: 'string' }, 'app-url': { type: 'string' }, 'emulator-url': { type: 'string' }, 'endpoint-file': { type: 'string' } },
});
if (!values.out || !values['app-url']) throw new Error('usage: prepare-local.ts --out FILE --app-url URL [--emulator-url URL --endpoint-file FILE]');

ensureLocalEnv();
try {
  const handle = await getDatabase(); // opens (and on the embedded default, migrates) the database
  const credentials = await seedDemoUsers(handle.db);
  let appEnv: Record<string, string> = {};
  if (usesEmulator()) {
    if (!values['emulator-url']) throw new Error('--emulator-url is required when no Stripe keys are configured');
    ({ appEnv } = await prepareEmulatorStripe({
      apiBase: values['emulator-url'],
      appUrl: values['app-url'],
      db: handle.db,
      endpointFile: values['endpoint-file'],
    }));
  } else {
    // Real Stripe (test keys in .env.local): create whatever of the catalog the account lacks.
    // Webhooks reach the app through `stripe listen` (see the README).
    const { created } = await seedCatalog({ db: handle.db });
    if (created.length) console.log(`Created in your Stripe account: ${created.join(', ')}`);
  }
  const prepared: PreparedStack = { appEnv, credentials };
  fs.writeFileSync(values.out, JSON.stringify(prepared), { mode: 0o600 });
} finally {
  await closeDatabase(); // release the embedded database: the app process becomes its only owner
}
