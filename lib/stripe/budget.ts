// The Stripe request budget: every request the app's Stripe client sends first takes a token from
// one bucket (STRIPE_API_RATE per second, below Stripe's own limit for the key's mode), and
// interactive requests — a customer's action, a return page — are served before background work
// (webhook processing, reconciliation, backfill), which marks itself with `inBackground`. A 429 is
// honoured: the bucket pauses with exponential backoff and the request is sent again (unless Stripe
// says `Stripe-Should-Retry: false`), so a burst of background work slows down instead of failing.
//
// Several app instances: each process has its own bucket, so give each `STRIPE_API_RATE` = the
// account's budget divided by the number of instances (README, "Stripe request budget").
import { AsyncLocalStorage } from 'node:async_hooks';
import type Stripe from 'stripe';

export type StripePriority = 'interactive' | 'background';

const priorityContext = new AsyncLocalStorage<StripePriority>();

/** Runs `work` with every Stripe request it makes queued behind interactive ones. */
export function inBackground<T>(work: () => Promise<T>): Promise<T> {
  return priorityContext.run('background', work);
}

/** The priority of the Stripe requests made here: interactive unless inside `inBackground`. */
export function currentPriority(): StripePriority {
  return priorityContext.getStore() ?? 'interactive';
}

/** Stripe allows about 25 requests/s in test mode and 100/s live; stay below both. */
export function defaultRate(secretKey: string): number {
  return /^(sk|rk)_live_/.test(secretKey) ? 80 : 20;
}

/** Requests waiting for a token, per priority. */
type Waiter = () => void;

/** A token bucket (capacity: one second of requests) with two priorities and a 429 pause. */
export class RequestBudget {
  private tokens: number;
  private refilledAt: number;
  private pausedUntil = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly waiting: Record<StripePriority, Waiter[]> = { interactive: [], background: [] };
  /** Consecutive 429s, for the backoff; reset by any other answer. */
  private limitedInARow = 0;
  /** Requests let through and 429s seen, per priority (for benchmarks and the admin). */
  readonly counts = { interactive: 0, background: 0, rateLimited: 0 };

  constructor(
    readonly ratePerSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(ratePerSecond > 0)) throw new Error(`A Stripe request budget needs a positive rate, not ${ratePerSecond}.`);
    this.tokens = ratePerSecond;
    this.refilledAt = now();
  }

  /** Resolves when a request of this priority may be sent. */
  take(priority: StripePriority = currentPriority()): Promise<void> {
    this.refill();
    if (this.waiting.interactive.length === 0 && (priority === 'interactive' || this.waiting.background.length === 0) && this.available()) {
      this.spend(priority);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiting[priority].push(() => {
        this.spend(priority);
        resolve();
      });
      this.schedule();
    });
  }

  /** Stripe answered 429: no request goes out for a while, longer each time in a row. */
  rateLimited(): void {
    this.counts.rateLimited++;
    const delay = Math.min(500 * 2 ** this.limitedInARow, 8_000);
    this.limitedInARow++;
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + delay);
    this.tokens = 0;
  }

  /** Any other answer ends a run of 429s. */
  answered(): void {
    this.limitedInARow = 0;
  }

  private available(): boolean {
    return this.tokens >= 1 && this.now() >= this.pausedUntil;
  }

  private spend(priority: StripePriority): void {
    this.tokens -= 1;
    this.counts[priority]++;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.ratePerSecond, this.tokens + ((now - this.refilledAt) / 1000) * this.ratePerSecond);
    this.refilledAt = now;
  }

  private schedule(): void {
    if (this.timer) return;
    const untilToken = this.tokens >= 1 ? 0 : ((1 - this.tokens) / this.ratePerSecond) * 1000;
    const wait = Math.max(untilToken, this.pausedUntil - this.now(), 0);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.drain();
    }, Math.ceil(wait));
  }

  private drain(): void {
    this.refill();
    while (this.available()) {
      const next = this.waiting.interactive.shift() ?? this.waiting.background.shift();
      if (!next) return;
      next();
    }
    if (this.waiting.interactive.length > 0 || this.waiting.background.length > 0) this.schedule();
  }
}

/** Most times one request is sent again after 429s before the caller sees the error. */
const MAX_RATE_LIMIT_RETRIES = 5;

/** Wraps the Stripe client's HTTP client so every request goes through `budget`. */
export function budgetedHttpClient(StripeClass: typeof Stripe, budget: RequestBudget): Stripe.HttpClient {
  const inner = StripeClass.createNodeHttpClient();
  class BudgetedHttpClient extends StripeClass.HttpClient {
    override getClientName(): string {
      return `budgeted-${inner.getClientName()}`;
    }

    override async makeRequest(...args: Parameters<Stripe.HttpClient['makeRequest']>): Promise<Stripe.HttpClientResponse> {
      for (let retries = 0; ; retries++) {
        await budget.take();
        const response = await inner.makeRequest(...args);
        if (response.getStatusCode() !== 429) {
          budget.answered();
          return response;
        }
        budget.rateLimited();
        if (retries >= MAX_RATE_LIMIT_RETRIES || response.getHeaders()['stripe-should-retry'] === 'false') return response;
        // Nothing was done: drop the answer and ask again once the paused budget allows.
        await response.toJSON().catch(() => null);
      }
    }
  }
  return new BudgetedHttpClient();
}
