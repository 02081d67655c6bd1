// Runs the long-lived processes of a local stack (emulator, app, ...) as one group: output is prefixed
// with each process's name, readiness is awaited by polling a URL, and one signal stops them all.
import { spawn, type ChildProcess } from 'node:child_process';

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string | undefined>;
  /** Resolved once a GET to this URL answers (any HTTP status). */
  readyUrl?: string;
  readyTimeoutMs?: number;
}

export class ProcessGroup {
  private children: { spec: ProcessSpec; child: ChildProcess }[] = [];
  private stopping = false;

  constructor(private readonly onUnexpectedExit: (name: string, code: number | null) => void = defaultExit) {
    // If this process dies without stopping the group (an exception during setup), take the
    // children along instead of orphaning them.
    process.once('exit', () => {
      for (const { child } of this.children) if (child.exitCode === null && child.signalCode === null) signalGroup(child, 'SIGTERM');
    });
  }

  async start(spec: ProcessSpec): Promise<void> {
    const child = spawn(spec.command, spec.args, {
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so stop() also reaches grandchildren (e.g. next-server)
    });
    this.children.push({ spec, child });
    const prefix = `[${spec.name}] `;
    for (const stream of [child.stdout, child.stderr]) {
      let partial = '';
      stream?.on('data', (chunk: Buffer) => {
        const lines = (partial + chunk.toString()).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) process.stdout.write(prefix + line + '\n');
      });
    }
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => {
        if (!this.stopping) this.onUnexpectedExit(spec.name, code);
        reject(new Error(`${spec.name} exited with code ${code} before it was ready`));
      }),
    );
    exited.catch(() => {});
    if (spec.readyUrl) await Promise.race([waitForUrl(spec.readyUrl, spec.readyTimeoutMs ?? 120_000), exited]);
  }

  private stopped: Promise<void> | undefined;

  /** Stops every process (SIGTERM to its whole group, SIGKILL after a grace period); safe to call twice. */
  stop(): Promise<void> {
    this.stopping = true;
    this.stopped ??= Promise.all(
      [...this.children].reverse().map(({ child }) => {
        if (child.exitCode !== null || child.signalCode !== null) return undefined;
        return new Promise<void>((resolve) => {
          const kill = setTimeout(() => signalGroup(child, 'SIGKILL'), 5_000);
          child.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          signalGroup(child, 'SIGTERM');
        });
      }),
    ).then(() => undefined);
    return this.stopped;
  }

  /**
   * Stop everything on Ctrl-C / SIGTERM, run `cleanup`, then exit. `on`, not `once`: a signal sent to
   * the whole terminal process group can arrive twice (directly, and relayed by the tsx CLI parent),
   * and a second, default-handled signal would kill this process before its children are stopped.
   */
  stopOnSignals(cleanup: () => void = () => {}): void {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, () => {
        void this.stop().then(() => {
          cleanup();
          process.exit(0);
        });
      });
    }
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

function defaultExit(name: string, code: number | null) {
  console.error(`${name} exited unexpectedly (code ${code})`);
  process.exitCode = 1;
}

export async function waitForUrl(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${url}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
