// Billing period arithmetic: calendar intervals anchored on a timestamp, as Stripe bills them.
import type Stripe from 'stripe';

const DAY = 86_400;

/** `from` plus `count` intervals; months clamp to the month's last day (Jan 31 → Feb 28). */
export function addInterval(from: number, recurring: Pick<Stripe.Price.Recurring, 'interval' | 'interval_count'>): number {
  const count = recurring.interval_count;
  switch (recurring.interval) {
    case 'day':
      return from + count * DAY;
    case 'week':
      return from + count * 7 * DAY;
    case 'month':
      return addMonths(from, count);
    case 'year':
      return addMonths(from, count * 12);
    default:
      throw new Error(`Unknown billing interval: ${recurring.interval}`);
  }
}

function addMonths(from: number, months: number): number {
  const date = new Date(from * 1000);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return Math.floor(date.getTime() / 1000);
}

/** The share of a period still ahead at `at` (0…1), for prorations. */
export function remainingShare(at: number, start: number, end: number): number {
  if (end <= start) return 0;
  return Math.min(1, Math.max(0, (end - at) / (end - start)));
}

export const SECONDS_PER_DAY = DAY;

/** Stripe sends `customer.subscription.trial_will_end` this long before a trial ends (at once for a shorter trial). */
export const TRIAL_WILL_END_NOTICE = 3 * DAY;
