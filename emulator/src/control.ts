// The control API under /_emulator: reset, time, faults, webhook delivery, and the customer's
// side of hosted flows (the hosted pages call the same functions).
import type { Emulator } from './emulator.js';
import type { Router } from './router.js';
import { invalidRequest, parameterMissing } from './protocol/errors.js';
import { Params } from './protocol/params.js';
import { API_VERSION } from './protocol/version.js';
import { advanceTime } from './state/billing/cycle.js';
import { FAST_RETRY_SCHEDULE_MS, REAL_RETRY_SCHEDULE_MS } from './webhooks.js';
import { completeCheckoutSession } from './state/checkout-sessions.js';
import { createCardPaymentMethod } from './state/payment-methods.js';
import { closeDispute } from './state/disputes.js';
import { advanceTestClock } from './state/test-clocks.js';
import { resolveThreeDSecure } from './state/three-d-secure.js';
import { mustGet } from './state/lookup.js';

export interface ControlRequest {
  emu: Emulator;
  body: Record<string, unknown>;
  path: Record<string, string>;
  query: URLSearchParams;
}

export type ControlHandler = (request: ControlRequest) => unknown;

export function registerControlRoutes(control: Router<ControlHandler>): void {
  control.add('GET', '/_emulator/health', ({ emu }) => ({ ok: true, url: emu.baseUrl, api_version: API_VERSION }));
  control.add('POST', '/_emulator/reset', ({ emu }) => (emu.reset(), { ok: true }));

  control.add('GET', '/_emulator/clock', ({ emu }) => ({ now: emu.clock.now(), offset_seconds: emu.clock.offsetSeconds }));
  control.add('POST', '/_emulator/clock/advance', ({ emu, body }) => {
    const now = emu.clock.now();
    const target = body.to !== undefined ? int(body.to, 'to') : now + int(body.seconds, 'seconds');
    if (target < now) throw invalidRequest('The global clock only moves forward.', 'to');
    advanceTime(emu, null, target);
    return { now: emu.clock.now(), offset_seconds: emu.clock.offsetSeconds };
  });
  control.add('POST', '/_emulator/test_clocks/:id/advance', ({ emu, body, path }) => {
    const clock = mustGet(emu, 'test_helpers.test_clock', path.id);
    const target = body.frozen_time !== undefined ? int(body.frozen_time, 'frozen_time') : clock.frozen_time + int(body.seconds, 'seconds');
    return advanceTestClock(emu, clock, target);
  });

  control.add('GET', '/_emulator/faults', ({ emu }) => faultsView(emu));
  control.add('POST', '/_emulator/faults', ({ emu, body }) => {
    const f = emu.faults;
    if (body.rate_limit_rate !== undefined) f.rateLimitRate = rate(body.rate_limit_rate, 'rate_limit_rate');
    if (body.server_error_rate !== undefined) f.serverErrorRate = rate(body.server_error_rate, 'server_error_rate');
    if (body.connection_reset_rate !== undefined) f.connectionResetRate = rate(body.connection_reset_rate, 'connection_reset_rate');
    if (body.latency_ms !== undefined) f.latencyMs = int(body.latency_ms, 'latency_ms');
    return faultsView(emu);
  });

  control.add('GET', '/_emulator/rate_limit', ({ emu }) => rateLimitView(emu));
  control.add('POST', '/_emulator/rate_limit', ({ emu, body }) => {
    if (body.requests_per_second !== undefined) {
      emu.rateLimiter.configure(body.requests_per_second === null ? null : positive(body.requests_per_second, 'requests_per_second'));
    }
    if (body.clear_counts === true) emu.rateLimiter.clearCounts();
    return rateLimitView(emu);
  });

  control.add('GET', '/_emulator/webhooks/config', ({ emu }) => webhookView(emu));
  control.add('POST', '/_emulator/webhooks/config', ({ emu, body }) => {
    const s = emu.webhooks.settings;
    if (body.retry_schedule === 'fast') s.retryScheduleMs = FAST_RETRY_SCHEDULE_MS;
    else if (body.retry_schedule === 'real') s.retryScheduleMs = REAL_RETRY_SCHEDULE_MS;
    else if (Array.isArray(body.retry_schedule_ms)) s.retryScheduleMs = body.retry_schedule_ms.map((ms, i) => int(ms, `retry_schedule_ms[${i}]`));
    if (body.timeout_ms !== undefined) s.timeoutMs = int(body.timeout_ms, 'timeout_ms');
    if (body.duplicate_rate !== undefined) s.duplicateRate = rate(body.duplicate_rate, 'duplicate_rate');
    if (body.max_delay_ms !== undefined) s.maxDelayMs = int(body.max_delay_ms, 'max_delay_ms');
    if (body.shuffle !== undefined) s.shuffle = Boolean(body.shuffle);
    return webhookView(emu);
  });
  control.add('GET', '/_emulator/webhooks/deliveries', ({ emu, query }) => {
    const event = query.get('event');
    const endpoint = query.get('endpoint');
    const type = query.get('type');
    const data = emu.webhooks.log.filter((d) => (!event || d.event === event) && (!endpoint || d.endpoint === endpoint) && (!type || d.type === type));
    return { object: 'list', data, pending: emu.webhooks.pendingCount() };
  });
  control.add('POST', '/_emulator/webhooks/flush', ({ emu }) => emu.webhooks.flush());

  control.add('POST', '/_emulator/checkout/sessions/:id/complete', ({ emu, body, path }) => {
    const paymentMethod = paymentMethodFrom(emu, body);
    return completeCheckoutSession(emu, path.id!, { paymentMethod, email: optionalString(body.email), name: optionalString(body.name) });
  });
  control.add('POST', '/_emulator/3ds/:id', ({ emu, body, path }) => {
    const outcome = body.outcome ?? 'complete';
    if (outcome !== 'complete' && outcome !== 'fail') throw invalidRequest("outcome must be 'complete' or 'fail'", 'outcome');
    return resolveThreeDSecure(emu, path.id!, outcome);
  });
  control.add('POST', '/_emulator/disputes/:id/close', ({ emu, body, path }) => {
    if (body.outcome !== 'won' && body.outcome !== 'lost') throw invalidRequest("outcome must be 'won' or 'lost'", 'outcome');
    return closeDispute(emu, mustGet(emu, 'dispute', path.id), body.outcome);
  });

  control.add('GET', '/_emulator/billing/dunning', ({ emu }) => dunningView(emu));
  control.add('POST', '/_emulator/billing/dunning', ({ emu, body }) => {
    if (Array.isArray(body.retry_delays_days)) emu.dunning.retryDelaysDays = body.retry_delays_days.map((d, i) => int(d, `retry_delays_days[${i}]`));
    if (body.after_final_failure !== undefined) {
      if (!['cancel', 'unpaid', 'past_due'].includes(String(body.after_final_failure))) throw invalidRequest('after_final_failure must be cancel, unpaid or past_due', 'after_final_failure');
      emu.dunning.afterFinalFailure = body.after_final_failure as 'cancel' | 'unpaid' | 'past_due';
    }
    return dunningView(emu);
  });
}

