// Webhook delivery: signed POSTs to every enabled endpoint that wants the event, retried with
// backoff, with chaos switches (duplicates, delays, shuffling) and a delivery log.
import { createHmac } from 'node:crypto';
import type Stripe from 'stripe';
import type { Emulator } from './emulator.js';
import { newId } from './ids.js';

export interface WebhookSettings {
  /** Delay before each retry, in ms; after the last one the delivery is given up. */
  retryScheduleMs: number[];
  timeoutMs: number;
  /** Probability (0–1) that a delivery is sent a second time. */
  duplicateRate: number;
  /** Each delivery is held back by a random 0…maxDelayMs. */
  maxDelayMs: number;
  /** Deliver due events in random order instead of creation order. */
  shuffle: boolean;
}

const HOUR = 3_600_000;
/** Roughly Stripe's live schedule: exponential backoff over about three days. */
export const REAL_RETRY_SCHEDULE_MS = [60_000, 300_000, 1_800_000, HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR, 12 * HOUR, 24 * HOUR, 24 * HOUR];
export const FAST_RETRY_SCHEDULE_MS = [20, 40, 80, 160];

export function defaultWebhookSettings(): WebhookSettings {
  return { retryScheduleMs: REAL_RETRY_SCHEDULE_MS, timeoutMs: 10_000, duplicateRate: 0, maxDelayMs: 0, shuffle: false };
}

export interface Delivery {
  id: string;
  event: Stripe.Event;
  payload: string;
  endpointId: string;
  attempt: number;
  dueAt: number;
  duplicate: boolean;
}

export interface DeliveryAttempt {
  id: string;
  event: string;
  type: string;
  endpoint: string;
  url: string;
  attempt: number;
  duplicate: boolean;
  status: number | null;
  error: string | null;
  ok: boolean;
  /** Whether another attempt is scheduled after this one failed. */
  will_retry: boolean;
  at: string;
  duration_ms: number;
}

const LOG_LIMIT = 10_000;

