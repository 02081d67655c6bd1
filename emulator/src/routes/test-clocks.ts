// /v1/test_helpers/test_clocks: create, list, retrieve, delete, advance.
import { type ApiRouter, listRoute, retrieveRoute } from './api.js';
import { newId } from '../ids.js';
import { mustGet } from '../state/lookup.js';
import { DELETES_AFTER, advanceTestClock } from '../state/test-clocks.js';

export function registerTestClockRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/test_helpers/test_clocks', {
    run: ({ emu, params }) => {
      params.only('frozen_time', 'name');
      const frozenTime = params.requiredInt('frozen_time');
      const clock = emu.store.insert({
        id: newId('clock'),
        object: 'test_helpers.test_clock',
        created: emu.clock.now(),
        deletes_after: emu.clock.now() + DELETES_AFTER,
        frozen_time: frozenTime,
        livemode: false,
        name: params.str('name') ?? null,
        status: 'ready',
        status_details: {},
      });
      emu.events.emit('test_helpers.test_clock.created', clock);
      return clock;
    },
  });
  api.add('GET', '/v1/test_helpers/test_clocks', listRoute('test_helpers.test_clock', { label: 'test clock' }));
  api.add('GET', '/v1/test_helpers/test_clocks/:id', retrieveRoute('test_helpers.test_clock'));
  api.add('DELETE', '/v1/test_helpers/test_clocks/:id', {
    run: ({ emu, params, path }) => {
      params.only();
      const clock = mustGet(emu, 'test_helpers.test_clock', path.id);
      for (const customer of emu.store.list('customer')) if (customer.test_clock === clock.id) emu.store.delete(customer.id);
      emu.store.delete(clock.id);
      emu.events.emit('test_helpers.test_clock.deleted', clock);
      return { id: clock.id, object: 'test_helpers.test_clock', deleted: true };
    },
  });
  api.add('POST', '/v1/test_helpers/test_clocks/:id/advance', {
    run: ({ emu, params, path }) => {
      params.only('frozen_time');
      return advanceTestClock(emu, mustGet(emu, 'test_helpers.test_clock', path.id), params.requiredInt('frozen_time'));
    },
  });
}
