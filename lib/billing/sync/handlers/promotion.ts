// Coupons and promotion codes (the admin's lists, the in-app code check), and subscription
// schedules (a downgrade waiting for the period end), from the events' snapshots.
import { on } from './define';

export const promotionEvents = {
  ...on(['coupon.created', 'coupon.updated'], async (event, run) => run.observe('coupon', event)),
  // A deleted coupon cannot be fetched: flagged from the payload; discounts made from it keep going.
  ...on(['coupon.deleted'], async (event, run) => run.deletedCoupon(event)),
  ...on(['promotion_code.created', 'promotion_code.updated'], async (event, run) => run.observe('promotionCode', event)),
};

export const scheduleEvents = on(
  [
    'subscription_schedule.created',
    'subscription_schedule.updated',
    'subscription_schedule.released',
    'subscription_schedule.canceled',
    'subscription_schedule.completed',
    'subscription_schedule.aborted',
    'subscription_schedule.expiring',
  ],
  async (event, run) => run.observe('subscriptionSchedule', event),
);