export class WebhookDispatcher {
  settings = defaultWebhookSettings();
  readonly log: DeliveryAttempt[] = [];
  private queue: Delivery[] = [];
  private readonly busyEndpoints = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly emu: Emulator) {}

  /** Enabled endpoints subscribed to `type` (directly or with '*'). */
  endpointsFor(type: string): Stripe.WebhookEndpoint[] {
    return this.emu.store
      .list('webhook_endpoint')
      .filter((e) => e.status === 'enabled' && (e.enabled_events.includes('*') || e.enabled_events.includes(type)));
  }

  enqueue(event: Stripe.Event): void {
    const payload = JSON.stringify(event, null, 2);
    for (const endpoint of this.endpointsFor(event.type)) {
      this.queue.push(this.delivery(event, payload, endpoint.id, false));
      if (Math.random() < this.settings.duplicateRate) this.queue.push(this.delivery(event, payload, endpoint.id, true));
    }
    this.pump();
  }

  /** Attempts every waiting first delivery now (skipping chaos delays) and resolves once nothing is due or in flight. */
  async flush(): Promise<{ pending: number }> {
    const now = Date.now();
    for (const delivery of this.queue) if (delivery.attempt === 1) delivery.dueAt = Math.min(delivery.dueAt, now);
    this.pump();
    while (this.busyEndpoints.size > 0 || this.queue.some((d) => d.dueAt <= Date.now())) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      this.pump();
    }
    return { pending: this.queue.length };
  }

  pendingCount(): number {
    return this.queue.length;
  }

  /** The deliveries still waiting for an attempt (first tries and retries), for dev persistence. */
  pending(): Delivery[] {
    return [...this.queue];
  }

  /** Takes back the deliveries a previous run saved, so a restart keeps retrying them. */
  resume(deliveries: Delivery[]): void {
    this.queue.push(...deliveries);
    this.pump();
  }

  clear(): void {
    this.queue = [];
    this.log.length = 0;
    this.settings = defaultWebhookSettings();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  private delivery(event: Stripe.Event, payload: string, endpointId: string, duplicate: boolean): Delivery {
    const delay = this.settings.maxDelayMs > 0 ? Math.random() * this.settings.maxDelayMs : 0;
    return { id: newId('whdel'), event, payload, endpointId, attempt: 1, dueAt: Date.now() + delay, duplicate };
  }

  /** Starts one sequential sender per endpoint that has a due delivery; arms a timer for the next one. */
  private pump(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    const now = Date.now();
    for (const delivery of this.queue) {
      if (delivery.dueAt <= now && !this.busyEndpoints.has(delivery.endpointId)) void this.drainEndpoint(delivery.endpointId);
    }
    const next = Math.min(...this.queue.filter((d) => !this.busyEndpoints.has(d.endpointId)).map((d) => d.dueAt));
    if (Number.isFinite(next)) this.timer = setTimeout(() => this.pump(), Math.max(0, next - Date.now()));
  }

  private async drainEndpoint(endpointId: string): Promise<void> {
    this.busyEndpoints.add(endpointId);
    try {
      for (let delivery = this.takeDue(endpointId); delivery && !this.closed; delivery = this.takeDue(endpointId)) {
        await this.attempt(delivery);
      }
    } finally {
      this.busyEndpoints.delete(endpointId);
      this.pump();
    }
  }

  private takeDue(endpointId: string): Delivery | undefined {
    const now = Date.now();
    const due = this.queue.filter((d) => d.endpointId === endpointId && d.dueAt <= now);
    if (due.length === 0) return undefined;
    const chosen = this.settings.shuffle ? due[Math.floor(Math.random() * due.length)]! : due[0]!;
    this.queue.splice(this.queue.indexOf(chosen), 1);
    return chosen;
  }

  private async attempt(delivery: Delivery): Promise<void> {
    const endpoint = this.emu.store.get('webhook_endpoint', delivery.endpointId);
    const secret = this.emu.store.extras(delivery.endpointId).webhookSecret;
    if (!endpoint || !secret) return;
    const started = Date.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'Stripe-Signature': signatureHeader(delivery.payload, secret, this.emu.clock.wallSeconds()),
        },
        body: delivery.payload,
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      status = response.status;
      await response.arrayBuffer();
    } catch (err) {
      error = err instanceof Error ? (err.name === 'TimeoutError' ? 'timeout' : err.message) : String(err);
    }
    const ok = status !== null && status >= 200 && status < 300;
    const retryDelay = this.settings.retryScheduleMs[delivery.attempt - 1];
    const willRetry = !ok && retryDelay !== undefined;
    this.record({
      id: delivery.id,
      event: delivery.event.id,
      type: delivery.event.type,
      endpoint: endpoint.id,
      url: endpoint.url,
      attempt: delivery.attempt,
      duplicate: delivery.duplicate,
      status,
      error,
      ok,
      will_retry: willRetry,
      at: new Date(started).toISOString(),
      duration_ms: Date.now() - started,
    });
    if (ok && !delivery.duplicate) this.markDelivered(delivery.event.id);
    if (willRetry) this.queue.push({ ...delivery, attempt: delivery.attempt + 1, dueAt: Date.now() + retryDelay });
  }

  private markDelivered(eventId: string): void {
    const stored = this.emu.store.get('event', eventId);
    if (stored && stored.pending_webhooks > 0) stored.pending_webhooks -= 1;
  }

  private record(attempt: DeliveryAttempt): void {
    this.log.push(attempt);
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
  }
}

/** `t=…,v1=…`: HMAC-SHA256 of `${t}.${payload}` with the endpoint secret, as Stripe signs. */
export function signatureHeader(payload: string, secret: string, timestamp: number): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');
  return `t=${timestamp},v1=${signature}`;
}
