// Coupons, promotion codes and discounts; credit notes; subscription schedules; plans — through the
// real stripe SDK, asserting what an integration would see.
import { beforeEach, describe, expect, it } from 'vitest';
import { eventTypes, stripeError, useEmulator } from './harness.js';

const h = useEmulator();
beforeEach(() => h.reset());

async function customerWithCard(extra: Record<string, unknown> = {}) {
  return h.stripe.customers.create({ email: 'ada@example.com', payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' }, ...extra });
}

async function monthlyPrice(unitAmount = 2000) {
  return h.stripe.prices.create({ currency: 'usd', unit_amount: unitAmount, recurring: { interval: 'month' }, product_data: { name: 'Pro' } });
}

describe('customer created with pm_card_visa as its default', () => {
  it('attaches one card and makes it the invoice default', async () => {
    const customer = await customerWithCard();
    const cards = await h.stripe.customers.listPaymentMethods(customer.id);
    expect(cards.data).toHaveLength(1);
    expect(customer.invoice_settings.default_payment_method).toBe(cards.data[0]!.id);
  });
});

describe('coupons and promotion codes', () => {
  it('takes a percent-off coupon off a subscription invoice, per line and in total', async () => {
    const customer = await customerWithCard();
    const price = await monthlyPrice(2000);
    const coupon = await h.stripe.coupons.create({ percent_off: 25, duration: 'forever' });
    const subscription = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], discounts: [{ coupon: coupon.id }] });
    const invoice = await h.stripe.invoices.retrieve(subscription.latest_invoice as string);
    expect(invoice.subtotal).toBe(2000);
    expect(invoice.total).toBe(1500);
    expect(invoice.amount_paid).toBe(1500);
    expect(invoice.total_discount_amounts).toEqual([{ amount: 500, discount: subscription.discounts[0] }]);
    expect(invoice.lines.data[0]!.discount_amounts).toEqual([{ amount: 500, discount: subscription.discounts[0] }]);
    expect((await h.stripe.coupons.retrieve(coupon.id)).times_redeemed).toBe(1);
  });

  it('spreads an amount-off coupon over an invoice and never below zero', async () => {
    const customer = await h.stripe.customers.create({ email: 'b@example.com' });
    await h.stripe.invoiceItems.create({ customer: customer.id, amount: 300, currency: 'usd' });
    await h.stripe.invoiceItems.create({ customer: customer.id, amount: 100, currency: 'usd' });
    const coupon = await h.stripe.coupons.create({ amount_off: 1000, currency: 'usd' });
    const invoice = await h.stripe.invoices.create({ customer: customer.id, pending_invoice_items_behavior: 'include', discounts: [{ coupon: coupon.id }] });
    expect(invoice.total).toBe(0);
    expect(invoice.lines.data.map((l) => l.discount_amounts![0]!.amount).sort()).toEqual([100, 300]);
  });

  it('applies a customer coupon to the next invoice, and a once coupon only to that one', async () => {
    const coupon = await h.stripe.coupons.create({ amount_off: 500, currency: 'usd', duration: 'once' });
    const customer = await h.stripe.customers.create({ email: 'c@example.com', coupon: coupon.id } as never);
    expect((await h.stripe.customers.retrieve(customer.id) as { discount: { source: { coupon: string } } }).discount.source.coupon).toBe(coupon.id);
    await h.stripe.invoiceItems.create({ customer: customer.id, amount: 2000, currency: 'usd' });
    const draft = await h.stripe.invoices.create({ customer: customer.id, pending_invoice_items_behavior: 'include' });
    const invoice = await h.stripe.invoices.finalizeInvoice(draft.id);
    expect(invoice.total).toBe(1500);
    expect((await h.stripe.customers.retrieve(customer.id) as { discount: unknown }).discount).toBeNull();
    expect(await eventTypes(h.stripe)).toEqual(expect.arrayContaining(['customer.discount.created', 'customer.discount.deleted']));
  });

  it('refuses a promotion code past its limits, with a clear message', async () => {
    const coupon = await h.stripe.coupons.create({ percent_off: 10 });
    const code = await h.stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: coupon.id }, code: 'WELCOME10', max_redemptions: 1, restrictions: { minimum_amount: 5000, minimum_amount_currency: 'usd' } });
    expect(code.code).toBe('WELCOME10');
    const customer = await customerWithCard();
    const price = await monthlyPrice(2000);
    const tooSmall = await stripeError(h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], discounts: [{ promotion_code: code.id }] }));
    expect(tooSmall.message).toContain('minimum amount');
    const big = await monthlyPrice(6000);
    await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: big.id }], discounts: [{ promotion_code: code.id }] });
    const used = await stripeError(h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: big.id }], discounts: [{ promotion_code: code.id }] }));
    expect(used.message).toContain('maximum number of redemptions');
    const found = await h.stripe.promotionCodes.list({ code: 'welcome10' });
    expect(found.data.map((p) => p.times_redeemed)).toEqual([1]);
  });

  it('refuses a coupon that is not one of percent_off or amount_off', async () => {
    const both = await stripeError(h.stripe.coupons.create({ percent_off: 10, amount_off: 100, currency: 'usd' }));
    expect(both.statusCode).toBe(400);
    const repeating = await stripeError(h.stripe.coupons.create({ percent_off: 10, duration: 'repeating' }));
    expect(repeating.param).toBe('duration_in_months');
  });
});

