// Idempotency keys: the first response is stored for 24 h (emulator clock) and replayed for the
// same endpoint and parameters; anything else with the same key is an idempotency_error.
import { createHash } from 'node:crypto';
import { idempotencyError } from './errors.js';

export interface StoredResponse {
  status: number;
  body: string;
}

interface Entry {
  endpoint: string;
  paramsHash: string;
  response: StoredResponse | null;
  expiresAt: number;
}

const TTL_SECONDS = 24 * 60 * 60;

const PRUNE_EVERY = 1_000;

export class IdempotencyStore {
  private entries = new Map<string, Entry>();
  private sincePrune = 0;

  /** Returns the stored response to replay, or null after reserving the key for this request. */
  begin(key: string, endpoint: string, params: unknown, now: number): StoredResponse | null {
    if (++this.sincePrune >= PRUNE_EVERY) this.prune(now);
    const paramsHash = createHash('sha256').update(JSON.stringify(params)).digest('hex');
    const existing = this.entries.get(key);
    if (existing && existing.expiresAt > now) {
      if (existing.endpoint !== endpoint) {
        throw idempotencyError(
          `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${existing.endpoint}' vs '${endpoint}'). Try using a key other than '${key}' if you meant to execute a different request.`,
        );
      }
      if (existing.paramsHash !== paramsHash) {
        throw idempotencyError(
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        );
      }
      if (!existing.response) {
        throw idempotencyError(
          'There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ' +
            `${key}. Please try again later.`,
          409,
        );
      }
      return existing.response;
    }
    this.entries.set(key, { endpoint, paramsHash, response: null, expiresAt: now + TTL_SECONDS });
    return null;
  }

  complete(key: string, response: StoredResponse): void {
    const entry = this.entries.get(key);
    if (entry) entry.response = response;
  }

  /** Forgets a key whose request was refused before it ran (faults), so a retry executes it. */
  release(key: string): void {
    const entry = this.entries.get(key);
    if (entry && !entry.response) this.entries.delete(key);
  }

  private prune(now: number): void {
    this.sincePrune = 0;
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
