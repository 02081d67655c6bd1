// `npm start` (production build) and `npm run dev` (next dev): the embedded default with no setup.
// Creates what is missing (.env.local with AUTH_SECRET, the data folder), migrates and seeds the
// database, then runs every process of the stack as one group; Ctrl-C stops them all.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureLocalEnv } from './lib/local-env';
import { ProcessGroup, type ProcessSpec } from './lib/processes';
import { closeDatabase, getDatabase } from '../lib/db/client';
import { seedDemoUsers } from './seed';

const mode = process.argv.includes('--dev') ? 'dev' : 'production';
const port = Number(process.env.PORT ?? 3000);
const nextBin = path.join('node_modules', 'next', 'dist', 'bin', 'next');

ensureLocalEnv();
fs.mkdirSync('.data', { recursive: true });

const handle = await getDatabase(); // opens (and on the embedded default, migrates) the database
const credentials = await seedDemoUsers(handle.db);
await closeDatabase(); // release the embedded database: the app process becomes its only owner

if (mode === 'production' && !buildIsFresh()) {
  console.log('Building the app (next build)…');
  const build = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const stack: ProcessSpec[] = [
  {
    name: 'app',
    command: process.execPath,
    args: [nextBin, mode === 'dev' ? 'dev' : 'start', '-p', String(port)],
    readyUrl: `http://localhost:${port}/`,
  },
];

const group = new ProcessGroup((name, code) => {
  console.error(`${name} exited (code ${code}); stopping the rest.`);
  void group.stop().then(() => process.exit(code ?? 1));
});
group.stopOnSignals();
for (const spec of stack) await group.start(spec);

console.log(`
Paydesk is running at http://localhost:${port}
  Demo admin:    ${credentials.admin.email} / ${credentials.admin.password}
  Demo customer: ${credentials.customer.email} / ${credentials.customer.password}
Press Ctrl-C to stop.
`);

/** True when .next holds a production build newer than every source file. */
function buildIsFresh(): boolean {
  const buildId = path.join('.next', 'BUILD_ID');
  if (!fs.existsSync(buildId)) return false;
  const builtAt = fs.statSync(buildId).mtimeMs;
  const sources = ['app', 'components', 'lib', 'public', 'next.config.ts', 'package-lock.json', 'proxy.ts'];
  return !sources.some((source) => newestMtime(source) > builtAt);
}

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}