/** `payment_method` (id or pm_card_* alias) or `card: {number, exp_month, exp_year, cvc}`. */
function paymentMethodFrom(emu: Emulator, body: Record<string, unknown>): string {
  if (typeof body.payment_method === 'string') return body.payment_method;
  if (body.card && typeof body.card === 'object') {
    const card = Object.fromEntries(Object.entries(body.card as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    return createCardPaymentMethod(emu, new Params(card, 'card')).id;
  }
  throw parameterMissing('payment_method');
}

function faultsView(emu: Emulator) {
  const f = emu.faults;
  return { rate_limit_rate: f.rateLimitRate, server_error_rate: f.serverErrorRate, connection_reset_rate: f.connectionResetRate, latency_ms: f.latencyMs };
}

/** The limit, and the API requests per key since the last reset (secret keys shown by their last 4). */
function rateLimitView(emu: Emulator) {
  const keys = [...emu.rateLimiter.counts.entries()].map(([key, c]) => ({ key: `…${key.slice(-4)}`, requests: c.requests, rateLimited: c.rateLimited }));
  return {
    requests_per_second: emu.rateLimiter.settings.requestsPerSecond,
    requests: keys.reduce((sum, k) => sum + k.requests, 0),
    rate_limited: keys.reduce((sum, k) => sum + k.rateLimited, 0),
    keys: keys.map((k) => ({ key: k.key, requests: k.requests, rate_limited: k.rateLimited })),
  };
}

function positive(value: unknown, name: string): number {
  const n = Number(value);
  if (!(n > 0 && n <= 1_000_000)) throw invalidRequest(`${name} must be a positive number of requests per second (or null for no limit)`, name);
  return n;
}

function webhookView(emu: Emulator) {
  const s = emu.webhooks.settings;
  return { retry_schedule_ms: s.retryScheduleMs, timeout_ms: s.timeoutMs, duplicate_rate: s.duplicateRate, max_delay_ms: s.maxDelayMs, shuffle: s.shuffle };
}

function dunningView(emu: Emulator) {
  return { retry_delays_days: emu.dunning.retryDelaysDays, after_final_failure: emu.dunning.afterFinalFailure };
}

function int(value: unknown, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw invalidRequest(`${name} must be a non-negative integer`, name);
  return n;
}

function rate(value: unknown, name: string): number {
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw invalidRequest(`${name} must be between 0 and 1`, name);
  return n;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
