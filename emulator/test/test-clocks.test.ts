import { beforeEach, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { INVOICE_PAID_BY_CARD_EVENTS, useEmulator } from './harness.js';

const h = useEmulator();
const DAY = 86_400;
const START = Date.UTC(2030, 0, 15) / 1000;
let monthly: Stripe.Price;

beforeEach(async () => {
  await h.reset();
  const product = await h.stripe.products.create({ name: 'Pro' });
  monthly = await h.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 2000, recurring: { interval: 'month' } });
});

async function clockedCustomer(card: string): Promise<{ clock: Stripe.TestHelpers.TestClock; customer: Stripe.Customer }> {
  const clock = await h.stripe.testHelpers.testClocks.create({ frozen_time: START, name: 'renewals' });
  const customer = await h.stripe.customers.create({ email: 'clock@example.com', test_clock: clock.id });
  const pm = await h.stripe.paymentMethods.attach(card, { customer: customer.id });
  await h.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
  return { clock, customer };
}

async function advance(clock: Stripe.TestHelpers.TestClock, to: number): Promise<void> {
  let status = (await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: to })).status;
  while (status !== 'ready') status = (await h.stripe.testHelpers.testClocks.retrieve(clock.id)).status;
}

async function typesSince(eventId: string | undefined): Promise<string[]> {
  const page = await h.stripe.events.list({ limit: 100, ...(eventId ? { ending_before: eventId } : {}) });
  return page.data.map((e) => e.type).reverse();
}

