// A promotion code typed on hosted Checkout (allow_promotion_codes), and a downgrade at period end
// through a schedule made from a subscription whose phases are then edited — through the stripe SDK
// and the hosted page's own endpoint, asserting what an integration and a customer would see.
import { beforeEach, describe, expect, it } from 'vitest';
import { eventTypes, stripeError, useEmulator } from './harness.js';

const h = useEmulator();
beforeEach(() => h.reset());

async function monthlyPrice(unitAmount: number, name: string) {
  return h.stripe.prices.create({ currency: 'usd', unit_amount: unitAmount, recurring: { interval: 'month' }, product_data: { name } });
}

/** What the hosted Checkout page's promotion code form posts. */
async function typeCode(sessionId: string, body: Record<string, unknown>): Promise<{ status: number; json: { error?: { message: string }; amount_total?: number } }> {
  const response = await fetch(`${h.url}/c/pay/${sessionId}/promotion_code`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: await response.json() };
}

describe('a promotion code on hosted Checkout', () => {
  it('is applied case-insensitively to a subscription session, shown on the page, and priced into the first invoice', async () => {
    const price = await monthlyPrice(2000, 'Pro');
    const coupon = await h.stripe.coupons.create({ percent_off: 25, duration: 'repeating', duration_in_months: 3, name: 'Launch' });
    const code = await h.stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: coupon.id }, code: 'LAUNCH25' });
    const session = await h.stripe.checkout.sessions.create({ mode: 'subscription', success_url: 'https://example.com/ok', line_items: [{ price: price.id, quantity: 1 }], allow_promotion_codes: true });

    const page = await (await fetch(session.url!)).text();
    expect(page).toContain('id="promotionCode"');
    expect(await typeCode(session.id, { code: 'launch25' })).toEqual({ status: 200, json: { amount_total: 1500 } });

    const applied = await h.stripe.checkout.sessions.retrieve(session.id);
    expect(applied).toMatchObject({ amount_subtotal: 2000, amount_total: 1500, total_details: { amount_discount: 500 }, discounts: [{ coupon: coupon.id, promotion_code: code.id }] });
    const shown = await (await fetch(session.url!)).text();
    expect(shown).toContain('LAUNCH25');
    expect(shown).toContain('−$5.00');

    await h.control('POST', `/_emulator/checkout/sessions/${session.id}/complete`, { payment_method: 'pm_card_visa', email: 'promo@example.com' });
    const done = await h.stripe.checkout.sessions.retrieve(session.id);
    const invoice = await h.stripe.invoices.retrieve(done.invoice as string);
    expect(invoice).toMatchObject({ subtotal: 2000, total: 1500, amount_paid: 1500 });
    expect(invoice.total_discount_amounts).toHaveLength(1);
    expect((await h.stripe.promotionCodes.retrieve(code.id)).times_redeemed).toBe(1);
    const hostedInvoice = await (await fetch(invoice.hosted_invoice_url!)).text();
    expect(hostedInvoice).toContain('LAUNCH25 (25% off)');
  });

  it('refuses unknown, expired and used-up codes with a message, and can be removed again', async () => {
    const price = await monthlyPrice(2000, 'Pro');
    const coupon = await h.stripe.coupons.create({ amount_off: 500, currency: 'usd' });
    await h.stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: coupon.id }, code: 'ONCEONLY', max_redemptions: 1 });
    const big = await h.stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: coupon.id }, code: 'BIGSPEND', restrictions: { minimum_amount: 5000, minimum_amount_currency: 'usd' } });
    const session = await h.stripe.checkout.sessions.create({ mode: 'subscription', success_url: 'https://example.com/ok', line_items: [{ price: price.id, quantity: 1 }], allow_promotion_codes: true });

    expect(await typeCode(session.id, { code: 'NOPE' })).toMatchObject({ status: 400, json: { error: { message: 'This code is invalid.' } } });
    expect(await typeCode(session.id, { code: big.code })).toMatchObject({ status: 400, json: { error: { message: expect.stringContaining('minimum amount') } } });
    expect(await typeCode(session.id, { code: 'onceonly' })).toMatchObject({ status: 200, json: { amount_total: 1500 } });
    expect(await typeCode(session.id, { remove: true })).toMatchObject({ status: 200, json: { amount_total: 2000 } });
    expect((await h.stripe.checkout.sessions.retrieve(session.id)).discounts).toEqual([]);

    const closed = await h.stripe.checkout.sessions.create({ mode: 'subscription', success_url: 'https://example.com/ok', line_items: [{ price: price.id, quantity: 1 }] });
    expect(await typeCode(closed.id, { code: 'ONCEONLY' })).toMatchObject({ status: 400, json: { error: { message: 'This Checkout Session does not accept promotion codes.' } } });
  });
});

