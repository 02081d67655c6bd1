// Stripe's rate limiter, on demand, and a count of the API requests each key made. Off by default;
// `--rate-limit N` (CLI) or `POST /_emulator/rate_limit {"requests_per_second": N}` turns it on:
// each API key may then make N requests per second (a bucket holding one second's worth), and
// beyond that the request is answered 429 with Stripe's `rate_limit` error, as live Stripe does.

export interface RateLimitSettings {
  /** Requests per second per API key; null = no limit. */
  requestsPerSecond: number | null;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** What each key asked for and how often it was turned away. */
export interface RequestCounts {
  requests: number;
  rateLimited: number;
}

export class RateLimiter {
  settings: RateLimitSettings = { requestsPerSecond: null };
  private readonly buckets = new Map<string, Bucket>();
  readonly counts = new Map<string, RequestCounts>();

  constructor(private readonly now: () => number = Date.now) {}

  configure(requestsPerSecond: number | null): void {
    this.settings.requestsPerSecond = requestsPerSecond;
    this.buckets.clear();
  }

  /** Counts one request by `key`; false when it is over the key's rate (answer 429). */
  admit(key: string): boolean {
    const counts = this.counts.get(key) ?? { requests: 0, rateLimited: 0 };
    this.counts.set(key, counts);
    counts.requests++;
    const rate = this.settings.requestsPerSecond;
    if (rate === null) return true;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: rate, at: now };
    bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) {
      counts.rateLimited++;
      return false;
    }
    bucket.tokens -= 1;
    return true;
  }

  /** Forgets the counts (the limit stays as configured). */
  clearCounts(): void {
    this.counts.clear();
  }

  reset(): void {
    this.configure(null);
    this.clearCounts();
  }
}
