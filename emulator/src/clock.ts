// The emulator's one source of time: real time plus a global offset (moved by the control API),
// or a test clock's frozen time for objects that belong to one.
import type Stripe from 'stripe';

type TestClock = Stripe.TestHelpers.TestClock;

export class Clock {
  offsetSeconds = 0;
  constructor(private readonly lookupTestClock: (id: string) => TestClock | undefined) {}

  /** Seconds since the epoch, for objects on `testClockId` (or on the global clock). */
  now(testClockId?: string | null): number {
    if (testClockId) {
      const clock = this.lookupTestClock(testClockId);
      if (clock) return clock.frozen_time;
    }
    return Math.floor(Date.now() / 1000) + this.offsetSeconds;
  }

  /** Real wall-clock seconds: webhook signatures must verify against the receiver's clock. */
  wallSeconds(): number {
    return Math.floor(Date.now() / 1000);
  }

  advanceGlobal(seconds: number): void {
    this.offsetSeconds += seconds;
  }

  reset(): void {
    this.offsetSeconds = 0;
  }
}