describe('a downgrade at period end through a schedule', () => {
  it('keeps the current plan to the period end, then bills the new one without proration', async () => {
    const clock = await h.stripe.testHelpers.testClocks.create({ frozen_time: 1_767_225_600 });
    const customer = await h.stripe.customers.create({ email: 'down@example.com', test_clock: clock.id, payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' } });
    const pro = await monthlyPrice(4900, 'Pro');
    const starter = await monthlyPrice(1900, 'Starter');
    const subscription = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: pro.id }] });
    const periodEnd = subscription.items.data[0]!.current_period_end;

    const schedule = await h.stripe.subscriptionSchedules.create({ from_subscription: subscription.id });
    expect(schedule).toMatchObject({ status: 'active', subscription: subscription.id, current_phase: { end_date: periodEnd } });
    const updated = await h.stripe.subscriptionSchedules.update(schedule.id, {
      end_behavior: 'release',
      phases: [
        { start_date: schedule.phases[0]!.start_date, end_date: periodEnd, items: [{ price: pro.id, quantity: 1 }] },
        { items: [{ price: starter.id, quantity: 1 }], duration: { interval: 'month', interval_count: 1 } },
      ],
    });
    expect(updated.phases.map((p) => [p.items[0]!.price, p.start_date])).toEqual([
      [pro.id, schedule.phases[0]!.start_date],
      [starter.id, periodEnd],
    ]);
    // Nothing changes now: still Pro, no proration invoiced.
    expect((await h.stripe.subscriptions.retrieve(subscription.id)).items.data[0]!.price.id).toBe(pro.id);
    expect((await h.stripe.invoices.list({ customer: customer.id })).data).toHaveLength(1);

    await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: periodEnd + 60 });
    const after = await h.stripe.subscriptions.retrieve(subscription.id);
    expect(after.items.data[0]!.price.id).toBe(starter.id);
    const renewal = (await h.stripe.invoices.list({ customer: customer.id, limit: 1 })).data[0]!;
    expect(renewal).toMatchObject({ billing_reason: 'subscription_cycle', total: 1900, status: 'paid' });
    expect(await eventTypes(h.stripe)).toEqual(expect.arrayContaining(['subscription_schedule.created', 'subscription_schedule.updated']));
  });

  it('refuses phases that move the current phase’s start, and can be released to take the downgrade back', async () => {
    const customer = await h.stripe.customers.create({ email: 'keep@example.com', payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' } });
    const pro = await monthlyPrice(4900, 'Pro');
    const subscription = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: pro.id }] });
    const schedule = await h.stripe.subscriptionSchedules.create({ from_subscription: subscription.id });
    const moved = await stripeError(h.stripe.subscriptionSchedules.update(schedule.id, { phases: [{ start_date: schedule.phases[0]!.start_date + 10, items: [{ price: pro.id }] }] }));
    expect(moved.param).toBe('phases[0][start_date]');
    const missing = await stripeError(h.stripe.subscriptionSchedules.update(schedule.id, { phases: [{ items: [{ price: pro.id }] }] }));
    expect(missing.param).toBe('phases[0][start_date]');

    const released = await h.stripe.subscriptionSchedules.release(schedule.id);
    expect(released).toMatchObject({ status: 'released', released_subscription: subscription.id });
    expect((await h.stripe.subscriptions.retrieve(subscription.id)).schedule).toBeNull();
  });
});

describe('a promotion code on a one-time Checkout payment with an invoice', () => {
  it('discounts the invoice as it discounted the payment, so the invoice is paid in full', async () => {
    const price = await h.stripe.prices.create({ currency: 'usd', unit_amount: 4900, product_data: { name: 'Support pack' } });
    const coupon = await h.stripe.coupons.create({ amount_off: 1000, currency: 'usd' });
    const code = await h.stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: coupon.id }, code: 'TENOFF' });
    const customer = await h.stripe.customers.create({ email: 'pack@example.com' });
    const session = await h.stripe.checkout.sessions.create({
      mode: 'payment',
      customer: customer.id,
      success_url: 'https://example.com/ok',
      line_items: [{ price: price.id, quantity: 1 }],
      invoice_creation: { enabled: true },
      allow_promotion_codes: true,
    });
    expect(await typeCode(session.id, { code: code.code })).toEqual({ status: 200, json: { amount_total: 3900 } });
    await h.control('POST', `/_emulator/checkout/sessions/${session.id}/complete`, { payment_method: 'pm_card_visa' });
    const done = await h.stripe.checkout.sessions.retrieve(session.id);
    const invoice = await h.stripe.invoices.retrieve(done.invoice as string);
    expect(invoice).toMatchObject({ subtotal: 4900, total: 3900, amount_paid: 3900, amount_remaining: 0, status: 'paid' });
  });
});
