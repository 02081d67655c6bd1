// /v1/subscription_schedules: create, list, retrieve, update, cancel, release.
import { type ApiRouter, listRoute, matchBool, matchStr, retrieveRoute } from './api.js';
import { mustGet } from '../state/lookup.js';
import {
  cancelSubscriptionSchedule,
  createSubscriptionSchedule,
  releaseSubscriptionSchedule,
  updateSubscriptionSchedule,
} from '../state/subscription-schedules.js';

export function registerSubscriptionScheduleRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/subscription_schedules', { run: ({ emu, params }) => createSubscriptionSchedule(emu, params) });
  api.add('GET', '/v1/subscription_schedules', listRoute('subscription_schedule', {
    filters: { customer: matchStr((s) => s.customer), scheduled: matchBool((s) => s.status === 'not_started') },
    accepts: ['canceled_at', 'completed_at', 'released_at', 'customer_account'],
  }));
  api.add('GET', '/v1/subscription_schedules/:id', retrieveRoute('subscription_schedule'));
  api.add('POST', '/v1/subscription_schedules/:id', { run: ({ emu, params, path }) => updateSubscriptionSchedule(emu, mustGet(emu, 'subscription_schedule', path.id), params) });
  api.add('POST', '/v1/subscription_schedules/:id/cancel', { run: ({ emu, params, path }) => cancelSubscriptionSchedule(emu, mustGet(emu, 'subscription_schedule', path.id), params) });
  api.add('POST', '/v1/subscription_schedules/:id/release', { run: ({ emu, params, path }) => releaseSubscriptionSchedule(emu, mustGet(emu, 'subscription_schedule', path.id), params) });
}
