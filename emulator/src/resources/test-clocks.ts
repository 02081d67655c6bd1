// Test clocks: frozen time for a group of customers, advanced on demand to drive billing.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import type { ApiRouter } from '../api.js';
import { LIST_PARAMS, paginate } from '../protocol/list.js';
import { invalidRequest } from '../protocol/errors.js';
import { newId } from '../ids.js';
import { advanceTime } from '../billing/cycle.js';
import { mustGet, retrieveRoute } from './lookup.js';

const DELETES_AFTER = 30 * 86_400;

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
  api.add('GET', '/v1/test_helpers/test_clocks', { run: ({ emu, params, url }) => (params.only(...LIST_PARAMS), paginate(emu.store.list('test_helpers.test_clock'), params, url, 'test clock')) });
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

/**
 * Advances synchronously: billing for the clock's customers runs before this returns, so the
 * clock is already `ready` (callers that poll for `ready`, as with real Stripe, stop at once).
 */
export function advanceTestClock(emu: Emulator, clock: Stripe.TestHelpers.TestClock, frozenTime: number): Stripe.TestHelpers.TestClock {
  if (frozenTime <= clock.frozen_time) {
    throw invalidRequest('The frozen_time must be after the test clock\'s current frozen_time.', 'frozen_time');
  }
  clock.status = 'advancing';
  clock.status_details = { advancing: { target_frozen_time: frozenTime } };
  emu.events.emit('test_helpers.test_clock.advancing', clock);
  advanceTime(emu, clock.id, frozenTime);
  clock.status = 'ready';
  clock.status_details = {};
  emu.events.emit('test_helpers.test_clock.ready', clock);
  return clock;
}
