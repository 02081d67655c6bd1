// The production build shared by `npm start` and the e2e stack: rebuilt only when a source file is
// newer than the last `next build`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const nextBin = path.join('node_modules', 'next', 'dist', 'bin', 'next');

const sources = ['app', 'components', 'lib', 'public', 'next.config.ts', 'package-lock.json', 'proxy.ts', 'postcss.config.mjs'];

/** Runs `next build` unless .next holds a build newer than every source file; exits on failure. */
export function ensureFreshBuild(): void {
  if (buildIsFresh()) return;
  console.log('Building the app (next build)…');
  // As for the server the runner starts: no telemetry, and no notice about it in the build output.
  const build = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

function buildIsFresh(): boolean {
  const buildId = path.join('.next', 'BUILD_ID');
  if (!fs.existsSync(buildId)) return false;
  const builtAt = fs.statSync(buildId).mtimeMs;
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
