// /v1/subscription_schedules: create, list, retrieve, update, cancel, release.
import { type ApiRouter, retrieveRoute } from './api.js';
import { LIST_PARAMS, paginate } from '../protocol/list.js';
import { mustGet } from '../state/lookup.js';
import {
  cancelSubscriptionSchedule,
  createSubscriptionSchedule,
  releaseSubscriptionSchedule,
  updateSubscriptionSchedule,
} from '../state/subscription-schedules.js';

export function registerSubscriptionScheduleRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/subscription_schedules', { run: ({ emu, params }) => createSubscriptionSchedule(emu, params) });
  api.add('GET', '/v1/subscription_schedules', {
    run: ({ emu, params, url }) => {
      params.only(...LIST_PARAMS, 'customer', 'scheduled', 'canceled_at', 'completed_at', 'released_at', 'customer_account');
      const customer = params.str('customer');
      const scheduled = params.bool('scheduled');
      const items = emu.store
        .list('subscription_schedule')
        .filter((s) => (customer === undefined || s.customer === customer) && (scheduled === undefined || (s.status === 'not_started') === scheduled));
      return paginate(items, params, url, 'subscription_schedule');
    },
  });
  api.add('GET', '/v1/subscription_schedules/:id', retrieveRoute('subscription_schedule'));
  api.add('POST', '/v1/subscription_schedules/:id', { run: ({ emu, params, path }) => updateSubscriptionSchedule(emu, mustGet(emu, 'subscription_schedule', path.id), params) });
  api.add('POST', '/v1/subscription_schedules/:id/cancel', { run: ({ emu, params, path }) => cancelSubscriptionSchedule(emu, mustGet(emu, 'subscription_schedule', path.id), params) });
  api.add('POST', '/v1/subscription_schedules/:id/release', { run: ({ emu, params, path }) => releaseSubscriptionSchedule(emu, mustGet(emu, 'subscription_schedule', path.id), params) });
}
