// /v1/billing/meters (create, list, retrieve, update, deactivate, reactivate, event summaries),
// /v1/billing/meter_events and /v1/billing/meter_event_adjustments.
import { type ApiRouter, listRoute, matchOneOf, retrieveRoute, withoutParams } from './api.js';
import { LIST_PARAMS, paginate } from '../protocol/list.js';
import { mustGet } from '../state/lookup.js';
import { adjustMeterEvents, createMeter, eventSummaries, recordMeterEvent, setMeterActive, updateMeter } from '../state/meters.js';

export function registerMeterRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/billing/meters', { run: ({ emu, params }) => createMeter(emu, params) });
  api.add('GET', '/v1/billing/meters', listRoute('billing.meter', { filters: { status: matchOneOf(['active', 'inactive'], (m) => m.status) }, label: 'billing meter' }));
  api.add('GET', '/v1/billing/meters/:id', retrieveRoute('billing.meter'));
  api.add('POST', '/v1/billing/meters/:id', { run: ({ emu, params, path }) => updateMeter(emu, mustGet(emu, 'billing.meter', path.id), params) });
  api.add('POST', '/v1/billing/meters/:id/deactivate', withoutParams(({ emu, path }) => setMeterActive(emu, mustGet(emu, 'billing.meter', path.id), false)));
  api.add('POST', '/v1/billing/meters/:id/reactivate', withoutParams(({ emu, path }) => setMeterActive(emu, mustGet(emu, 'billing.meter', path.id), true)));
  api.add('GET', '/v1/billing/meters/:id/event_summaries', {
    run: ({ emu, params, path, url }) => {
      params.only(...LIST_PARAMS, 'customer', 'start_time', 'end_time', 'value_grouping_window');
      const meter = mustGet(emu, 'billing.meter', path.id);
      return paginate(eventSummaries(emu, meter, params), params, url, 'meter event summary');
    },
  });
  api.add('POST', '/v1/billing/meter_events', { run: ({ emu, params }) => recordMeterEvent(emu, params) });
  api.add('POST', '/v1/billing/meter_event_adjustments', { run: ({ emu, params }) => adjustMeterEvents(emu, params) });
}
