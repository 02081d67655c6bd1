// Dev persistence: the whole state as one JSON file, written shortly after changes and on exit,
// with the webhook deliveries still waiting so that a restart does not drop their retries.
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Emulator } from './emulator.js';
import type { PersistedStore } from './store.js';
import type { DunningSettings } from './state/billing/dunning.js';
import type { Delivery } from './webhooks.js';

const SAVE_DELAY_MS = 250;

interface Snapshot {
  version: 1;
  store: PersistedStore;
  clockOffsetSeconds: number;
  dunning: DunningSettings;
  /** Absent in files written before the queue was kept. */
  webhookQueue?: Delivery[];
}

export class Persistence {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly emu: Emulator,
    private readonly file: string,
  ) {}

  load(): void {
    if (!existsSync(this.file)) return;
    const snapshot = JSON.parse(readFileSync(this.file, 'utf8')) as Snapshot;
    if (snapshot.version !== 1) throw new Error(`Unsupported state file version in ${this.file}`);
    this.emu.store.load(snapshot.store);
    this.emu.clock.offsetSeconds = snapshot.clockOffsetSeconds;
    this.emu.dunning = snapshot.dunning;
    this.emu.webhooks.resume(snapshot.webhookQueue ?? []);
  }

  scheduleSave(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.save(), SAVE_DELAY_MS);
  }

  save(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const snapshot: Snapshot = {
      version: 1,
      store: this.emu.store.toJSON(),
      clockOffsetSeconds: this.emu.clock.offsetSeconds,
      dunning: this.emu.dunning,
      webhookQueue: this.emu.webhooks.pending(),
    };
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, JSON.stringify(snapshot));
    renameSync(temp, this.file);
  }
}