describe('credit notes', () => {
  it('lowers what an open invoice asks for, and gives it back when voided', async () => {
    const customer = await h.stripe.customers.create({ email: 'd@example.com' });
    await h.stripe.invoiceItems.create({ customer: customer.id, amount: 2000, currency: 'usd' });
    const draft = await h.stripe.invoices.create({ customer: customer.id, pending_invoice_items_behavior: 'include' });
    await h.stripe.invoices.finalizeInvoice(draft.id);
    const note = await h.stripe.creditNotes.create({ invoice: draft.id, lines: [{ type: 'custom_line_item', unit_amount: 500, quantity: 1, description: 'Goodwill' }] });
    expect(note).toMatchObject({ amount: 500, pre_payment_amount: 500, post_payment_amount: 0, type: 'pre_payment', status: 'issued' });
    expect((await h.stripe.invoices.retrieve(draft.id)).amount_remaining).toBe(1500);
    await h.stripe.creditNotes.voidCreditNote(note.id);
    expect((await h.stripe.invoices.retrieve(draft.id)).amount_remaining).toBe(2000);
  });

  it('refunds part of a paid invoice', async () => {
    const customer = await customerWithCard();
    const price = await monthlyPrice(2000);
    const subscription = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    const note = await h.stripe.creditNotes.create({ invoice: subscription.latest_invoice as string, amount: 700, refund_amount: 700 } as never);
    expect(note).toMatchObject({ post_payment_amount: 700, type: 'post_payment' });
    const refund = await h.stripe.refunds.retrieve(note.refunds[0]!.refund as string);
    expect(refund.amount).toBe(700);
    const tooMuch = await stripeError(h.stripe.creditNotes.create({ invoice: subscription.latest_invoice as string, amount: 1500, refund_amount: 1500 } as never));
    expect(tooMuch.statusCode).toBe(400);
  });
});

describe('subscription schedules', () => {
  it('starts now, moves to the next phase at the boundary, and releases at the end', async () => {
    const clock = await h.stripe.testHelpers.testClocks.create({ frozen_time: 1_767_225_600 });
    const customer = await customerWithCard({ test_clock: clock.id });
    const price = await monthlyPrice(1000);
    const schedule = await h.stripe.subscriptionSchedules.create({
      customer: customer.id,
      start_date: 'now',
      phases: [
        { items: [{ price: price.id, quantity: 1 }], iterations: 1 },
        { items: [{ price: price.id, quantity: 3 }], iterations: 1 },
      ] as never,
    });
    expect(schedule.status).toBe('active');
    const subscriptionId = schedule.subscription as string;
    expect((await h.stripe.subscriptions.retrieve(subscriptionId)).schedule).toBe(schedule.id);
    await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: schedule.phases[0]!.end_date });
    const second = await h.stripe.subscriptions.retrieve(subscriptionId);
    expect(second.items.data[0]!.quantity).toBe(3);
    await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: schedule.phases[1]!.end_date });
    const done = await h.stripe.subscriptionSchedules.retrieve(schedule.id);
    expect(done).toMatchObject({ status: 'completed', released_subscription: subscriptionId });
    expect((await h.stripe.subscriptions.retrieve(subscriptionId)).status).toBe('active');
  });

  it('cancel ends the subscription; release leaves it running', async () => {
    const customer = await customerWithCard();
    const price = await monthlyPrice(1000);
    const phases = [{ items: [{ price: price.id }], iterations: 2 }] as never;
    const one = await h.stripe.subscriptionSchedules.create({ customer: customer.id, start_date: 'now', phases });
    await h.stripe.subscriptionSchedules.cancel(one.id);
    expect((await h.stripe.subscriptions.retrieve(one.subscription as string)).status).toBe('canceled');
    const two = await h.stripe.subscriptionSchedules.create({ customer: customer.id, start_date: 'now', phases });
    const released = await h.stripe.subscriptionSchedules.release(two.id);
    expect(released).toMatchObject({ status: 'released', subscription: null, released_subscription: two.subscription });
    expect((await h.stripe.subscriptions.retrieve(two.subscription as string)).schedule).toBeNull();
  });
});

