// The emulator's shared state and services, passed to every resource function as `emu`.
import { Clock } from './clock.js';
import { EventBus } from './events.js';
import { noFaults, type FaultSettings } from './faults.js';
import { RateLimiter } from './rate-limit.js';
import { IdempotencyStore } from './protocol/idempotency.js';
import { Store } from './store.js';
import { WebhookDispatcher } from './webhooks.js';
import { defaultDunning, type DunningSettings } from './state/billing/dunning.js';
import type { Reactions } from './state/reactions.js';

export interface RequestInfo {
  id: string;
  idempotency_key: string | null;
}

export class Emulator {
  readonly store = new Store();
  readonly clock = new Clock((id) => this.store.get('test_helpers.test_clock', id));
  readonly idempotency = new IdempotencyStore();
  readonly events: EventBus;
  readonly webhooks: WebhookDispatcher;
  faults: FaultSettings = noFaults();
  /** Stripe's per-key rate limit (off unless configured) and the requests each key made. */
  readonly rateLimiter = new RateLimiter();
  dunning: DunningSettings = defaultDunning();
  /** The API request being handled, recorded on the events it causes. */
  request: RequestInfo | null = null;
  /** Called after every state change (persistence debounces on it). */
  onChange: () => void = () => {};

  constructor(
    public baseUrl: string,
    /** How a success in one resource moves the resources above it (state/reactions.ts). */
    readonly reactions: Reactions,
  ) {
    this.events = new EventBus(this);
    this.webhooks = new WebhookDispatcher(this);
    this.events.subscribe((event) => this.webhooks.enqueue(event));
  }

  reset(): void {
    this.store.clear();
    this.clock.reset();
    this.idempotency.clear();
    this.webhooks.clear();
    this.faults = noFaults();
    this.rateLimiter.reset();
    this.dunning = defaultDunning();
    this.onChange();
  }
}
