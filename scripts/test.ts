// `npm test`: every suite of the project. Independent suites run in parallel (this machine has two
// cores); the end-to-end suites share one production build. Each suite's full output goes to
// test-results/logs/<suite>.log and is printed when the suite fails.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

interface Suite {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

const logDir = path.join('test-results', 'logs');
fs.mkdirSync(logDir, { recursive: true });
const node = process.execPath;
const bin = (pkg: string, file: string) => path.join('node_modules', pkg, file);

const checks: Suite[] = [
  { name: 'typecheck', command: node, args: [bin('typescript', 'bin/tsc'), '--noEmit'] },
  { name: 'typecheck-emulator', command: node, args: [bin('typescript', 'bin/tsc'), '--noEmit', '-p', 'emulator'] },
  { name: 'lint', command: node, args: [bin('eslint', 'bin/eslint.js'), '.'] },
  { name: 'cycles', command: node, args: [bin('tsx', 'dist/cli.mjs'), 'scripts/check-cycles.ts'] },
];
const unitAndIntegration: Suite[] = [
  { name: 'emulator', command: node, args: [bin('vitest', 'vitest.mjs'), 'run', '--root', 'emulator'] },
  { name: 'app', command: node, args: [bin('vitest', 'vitest.mjs'), 'run', '--maxWorkers=2'] },
];
const build: Suite = { name: 'build', command: node, args: [bin('next', 'dist/bin/next'), 'build'] };
const playwright = bin('@playwright/test', 'cli.js');
const emulatorEndToEnd: Suite = { name: 'e2e-emulator', command: node, args: [playwright, 'test', '-c', 'emulator/playwright.config.ts'] };
const appEndToEnd: Suite = { name: 'e2e-app', command: node, args: [playwright, 'test'] };

const results: { name: string; ok: boolean; seconds: number }[] = [];

function run(suite: Suite): Promise<boolean> {
  const started = Date.now();
  const logFile = path.join(logDir, `${suite.name}.log`);
  const log = fs.createWriteStream(logFile);
  console.log(`▶ ${suite.name}`);
  return new Promise((resolve) => {
    const child = spawn(suite.command, suite.args, {
      env: { ...process.env, FORCE_COLOR: '0', ...suite.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.on('close', (code) => {
      log.end(() => {
        const ok = code === 0;
        const seconds = Math.round((Date.now() - started) / 1000);
        results.push({ name: suite.name, ok, seconds });
        console.log(`${ok ? '✔' : '✘'} ${suite.name} (${seconds} s)`);
        if (!ok) {
          console.log(`----- ${suite.name}: ${logFile} -----`);
          console.log(fs.readFileSync(logFile, 'utf8'));
          console.log(`----- end of ${suite.name} -----`);
        } else {
          const summary = fs
            .readFileSync(logFile, 'utf8')
            .split('\n')
            .filter((l) => /(Tests|Test Files)\s+\d|^\s*\d+ (passed|failed|flaky|skipped)/.test(l));
          for (const line of summary) console.log(`   ${line.trim()}`);
        }
        resolve(ok);
      });
    });
  });
}

async function runAll(suites: Suite[], concurrency: number): Promise<void> {
  const queue = [...suites];
  await Promise.all(
    Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let suite = queue.shift(); suite; suite = queue.shift()) await run(suite);
    }),
  );
}

const started = Date.now();
// The build (about a minute and a half) runs beside the Vitest suites; the app's suite takes both
// cores once the build is done (two workers: its files are independent, each with its own databases
// and emulator). Then the browser suites on the shared build, one after the other (each keeps both
// cores busy on its own), then the checks.
const buildDone = run(build);
await runAll(unitAndIntegration, 1);
await buildDone;
if (results.find((r) => r.name === 'build')?.ok) {
  await run(emulatorEndToEnd);
  await run(appEndToEnd);
}
await runAll(checks, 2);

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`\nAll suites took ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
