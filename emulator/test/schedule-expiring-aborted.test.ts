// subscription_schedule.expiring ("7 days before a subscription schedule will expire") and
// subscription_schedule.aborted ("canceled due to delinquency"), on test clocks.
import { beforeEach, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { eventTypes, useEmulator } from './harness.js';

const h = useEmulator();
const DAY = 24 * 60 * 60;
const START = 1_767_225_600; // 2026-01-01

let price: Stripe.Price;

beforeEach(async () => {
  await h.reset();
  const product = await h.stripe.products.create({ name: 'Pro' });
  price = await h.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 1500, recurring: { interval: 'month' } });
});

async function clockedCustomer(): Promise<{ clock: Stripe.TestHelpers.TestClock; customer: Stripe.Customer }> {
  const clock = await h.stripe.testHelpers.testClocks.create({ frozen_time: START });
  const customer = await h.stripe.customers.create({ email: 's@example.com', test_clock: clock.id, payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' } });
  return { clock, customer };
}

async function scheduleEvents(): Promise<string[]> {
  return (await eventTypes(h.stripe)).filter((t) => t.startsWith('subscription_schedule.'));
}

describe('subscription_schedule.expiring', () => {
  it('goes out once, 7 days before the end of the last phase, not before', async () => {
    const { clock, customer } = await clockedCustomer();
    const end = START + 40 * DAY;
    const schedule = await h.stripe.subscriptionSchedules.create({ customer: customer.id, start_date: START, end_behavior: 'cancel', phases: [{ items: [{ price: price.id }], end_date: end }] });
    await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: end - 7 * DAY - 60 });
    expect(await scheduleEvents()).not.toContain('subscription_schedule.expiring');
    await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: end - 7 * DAY });
    const [expiring] = (await h.stripe.events.list({ type: 'subscription_schedule.expiring' })).data;
    expect((expiring!.data.object as Stripe.SubscriptionSchedule).id).toBe(schedule.id);
    await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: end + 60 });
    const events = await scheduleEvents();
    expect(events.filter((t) => t === 'subscription_schedule.expiring')).toHaveLength(1);
    expect(events.indexOf('subscription_schedule.expiring')).toBeLessThan(events.indexOf('subscription_schedule.completed'));
  });

  it('is not sent for a schedule created less than 7 days before its end', async () => {
    const { clock, customer } = await clockedCustomer();
    await h.stripe.subscriptionSchedules.create({ customer: customer.id, start_date: START, phases: [{ items: [{ price: price.id }], end_date: START + 5 * DAY }] });
    await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: START + 6 * DAY });
    expect(await scheduleEvents()).not.toContain('subscription_schedule.expiring');
  });
});

describe('subscription_schedule.aborted', () => {
  it("a schedule's subscription canceled for delinquency aborts the schedule", async () => {
    await h.control('POST', '/_emulator/billing/dunning', { retry_delays_days: [1], after_final_failure: 'cancel' });
    const { clock, customer } = await clockedCustomer();
    const schedule = await h.stripe.subscriptionSchedules.create({ customer: customer.id, start_date: START, phases: [{ items: [{ price: price.id }], duration: { interval: 'month', interval_count: 6 } }] });
    const failing = await h.stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id });
    await h.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: failing.id } });
    const subscriptionId = (await h.stripe.subscriptionSchedules.retrieve(schedule.id)).subscription as string;
    expect(subscriptionId).toEqual(expect.any(String));
    await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: START + 33 * DAY });
    const subscription = await h.stripe.subscriptions.retrieve(subscriptionId);
    expect(subscription.status).toBe('canceled');
    expect(subscription.cancellation_details?.reason).toBe('payment_failed');
    const after = await h.stripe.subscriptionSchedules.retrieve(schedule.id);
    expect(after.status).toBe('canceled');
    const events = await scheduleEvents();
    expect(events).toContain('subscription_schedule.aborted');
    expect(events).not.toContain('subscription_schedule.canceled');
  });

  it('canceling a schedule through the API is subscription_schedule.canceled, not aborted', async () => {
    const { customer } = await clockedCustomer();
    const schedule = await h.stripe.subscriptionSchedules.create({ customer: customer.id, start_date: START + 30 * DAY, phases: [{ items: [{ price: price.id }] }] });
    await h.stripe.subscriptionSchedules.cancel(schedule.id);
    const events = await scheduleEvents();
    expect(events).toContain('subscription_schedule.canceled');
    expect(events).not.toContain('subscription_schedule.aborted');
  });
});
