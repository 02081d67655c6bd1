// Figures a test measures along the way (chaos counts, fuzz outcomes), kept in
// test-results/figures/<name>.json so docs/reliability.md can quote the last real run.
import fs from 'node:fs';
import path from 'node:path';

const folder = path.join(process.cwd(), 'test-results', 'figures');

export function recordFigures(name: string, value: unknown): void {
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, `${name}.json`), JSON.stringify({ recordedAt: new Date().toISOString(), value }, null, 2));
}

export function readFigures<T>(name: string): { recordedAt: string; value: T } | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(folder, `${name}.json`), 'utf8'));
  } catch {
    return null;
  }
}
