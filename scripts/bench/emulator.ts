// Benchmark 4 — the emulator's own throughput: runs emulator/bench/bench.ts (the real SDK against the
// emulator CLI in its own process) and reads its summary lines.
import { spawn } from 'node:child_process';
import { table } from './measure';

export interface EmulatorOptions {
  durationMs: number;
  concurrency: number;
}

export interface EmulatorRow {
  operation: string;
  operationsPerSecond: number;
  requestsPerSecond: number;
  /** What the emulator bench prints after the rates (e.g. its CPU time per request), verbatim. */
  note: string;
}

export interface EmulatorResult {
  options: EmulatorOptions;
  rows: EmulatorRow[];
  markdown: string;
}

export async function runEmulatorBenchmark(options: EmulatorOptions): Promise<EmulatorResult> {
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/bench/bench.ts'], {
      env: { ...process.env, BENCH_MS: String(options.durationMs), BENCH_CONCURRENCY: String(options.concurrency) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`emulator bench exited with ${code}:\n${text}`))));
  });
  const rows: EmulatorRow[] = [];
  for (const match of output.matchAll(/^(\S.*?)\s+(\d+) ops\/s\s+(\d+) requests\/s(.*)$/gm)) {
    rows.push({ operation: match[1]!.trim(), operationsPerSecond: Number(match[2]), requestsPerSecond: Number(match[3]), note: match[4]!.trim() });
  }
  if (rows.length === 0) throw new Error(`emulator bench printed no figures:\n${output}`);
  const markdown = [
    `\`emulator/bench/bench.ts\`: the real \`stripe\` SDK, ${options.concurrency} concurrent clients, ${options.durationMs} ms per case, against the emulator CLI ` +
      '(`--ephemeral`) running as its own process, no added latency.',
    '',
    table(['Operation', 'Operations / s', 'HTTP requests / s', 'Also measured'], rows.map((r) => [r.operation, r.operationsPerSecond, `**${r.requestsPerSecond}**`, r.note])),
    '',
    `Its own header line: \`${output.split('\n')[0]!.trim()}\``,
  ].join('\n');
  return { options, rows, markdown };
}