describe('test clocks', () => {
  it('create, retrieve, list and delete', async () => {
    const clock = await h.stripe.testHelpers.testClocks.create({ frozen_time: START });
    expect(clock).toMatchObject({ object: 'test_helpers.test_clock', frozen_time: START, status: 'ready' });
    expect((await h.stripe.testHelpers.testClocks.list()).data).toHaveLength(1);
    expect(await h.stripe.testHelpers.testClocks.del(clock.id)).toMatchObject({ deleted: true });
  });

  it('objects on a clock carry its time', async () => {
    const { clock, customer } = await clockedCustomer('pm_card_visa');
    expect(customer.created).toBe(START);
    expect(customer.test_clock).toBe(clock.id);
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }] });
    expect(sub.start_date).toBe(START);
    expect(sub.items.data[0]!.current_period_end).toBe(Date.UTC(2030, 1, 15) / 1000);
  });

  it('renews each period off-session with the default card', async () => {
    const { clock, customer } = await clockedCustomer('pm_card_visa');
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }] });
    const [mark] = (await h.stripe.events.list({ limit: 1 })).data;
    await advance(clock, START + 65 * DAY);
    const renewed = await h.stripe.subscriptions.retrieve(sub.id);
    expect(renewed.status).toBe('active');
    expect(renewed.items.data[0]!.current_period_start).toBe(Date.UTC(2030, 2, 15) / 1000);
    const invoices = await h.stripe.invoices.list({ subscription: sub.id });
    expect(invoices.data.map((i) => [i.billing_reason, i.status])).toEqual([
      ['subscription_cycle', 'paid'],
      ['subscription_cycle', 'paid'],
      ['subscription_create', 'paid'],
    ]);
    expect(invoices.data[0]!.number).toMatch(/-0003$/);
    const renewal = ['customer.subscription.updated', 'invoice.created', 'invoice.finalized', ...INVOICE_PAID_BY_CARD_EVENTS];
    expect(await typesSince(mark!.id)).toEqual(['test_helpers.test_clock.advancing', ...renewal, ...renewal, 'test_helpers.test_clock.ready']);
    const [paid] = (await h.stripe.events.list({ type: 'invoice.paid', limit: 1 })).data;
    expect(paid!.request).toEqual({ id: null, idempotency_key: null });
  });

  it('a failing renewal goes past_due, retries on schedule, then cancels the subscription', async () => {
    const { clock, customer } = await clockedCustomer('pm_card_chargeCustomerFail');
    const visa = await h.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }], default_payment_method: visa.id });
    expect(sub.status).toBe('active');
    await h.stripe.subscriptions.update(sub.id, { default_payment_method: '' });
    const periodEnd = sub.items.data[0]!.current_period_end;
    await advance(clock, periodEnd + 60);
    expect((await h.stripe.subscriptions.retrieve(sub.id)).status).toBe('past_due');
    const [failed] = (await h.stripe.invoices.list({ subscription: sub.id, status: 'open' })).data;
    expect(failed).toMatchObject({ attempt_count: 1, billing_reason: 'subscription_cycle' });
    expect(failed!.next_payment_attempt).toBe(periodEnd + 3 * DAY);
    expect((await h.stripe.events.list({ type: 'invoice.payment_failed' })).data).toHaveLength(1);
    await advance(clock, periodEnd + 9 * DAY);
    expect((await h.stripe.invoices.retrieve(failed!.id)).attempt_count).toBe(3);
    await advance(clock, periodEnd + 16 * DAY);
    const ended = await h.stripe.subscriptions.retrieve(sub.id);
    expect(ended.status).toBe('canceled');
    expect(ended.cancellation_details?.reason).toBe('payment_failed');
    expect((await h.stripe.invoices.retrieve(failed!.id))).toMatchObject({ attempt_count: 4, next_payment_attempt: null });
    expect((await h.stripe.events.list({ type: 'customer.subscription.deleted' })).data).toHaveLength(1);
  });

  it('a renewal that needs 3-D Secure waits in requires_action until the customer authenticates', async () => {
    const { clock, customer } = await clockedCustomer('pm_card_authenticationRequired');
    const visa = await h.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }], default_payment_method: visa.id });
    await h.stripe.subscriptions.update(sub.id, { default_payment_method: '' });
    await advance(clock, sub.items.data[0]!.current_period_end + 60);
    expect((await h.stripe.subscriptions.retrieve(sub.id)).status).toBe('past_due');
    const [open] = (await h.stripe.invoices.list({ subscription: sub.id, status: 'open' })).data;
    expect((await h.stripe.events.list({ type: 'invoice.payment_action_required' })).data).toHaveLength(1);
    const [link] = (await h.stripe.invoicePayments.list({ invoice: open!.id })).data;
    const piId = link!.payment.payment_intent as string;
    expect((await h.stripe.paymentIntents.retrieve(piId)).status).toBe('requires_action');
    await h.control('POST', `/_emulator/3ds/${piId}`, { outcome: 'complete' });
    expect((await h.stripe.invoices.retrieve(open!.id)).status).toBe('paid');
    expect((await h.stripe.subscriptions.retrieve(sub.id)).status).toBe('active');
  });

  it('ends as unpaid when the dunning settings say so, and recovers when paid', async () => {
    await h.control('POST', '/_emulator/billing/dunning', { retry_delays_days: [1], after_final_failure: 'unpaid' });
    const { clock, customer } = await clockedCustomer('pm_card_chargeCustomerFail');
    const visa = await h.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }], default_payment_method: visa.id });
    await h.stripe.subscriptions.update(sub.id, { default_payment_method: '' });
    await advance(clock, sub.items.data[0]!.current_period_end + 2 * DAY);
    expect((await h.stripe.subscriptions.retrieve(sub.id)).status).toBe('unpaid');
    const [open] = (await h.stripe.invoices.list({ subscription: sub.id, status: 'open' })).data;
    await h.stripe.invoices.pay(open!.id, { payment_method: visa.id });
    expect((await h.stripe.subscriptions.retrieve(sub.id)).status).toBe('active');
  });

  it('ends a trial: trial_will_end three days before, then the first paid invoice', async () => {
    const { clock, customer } = await clockedCustomer('pm_card_visa');
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }], trial_period_days: 14 });
    await advance(clock, START + 12 * DAY);
    const reminders = await h.stripe.events.list({ type: 'customer.subscription.trial_will_end' });
    expect(reminders.data).toHaveLength(1);
    expect((await h.stripe.subscriptions.retrieve(sub.id)).status).toBe('trialing');
    await advance(clock, START + 15 * DAY);
    const active = await h.stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    expect(active.status).toBe('active');
    expect(active.items.data[0]!.current_period_start).toBe(START + 14 * DAY);
    expect(active.latest_invoice as Stripe.Invoice).toMatchObject({ status: 'paid', amount_paid: 2000, billing_reason: 'subscription_cycle' });
  });

  it('a trial without a payment method ends past_due (create_invoice) or canceled (cancel)', async () => {
    const clock = await h.stripe.testHelpers.testClocks.create({ frozen_time: START });
    const customer = await h.stripe.customers.create({ test_clock: clock.id });
    const invoiced = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }], trial_period_days: 7 });
    const canceled = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }], trial_period_days: 7, trial_settings: { end_behavior: { missing_payment_method: 'cancel' } } });
    await advance(clock, START + 8 * DAY);
    expect((await h.stripe.subscriptions.retrieve(invoiced.id)).status).toBe('past_due');
    expect((await h.stripe.subscriptions.retrieve(canceled.id)).status).toBe('canceled');
  });

  it('pauses at trial end without a card when asked, and resumes with an invoice', async () => {
    const clock = await h.stripe.testHelpers.testClocks.create({ frozen_time: START });
    const customer = await h.stripe.customers.create({ test_clock: clock.id });
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }], trial_period_days: 7, trial_settings: { end_behavior: { missing_payment_method: 'pause' } } });
    await advance(clock, START + 8 * DAY);
    expect((await h.stripe.subscriptions.retrieve(sub.id)).status).toBe('paused');
    const pm = await h.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    await h.stripe.subscriptions.update(sub.id, { default_payment_method: pm.id });
    const resumed = await h.stripe.subscriptions.resume(sub.id, { expand: ['latest_invoice'] });
    expect(resumed.status).toBe('active');
    expect((resumed.latest_invoice as Stripe.Invoice).status).toBe('paid');
    expect((await h.stripe.events.list({ type: 'customer.subscription.resumed' })).data).toHaveLength(1);
  });

  it('cancels at period end when asked, and expires unpaid incomplete subscriptions after 23 hours', async () => {
    const { clock, customer } = await clockedCustomer('pm_card_visa');
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }], cancel_at_period_end: true });
    const incomplete = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }], payment_behavior: 'default_incomplete' });
    await advance(clock, START + DAY);
    expect((await h.stripe.subscriptions.retrieve(incomplete.id)).status).toBe('incomplete_expired');
    expect((await h.stripe.invoices.retrieve(incomplete.latest_invoice as string)).status).toBe('void');
    await advance(clock, sub.items.data[0]!.current_period_end + 1);
    expect((await h.stripe.subscriptions.retrieve(sub.id)).status).toBe('canceled');
  });

  it('ends a subscription at cancel_at', async () => {
    const { clock, customer } = await clockedCustomer('pm_card_visa');
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }] });
    const scheduled = await h.stripe.subscriptions.update(sub.id, { cancel_at: START + 10 * DAY });
    expect(scheduled).toMatchObject({ cancel_at: START + 10 * DAY, cancel_at_period_end: false, status: 'active' });
    await advance(clock, START + 11 * DAY);
    const ended = await h.stripe.subscriptions.retrieve(sub.id);
    expect(ended).toMatchObject({ status: 'canceled', ended_at: START + 10 * DAY });
  });

  it('the global clock advances objects that have no test clock', async () => {
    const customer = await h.stripe.customers.create({ payment_method: 'pm_card_visa' });
    const [pm] = (await h.stripe.customers.listPaymentMethods(customer.id)).data;
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }], default_payment_method: pm!.id });
    await h.control('POST', '/_emulator/clock/advance', { to: sub.items.data[0]!.current_period_end + 10 });
    const renewed = await h.stripe.subscriptions.retrieve(sub.id);
    expect(renewed.items.data[0]!.current_period_start).toBe(sub.items.data[0]!.current_period_end);
    expect((await h.stripe.invoices.list({ subscription: sub.id })).data).toHaveLength(2);
  });
});
