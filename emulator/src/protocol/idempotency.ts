// Idempotency keys: the first response is stored for 24 h (emulator clock) and replayed for the
// same endpoint and parameters; anything else with the same key is an idempotency_error.
// Handlers run synchronously, so a key is never seen while its first request is still running.
import { createHash } from 'node:crypto';
import { idempotencyError } from './errors.js';

export interface StoredResponse {
  status: number;
  body: string;
}

interface Entry {
  endpoint: string;
  paramsHash: string;
  response: StoredResponse;
  expiresAt: number;
}

const TTL_SECONDS = 24 * 60 * 60;
const PRUNE_EVERY = 1_000;
/** stripe-node sends a key with every POST: bound the memory a long dev session can use. */
const MAX_ENTRIES = 20_000;

export class IdempotencyStore {
  private entries = new Map<string, Entry>();
  private sincePrune = 0;

  /** The stored response to replay for `key`, or null when the key is new (or expired). */
  replay(key: string, endpoint: string, params: unknown, now: number): StoredResponse | null {
    if (++this.sincePrune >= PRUNE_EVERY) this.prune(now);
    const existing = this.entries.get(key);
    if (!existing || existing.expiresAt <= now) return null;
    if (existing.endpoint !== endpoint) {
      throw idempotencyError(
        `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${existing.endpoint}' vs '${endpoint}'). Try using a key other than '${key}' if you meant to execute a different request.`,
      );
    }
    if (existing.paramsHash !== hashOf(params)) {
      throw idempotencyError(
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      );
    }
    return existing.response;
  }

  remember(key: string, endpoint: string, params: unknown, response: StoredResponse, now: number): void {
    this.entries.set(key, { endpoint, paramsHash: hashOf(params), response, expiresAt: now + TTL_SECONDS });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }

  private prune(now: number): void {
    this.sincePrune = 0;
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

function hashOf(params: unknown): string {
  return createHash('sha256').update(JSON.stringify(params)).digest('hex');
}
