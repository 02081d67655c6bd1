// The machine a benchmark ran on, as docs/benchmarks.md states it.
import fs from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  /** 1-minute load average when the run started (the machine is shared). */
  loadAverage: number;
  os: string;
  postgres: string;
  commit: string;
}

export function machineInfo(): MachineInfo {
  let cpuModel = os.cpus()[0]?.model ?? 'unknown';
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    if (match) cpuModel = match[1]!.trim();
  } catch {
    // Not Linux: os.cpus() said it already.
  }
  const run = (file: string, args: string[]) => {
    try {
      return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return 'unknown';
    }
  };
  return {
    cpuModel,
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    loadAverage: Math.round(os.loadavg()[0]! * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    postgres: run(`${process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin'}/postgres`, ['--version']),
    commit: run('git', ['rev-parse', '--short', 'HEAD']),
  };
}
