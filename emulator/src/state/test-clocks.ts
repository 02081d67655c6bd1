// Test clocks: frozen time for a group of customers, advanced on demand to drive billing.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import { invalidRequest } from '../protocol/errors.js';
import { advanceTime } from './billing/cycle.js';

export const DELETES_AFTER = 30 * 86_400;

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