describe('the Plans API', () => {
  it('is a recurring price seen as a plan, under the same id', async () => {
    const plan = await h.stripe.plans.create({ currency: 'usd', interval: 'month', amount: 2000, product: { name: 'Legacy' } });
    expect(plan).toMatchObject({ object: 'plan', amount: 2000, interval: 'month', interval_count: 1 });
    const price = await h.stripe.prices.retrieve(plan.id);
    expect(price).toMatchObject({ type: 'recurring', unit_amount: 2000 });
    await h.stripe.plans.update(plan.id, { nickname: 'Old Pro' });
    expect((await h.stripe.plans.retrieve(plan.id)).nickname).toBe('Old Pro');
    expect(await h.stripe.plans.del(plan.id)).toMatchObject({ id: plan.id, deleted: true });
  });
});

describe('trial_will_end', () => {
  it('goes out at once for a trial shorter than three days', async () => {
    const customer = await h.stripe.customers.create({ email: 'e@example.com' });
    const price = await monthlyPrice();
    await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], trial_period_days: 1 });
    expect(await eventTypes(h.stripe)).toContain('customer.subscription.trial_will_end');
  });
});

describe('balance transactions', () => {
  it('are written for a charge, its refund and a chargeback, and expand from each', async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 5000, currency: 'usd', payment_method: 'pm_card_createDispute', confirm: true });
    const charge = await h.stripe.charges.retrieve(pi.latest_charge as string, { expand: ['balance_transaction'] });
    expect(charge.balance_transaction).toMatchObject({ object: 'balance_transaction', amount: 5000, net: 5000, type: 'charge', source: charge.id, status: 'pending' });
    const [dispute] = (await h.stripe.disputes.list({ charge: charge.id })).data;
    expect(dispute!.balance_transactions).toEqual([expect.objectContaining({ amount: -5000, type: 'adjustment', reporting_category: 'dispute' })]);
    const paid = await h.stripe.paymentIntents.create({ amount: 3000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    const refund = await h.stripe.refunds.create({ payment_intent: paid.id, amount: 1000, expand: ['balance_transaction'] });
    expect(refund.balance_transaction).toMatchObject({ amount: -1000, type: 'refund', reporting_category: 'refund' });
    const ledger = await h.stripe.balanceTransactions.list({ limit: 10 });
    expect(ledger.data.map((t) => t.amount).sort((a, b) => a - b)).toEqual([-5000, -1000, 3000, 5000]);
    expect((await h.stripe.balanceTransactions.retrieve(ledger.data[0]!.id)).id).toBe(ledger.data[0]!.id);
  });

  it('skip the pending balance for pm_card_bypassPending', async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 2000, currency: 'usd', payment_method: 'pm_card_bypassPending', confirm: true });
    const charge = await h.stripe.charges.retrieve(pi.latest_charge as string, { expand: ['balance_transaction'] });
    expect(charge.balance_transaction).toMatchObject({ status: 'available' });
  });
});

describe('Checkout discounts', () => {
  it('takes a promotion code off the session total and the payment, and counts the redemption', async () => {
    const coupon = await h.stripe.coupons.create({ percent_off: 20 });
    const code = await h.stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: coupon.id }, code: 'SPRING' });
    const session = await h.stripe.checkout.sessions.create({
      mode: 'payment',
      success_url: 'https://example.com/ok',
      line_items: [{ price_data: { currency: 'usd', unit_amount: 2500, product_data: { name: 'Seat' } }, quantity: 2 }],
      discounts: [{ promotion_code: code.id }],
    });
    expect(session).toMatchObject({ amount_subtotal: 5000, amount_total: 4000, total_details: { amount_discount: 1000 } });
    expect(session.discounts).toEqual([{ coupon: coupon.id, promotion_code: code.id }]);
    await h.control('POST', `/_emulator/checkout/sessions/${session.id}/complete`, { payment_method: 'pm_card_visa', email: 'f@example.com' });
    const done = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent'] });
    expect(done.status).toBe('complete');
    expect((done.payment_intent as { amount: number }).amount).toBe(4000);
    expect((await h.stripe.promotionCodes.retrieve(code.id)).times_redeemed).toBe(1);
  });

  it('refuses discounts together with allow_promotion_codes', async () => {
    const coupon = await h.stripe.coupons.create({ percent_off: 20 });
    const error = await stripeError(
      h.stripe.checkout.sessions.create({
        mode: 'payment',
        success_url: 'https://example.com/ok',
        line_items: [{ price_data: { currency: 'usd', unit_amount: 2500, product_data: { name: 'Seat' } }, quantity: 1 }],
        discounts: [{ coupon: coupon.id }],
        allow_promotion_codes: true,
      }),
    );
    expect(error.param).toBe('discounts');
  });
});
