import { beforeEach, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { useEmulator } from './harness.js';

const h = useEmulator();
const DAY = 86_400;
const START = Date.UTC(2030, 0, 15) / 1000;

beforeEach(() => h.reset());

async function clockedCustomer(): Promise<{ clock: Stripe.TestHelpers.TestClock; customer: Stripe.Customer }> {
  const clock = await h.stripe.testHelpers.testClocks.create({ frozen_time: START });
  const customer = await h.stripe.customers.create({ email: 'usage@example.com', test_clock: clock.id });
  const pm = await h.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
  await h.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
  return { clock, customer };
}

function send(customer: string, value: number, extra: Partial<Stripe.Billing.MeterEventCreateParams> = {}) {
  return h.stripe.billing.meterEvents.create({ event_name: 'report_generated', payload: { stripe_customer_id: customer, value: String(value) }, ...extra });
}

async function usageTotal(meter: string, customer: string, start: number, end: number): Promise<number> {
  const page = await h.stripe.billing.meters.listEventSummaries(meter, { customer, start_time: start, end_time: end });
  return page.data.reduce((sum, s) => sum + s.aggregated_value, 0);
}

describe('billing meters', () => {
  it('create, retrieve, list, update the display name, deactivate and reactivate, with their events', async () => {
    const meter = await h.stripe.billing.meters.create({ display_name: 'Reports', event_name: 'report_generated', default_aggregation: { formula: 'sum' } });
    expect(meter).toMatchObject({ object: 'billing.meter', status: 'active', customer_mapping: { event_payload_key: 'stripe_customer_id', type: 'by_id' }, value_settings: { event_payload_key: 'value' } });
    expect((await h.stripe.billing.meters.retrieve(meter.id)).event_name).toBe('report_generated');
    expect((await h.stripe.billing.meters.update(meter.id, { display_name: 'Reports generated' })).display_name).toBe('Reports generated');
    const inactive = await h.stripe.billing.meters.deactivate(meter.id);
    expect(inactive.status).toBe('inactive');
    expect(inactive.status_transitions.deactivated_at).toBe(inactive.updated);
    expect((await h.stripe.billing.meters.list({ status: 'active' })).data).toHaveLength(0);
    expect((await h.stripe.billing.meters.reactivate(meter.id)).status).toBe('active');
    const types = (await h.stripe.events.list({ limit: 10 })).data.map((e) => e.type).reverse();
    expect(types).toEqual(['billing.meter.created', 'billing.meter.updated', 'billing.meter.deactivated', 'billing.meter.reactivated']);
    await expect(h.stripe.billing.meters.create({ display_name: 'Again', event_name: 'report_generated', default_aggregation: { formula: 'sum' } })).rejects.toMatchObject({ statusCode: 400, param: 'event_name' });
  });

  it('aggregates sum, count and last per customer; a repeated identifier counts once; a canceled event not at all', async () => {
    const sum = await h.stripe.billing.meters.create({ display_name: 'Sum', event_name: 'report_generated', default_aggregation: { formula: 'sum' } });
    const count = await h.stripe.billing.meters.create({ display_name: 'Count', event_name: 'api_call', default_aggregation: { formula: 'count' } });
    const last = await h.stripe.billing.meters.create({ display_name: 'Seats', event_name: 'seats', default_aggregation: { formula: 'last' } });
    const now = Math.floor(Date.now() / 1000);
    const start = now - 3_600;
    const end = now + 3_600;
    await send('cus_a', 3, { identifier: 'r-1', timestamp: now - 60 });
    await send('cus_a', 3, { identifier: 'r-1', timestamp: now - 60 });
    await send('cus_a', 4, { identifier: 'r-2', timestamp: now - 30 });
    await send('cus_b', 10, { identifier: 'r-3' });
    await send('cus_a', 100, { identifier: 'r-4' });
    await h.stripe.billing.meterEventAdjustments.create({ event_name: 'report_generated', type: 'cancel', cancel: { identifier: 'r-4' } });
    for (let i = 0; i < 5; i++) await h.stripe.billing.meterEvents.create({ event_name: 'api_call', payload: { stripe_customer_id: 'cus_a' } });
    await h.stripe.billing.meterEvents.create({ event_name: 'seats', payload: { stripe_customer_id: 'cus_a', value: '7' }, timestamp: now - 120 });
    await h.stripe.billing.meterEvents.create({ event_name: 'seats', payload: { stripe_customer_id: 'cus_a', value: '4' }, timestamp: now - 10 });
    expect(await usageTotal(sum.id, 'cus_a', start, end)).toBe(7);
    expect(await usageTotal(sum.id, 'cus_b', start, end)).toBe(10);
    expect(await usageTotal(count.id, 'cus_a', start, end)).toBe(5);
    expect(await usageTotal(last.id, 'cus_a', start, end)).toBe(4);
  });

  it('groups summaries by hour or day, aligned to the window', async () => {
    const meter = await h.stripe.billing.meters.create({ display_name: 'Sum', event_name: 'report_generated', default_aggregation: { formula: 'sum' } });
    const { customer } = await clockedCustomer();
    await send(customer.id, 2, { timestamp: START - 2 * DAY });
    await send(customer.id, 5, { timestamp: START - DAY + 10 });
    await send(customer.id, 1, { timestamp: START });
    const dayStart = START - (START % DAY) - 2 * DAY;
    const days = await h.stripe.billing.meters.listEventSummaries(meter.id, { customer: customer.id, start_time: dayStart, end_time: dayStart + 3 * DAY, value_grouping_window: 'day' });
    expect(days.data.map((d) => [d.start_time - dayStart, d.aggregated_value])).toEqual([[0, 2], [DAY, 5], [2 * DAY, 1]]);
    await expect(h.stripe.billing.meters.listEventSummaries(meter.id, { customer: customer.id, start_time: dayStart + 1, end_time: dayStart + DAY + 1, value_grouping_window: 'day' })).rejects.toMatchObject({ statusCode: 400 });
  });

  it("refuses timestamps more than 35 days old or 5 minutes ahead, on the customer's clock", async () => {
    await h.stripe.billing.meters.create({ display_name: 'Sum', event_name: 'report_generated', default_aggregation: { formula: 'sum' } });
    const { customer } = await clockedCustomer();
    await expect(send(customer.id, 1, { timestamp: START - 35 * DAY - 1 })).rejects.toMatchObject({ statusCode: 400, param: 'timestamp' });
    await expect(send(customer.id, 1, { timestamp: START + 301 })).rejects.toMatchObject({ statusCode: 400, param: 'timestamp' });
    expect((await send(customer.id, 1, { timestamp: START + 300 })).timestamp).toBe(START + 300);
    expect((await send(customer.id, 1, { timestamp: START - 35 * DAY })).timestamp).toBe(START - 35 * DAY);
    await expect(h.stripe.billing.meterEvents.create({ event_name: 'report_generated', payload: { value: '1' } })).rejects.toMatchObject({ statusCode: 400, param: 'payload[stripe_customer_id]' });
    await expect(send(customer.id, Number.NaN)).rejects.toMatchObject({ statusCode: 400, param: 'payload[value]' });
  });
});

describe('metered prices', () => {
  let meter: Stripe.Billing.Meter;
  let product: Stripe.Product;
  beforeEach(async () => {
    meter = await h.stripe.billing.meters.create({ display_name: 'Reports', event_name: 'report_generated', default_aggregation: { formula: 'sum' } });
    product = await h.stripe.products.create({ name: 'Reports generated' });
  });

  const tiered = (mode: 'graduated' | 'volume') =>
    h.stripe.prices.create({
      product: product.id,
      currency: 'usd',
      billing_scheme: 'tiered',
      tiers_mode: mode,
      tiers: [{ up_to: 100, unit_amount: 0 }, { up_to: 1000, unit_amount: 10 }, { up_to: 'inf', unit_amount: 5, flat_amount: 500 }],
      recurring: { interval: 'month', usage_type: 'metered', meter: meter.id },
    });

  it('need a meter, refuse item quantities, and show tiers only when expanded', async () => {
    await expect(h.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 10, recurring: { interval: 'month', usage_type: 'metered' } })).rejects.toMatchObject({ param: 'recurring[meter]' });
    const price = await tiered('graduated');
    expect(price).toMatchObject({ billing_scheme: 'tiered', tiers_mode: 'graduated', unit_amount: null, recurring: { usage_type: 'metered', meter: meter.id } });
    expect(price.tiers).toBeUndefined();
    const expanded = await h.stripe.prices.retrieve(price.id, { expand: ['tiers'] });
    expect(expanded.tiers!.map((t) => t.up_to)).toEqual([100, 1000, null]);
    const customer = await h.stripe.customers.create({ payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' } });
    await expect(h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id, quantity: 1 }] })).rejects.toMatchObject({ param: 'items[0][quantity]' });
  });

  for (const [mode, usage, expected] of [
    ['graduated', 1_250, 100 * 0 + 900 * 10 + 250 * 5 + 500],
    ['volume', 1_250, 1_250 * 5 + 500],
    ['volume', 150, 150 * 10],
    ['graduated', 40, 0],
  ] as const) {
    it(`renewal invoices bill the ended period's usage (${mode}, ${usage} units)`, async () => {
      const price = await tiered(mode);
      const base = await h.stripe.prices.create({ product: (await h.stripe.products.create({ name: 'Pro' })).id, currency: 'usd', unit_amount: 2_900, recurring: { interval: 'month' } });
      const { clock, customer } = await clockedCustomer();
      const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: base.id }, { price: price.id }] });
      const first = await h.stripe.invoices.retrieve(sub.latest_invoice as string);
      expect(first.amount_due).toBe(2_900);
      expect(first.lines.data.find((l) => l.pricing?.price_details?.price === price.id)?.quantity).toBe(0);
      const periodEnd = sub.items.data[0]!.current_period_end;
      // Half the usage on the first day, half the day before the period ends; one event after it (next period's).
      await send(customer.id, Math.floor(usage / 2), { identifier: 'a' });
      await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: periodEnd - DAY });
      await send(customer.id, usage - Math.floor(usage / 2), { identifier: 'b' });
      const upcoming = await h.stripe.invoices.createPreview({ subscription: sub.id });
      expect(upcoming.lines.data.find((l) => l.pricing?.price_details?.price === price.id)).toMatchObject({ quantity: usage, amount: expected });
      await h.stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: periodEnd + 60 });
      await send(customer.id, 1_000, { identifier: 'c' });
      const renewed = await h.stripe.subscriptions.retrieve(sub.id);
      const invoice = await h.stripe.invoices.retrieve(renewed.latest_invoice as string);
      expect(invoice.billing_reason).toBe('subscription_cycle');
      const line = invoice.lines.data.find((l) => l.pricing?.price_details?.price === price.id)!;
      expect(line).toMatchObject({ quantity: usage, amount: expected, period: { start: sub.items.data[0]!.current_period_start, end: periodEnd }, description: `${usage} × Reports generated` });
      expect(invoice.amount_paid).toBe(2_900 + expected);
      expect(invoice.status).toBe('paid');
    });
  }
});
