// The stack Playwright tests against (playwright.config.ts starts it as its webServer): a fresh
// embedded database with the demo users, and the production build of the app. Reuses the last
// `next build` (building only when there is none). Killing this process stops everything it started.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../lib/db/client';
import { ProcessGroup, type ProcessSpec } from './lib/processes';
import { seedDemoUsers } from './seed';
import { promotedAdminEmail } from '../e2e/support/accounts';

const port = Number(process.env.E2E_PORT ?? 3100);
const nextBin = path.join('node_modules', 'next', 'dist', 'bin', 'next');

if (!fs.existsSync(path.join('.next', 'BUILD_ID'))) {
  console.log('No production build found: running next build…');
  const build = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paydesk-e2e-'));
const pgliteDir = path.join(dataDir, 'pglite');
const database = await openDatabase({ pgliteDir, migrate: true });
await seedDemoUsers(database.db);
await database.close(); // the app process becomes the database's only owner

const appEnv: NodeJS.ProcessEnv = {
  NODE_ENV: 'production',
  PGLITE_DIR: pgliteDir,
  DATABASE_URL: '',
  AUTH_SECRET: randomBytes(32).toString('base64url'),
  AUTH_URL: `http://localhost:${port}`,
  ADMIN_EMAILS: promotedAdminEmail,
  AUTH_GITHUB_ID: '',
  AUTH_GITHUB_SECRET: '',
};

// One entry per process; later the Stripe emulator joins here, started before the app.
const stack: ProcessSpec[] = [
  {
    name: 'app',
    command: process.execPath,
    args: [nextBin, 'start', '-p', String(port)],
    env: appEnv,
    readyUrl: `http://localhost:${port}/`,
  },
];

const group = new ProcessGroup((name, code) => {
  console.error(`${name} exited (code ${code}); stopping the e2e stack.`);
  void shutdown(code ?? 1);
});
// `on`, not `once`: a signal sent to the whole process group can arrive twice (directly, and relayed
// by a tsx CLI parent), and a second, default-handled SIGTERM would kill this process before it has
// stopped next.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));

let stopping: Promise<never> | undefined;
function shutdown(code: number): Promise<never> {
  stopping ??= group.stop().then(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(code);
  });
  return stopping;
}

for (const spec of stack) await group.start(spec);
console.log(`e2e stack ready at http://localhost:${port}`);
