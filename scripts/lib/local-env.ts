// The embedded default's local configuration: creates what is missing in .env.local (a generated
// AUTH_SECRET) and loads .env.local into this process, as Next does for the app.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const envFile = path.join(process.cwd(), '.env.local');

export function ensureLocalEnv(): void {
  const existing = fs.existsSync(envFile) ? fs.readFileSync(envFile, 'utf8') : '';
  if (!/^AUTH_SECRET=/m.test(existing) && !process.env.AUTH_SECRET) {
    const line = `AUTH_SECRET=${randomBytes(32).toString('base64url')}\n`;
    fs.writeFileSync(envFile, (existing && !existing.endsWith('\n') ? existing + '\n' : existing) + line, { mode: 0o600 });
    console.log(`Created ${path.relative(process.cwd(), envFile)} with a generated AUTH_SECRET`);
  }
  loadEnvFile(envFile);
}

/** Loads KEY=value lines without overriding variables already set in the environment. */
export function loadEnvFile(file: string): void {
  if (!fs.existsSync(file)) return;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)\s*$/.exec(line);
    if (!match || line.trimStart().startsWith('#')) continue;
    const value = match[2].replace(/^(['"])(.*)\1$/, '$2');
    process.env[match[1]] ??= value;
  }
}
