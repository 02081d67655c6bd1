// Moving time forward: runs every billing action that falls due on the way (trial reminders,
// trial ends, renewals, cancellations at period end, dunning retries, expiring incomplete
// subscriptions), each at its own moment, for one test clock or for the global clock.
import type Stripe from 'stripe';
import type { Emulator } from '../../emulator.js';
import { TRIAL_WILL_END_NOTICE } from './periods.js';
import { cancelSubscriptionNow, currentPeriodEnd } from '../subscriptions.js';
import { endTrial, renewSubscription, retryInvoice } from './renewals.js';
import { subscriptionOf, voidInvoice } from '../invoices.js';
import { advanceSchedule, announceScheduleExpiring, nextScheduleTime, scheduleExpiringAt, startSchedule } from '../subscription-schedules.js';
import { idOf } from '../lookup.js';
import { dueDebits, settleDebit } from '../payment-intents.js';

const INCOMPLETE_LIFETIME = 23 * 60 * 60;
const MAX_ACTIONS = 10_000;

interface DueAction {
  at: number;
  run: () => void;
}

/** Advances `testClock` (or, with null, the global clock) to `target`, firing what falls due in order. */
export function advanceTime(emu: Emulator, testClock: string | null, target: number): void {
  // What happens while time passes is Stripe's doing, not the caller's request: events carry no request.
  const request = emu.request;
  emu.request = null;
  try {
    runDueActions(emu, testClock, target);
  } finally {
    emu.request = request;
  }
}

function runDueActions(emu: Emulator, testClock: string | null, target: number): void {
  const setTime = (at: number) => {
    if (testClock) emu.store.get('test_helpers.test_clock', testClock)!.frozen_time = at;
    else emu.clock.offsetSeconds += at - emu.clock.now();
  };
  for (let i = 0; i < MAX_ACTIONS; i++) {
    const next = nextAction(emu, testClock, target);
    if (!next) break;
    if (next.at > emu.clock.now(testClock)) setTime(next.at);
    next.run();
  }
  setTime(target);
}

function nextAction(emu: Emulator, testClock: string | null, target: number): DueAction | undefined {
  const actions: DueAction[] = [];
  // Schedules first: at a phase boundary the new phase's items are what the renewal bills.
  for (const schedule of emu.store.list('subscription_schedule')) {
    if ((idOf(schedule.test_clock) ?? null) !== testClock) continue;
    const expiringAt = scheduleExpiringAt(emu, schedule);
    if (expiringAt !== undefined && expiringAt <= target) actions.push({ at: expiringAt, run: () => announceScheduleExpiring(emu, schedule) });
    const at = nextScheduleTime(schedule);
    if (at === undefined || at > target) continue;
    actions.push({ at, run: () => (schedule.status === 'not_started' ? startSchedule(emu, schedule) : advanceSchedule(emu, schedule)) });
  }
  for (const sub of emu.store.list('subscription')) {
    if ((sub.test_clock ?? null) !== testClock) continue;
    const action = subscriptionAction(emu, sub);
    if (action && action.at <= target) actions.push(action);
  }
  for (const invoice of emu.store.list('invoice')) {
    if ((invoice.test_clock ?? null) !== testClock || invoice.status !== 'open' || !invoice.next_payment_attempt) continue;
    if (invoice.next_payment_attempt <= target) actions.push({ at: invoice.next_payment_attempt, run: () => retryInvoice(emu, invoice) });
  }
  // Bank debits settle on their customer's clock, like the rest of the billing work.
  const debit = dueDebits(emu, testClock, target)[0];
  if (debit) actions.push({ at: debit.at, run: () => settleDebit(emu, debit.pi) });
  return actions.sort((a, b) => a.at - b.at)[0];
}

function subscriptionAction(emu: Emulator, sub: Stripe.Subscription): DueAction | undefined {
  switch (sub.status) {
    case 'trialing': {
      const trialEnd = sub.trial_end!;
      const extras = emu.store.extras(sub.id);
      const reminderAt = trialEnd - TRIAL_WILL_END_NOTICE;
      if (!extras.trialWillEndSent && reminderAt > (sub.trial_start ?? 0)) {
        return {
          at: reminderAt,
          run: () => {
            extras.trialWillEndSent = true;
            emu.events.emit('customer.subscription.trial_will_end', sub);
          },
        };
      }
      return { at: trialEnd, run: () => endTrial(emu, sub) };
    }
    case 'active':
    case 'past_due':
    case 'unpaid': {
      const end = currentPeriodEnd(sub);
      if (sub.cancel_at !== null && sub.cancel_at <= end) return { at: sub.cancel_at, run: () => cancelSubscriptionNow(emu, sub, { reason: 'cancellation_requested' }) };
      return { at: end, run: () => renewSubscription(emu, sub) };
    }
    case 'incomplete':
      return {
        at: sub.created + INCOMPLETE_LIFETIME,
        run: () => {
          const invoice = emu.store.list('invoice').find((i) => subscriptionOf(i) === sub.id && i.status === 'open');
          if (invoice) voidInvoice(emu, invoice);
          cancelSubscriptionNow(emu, sub, { expired: true });
        },
      };
    default:
      return undefined;
  }
}
