import { beforeAll, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { stripeError, useEmulator } from './harness.js';

const h = useEmulator();
let customers: Stripe.Customer[] = [];

beforeAll(async () => {
  await h.reset();
  customers = [];
  for (let i = 0; i < 7; i++) customers.push(await h.stripe.customers.create({ email: `page${i}@example.com` }));
});

describe('lists', () => {
  it('returns newest first with object, has_more and url', async () => {
    const page = await h.stripe.customers.list({ limit: 3 });
    expect(page.object).toBe('list');
    expect(page.url).toBe('/v1/customers');
    expect(page.has_more).toBe(true);
    expect(page.data.map((c) => c.id)).toEqual([customers[6]!.id, customers[5]!.id, customers[4]!.id]);
  });

  it('defaults to 10 and validates limit between 1 and 100', async () => {
    expect((await h.stripe.customers.list()).data).toHaveLength(7);
    for (const limit of [0, 101]) {
      const err = await stripeError(h.stripe.customers.list({ limit }));
      expect(err.statusCode).toBe(400);
      expect(err.param).toBe('limit');
    }
  });

  it('pages forward with starting_after', async () => {
    const ids: string[] = [];
    let page = await h.stripe.customers.list({ limit: 3 });
    ids.push(...page.data.map((c) => c.id));
    while (page.has_more) {
      page = await h.stripe.customers.list({ limit: 3, starting_after: page.data.at(-1)!.id });
      ids.push(...page.data.map((c) => c.id));
    }
    expect(ids).toEqual([...customers].reverse().map((c) => c.id));
  });

  it('pages backward with ending_before', async () => {
    const page = await h.stripe.customers.list({ limit: 2, ending_before: customers[2]!.id });
    expect(page.data.map((c) => c.id)).toEqual([customers[4]!.id, customers[3]!.id]);
    expect(page.has_more).toBe(true);
    const first = await h.stripe.customers.list({ limit: 2, ending_before: customers[4]!.id });
    expect(first.data.map((c) => c.id)).toEqual([customers[6]!.id, customers[5]!.id]);
    expect(first.has_more).toBe(false);
  });

  it('auto-paginates through the SDK', async () => {
    const ids: string[] = [];
    for await (const customer of h.stripe.customers.list({ limit: 2 })) ids.push(customer.id);
    expect(ids).toHaveLength(7);
  });

  it('refuses starting_after together with ending_before', async () => {
    const err = await stripeError(h.stripe.customers.list({ starting_after: customers[1]!.id, ending_before: customers[3]!.id }));
    expect(err.statusCode).toBe(400);
  });

  it('filters by created ranges and exact created', async () => {
    await h.control('POST', '/_emulator/clock/advance', { seconds: 100 });
    const later = await h.stripe.customers.create({ email: 'later@example.com' });
    const recent = await h.stripe.customers.list({ created: { gt: later.created - 50 } });
    expect(recent.data.map((c) => c.id)).toEqual([later.id]);
    const older = await h.stripe.customers.list({ created: { lte: later.created - 50 }, limit: 100 });
    expect(older.data).toHaveLength(7);
    const exact = await h.stripe.customers.list({ created: later.created });
    expect(exact.data.map((c) => c.id)).toEqual([later.id]);
  });
});

describe('expand', () => {
  it('expands an id on retrieve, create and update', async () => {
    const customer = await h.stripe.customers.create({});
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', customer: customer.id, expand: ['customer'] });
    expect((pi.customer as Stripe.Customer).id).toBe(customer.id);
    const again = await h.stripe.paymentIntents.retrieve(pi.id, { expand: ['customer'] });
    expect((again.customer as Stripe.Customer).object).toBe('customer');
    const updated = await h.stripe.paymentIntents.update(pi.id, { description: 'x', expand: ['customer'] });
    expect((updated.customer as Stripe.Customer).object).toBe('customer');
  });

  it('expands four levels deep and refuses a fifth', async () => {
    const customer = await h.stripe.customers.create({});
    await h.stripe.paymentIntents.create({ amount: 1000, currency: 'usd', customer: customer.id, payment_method: 'pm_card_visa', confirm: true });
    const [charge] = (await h.stripe.charges.list({ customer: customer.id })).data;
    const refund = await h.stripe.refunds.create({ charge: charge!.id, amount: 100 });
    const deep = await h.stripe.refunds.retrieve(refund.id, { expand: ['charge.payment_intent.latest_charge.customer'] });
    const pi = (deep.charge as Stripe.Charge).payment_intent as Stripe.PaymentIntent;
    expect(((pi.latest_charge as Stripe.Charge).customer as Stripe.Customer).id).toBe(customer.id);
    const err = await stripeError(h.stripe.refunds.retrieve(refund.id, { expand: ['charge.payment_intent.latest_charge.customer.invoice_settings'] }));
    expect(err.message).toMatch(/more than 4 levels/);
  });

  it('expands inside lists with data.', async () => {
    const page = await h.stripe.paymentIntents.list({ limit: 2, expand: ['data.customer'] });
    expect(page.data.every((pi) => typeof pi.customer === 'object')).toBe(true);
  });

  it('expands through embedded lists and into expand-only fields of expanded objects', async () => {
    const product = await h.stripe.products.create({ name: 'Deep' });
    const price = await h.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 900, recurring: { interval: 'month' } });
    const customer = await h.stripe.customers.create({ payment_method: 'pm_card_visa' });
    const [pm] = (await h.stripe.customers.listPaymentMethods(customer.id)).data;
    const sub = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], default_payment_method: pm!.id });
    const deep = await h.stripe.subscriptions.retrieve(sub.id, { expand: ['items.data.price.product', 'latest_invoice.payments', 'customer.invoice_settings.default_payment_method'] });
    expect((deep.items.data[0]!.price.product as Stripe.Product).name).toBe('Deep');
    expect((deep.latest_invoice as Stripe.Invoice).payments?.data[0]?.status).toBe('paid');
    expect(typeof (deep.customer as Stripe.Customer).invoice_settings).toBe('object');
  });

  it('refuses to expand a field that is not expandable', async () => {
    const err = await stripeError(h.stripe.customers.retrieve(customers[0]!.id, { expand: ['email'] }));
    expect(err.message).toBe('This property cannot be expanded (email).');
  });

  it('serves expand-only fields only when expanded', async () => {
    const customer = await h.stripe.customers.create({});
    const invoice = await h.stripe.invoices.create({ customer: customer.id });
    await h.stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, amount: 1500, currency: 'usd' });
    await h.stripe.invoices.finalizeInvoice(invoice.id);
    const plain = await h.stripe.invoices.retrieve(invoice.id);
    expect(plain.payments).toBeUndefined();
    expect(plain.confirmation_secret).toBeUndefined();
    const expanded = await h.stripe.invoices.retrieve(invoice.id, { expand: ['payments', 'confirmation_secret'] });
    expect(expanded.payments?.data).toHaveLength(1);
    expect(expanded.confirmation_secret?.client_secret).toMatch(/^pi_\w+_secret_\w+$/);
    expect(expanded.confirmation_secret?.type).toBe('payment_intent');
  });
});
