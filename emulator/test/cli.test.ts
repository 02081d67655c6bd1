import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stripeFor } from './harness.js';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

function startCli(args: string[]): Promise<{ child: ChildProcess; url: URL }> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`CLI exited with ${code}`)));
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (text: string) => {
      const match = /listening on (http:\/\/\S+)/.exec(text);
      if (match) resolve({ child, url: new URL(match[1]!) });
    });
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('CLI', () => {
  it('serves on the chosen port, and on SIGTERM writes its state file and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stripe-emulator-cli-'));
    const dataFile = join(dir, 'state.json');
    try {
      const { child, url } = await startCli(['--data-file', dataFile]);
      const health = await fetch(new URL('/_emulator/health', url)).then((r) => r.json());
      expect(health).toMatchObject({ ok: true, api_version: '2026-10-28.endive' });
      const customer = await stripeFor(Number(url.port)).customers.create({ email: 'cli@example.com' });
      const exited = exitOf(child);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(readFileSync(dataFile, 'utf8')).toContain(customer.id);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
