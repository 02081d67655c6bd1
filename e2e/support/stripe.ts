// Stripe for the specs: the real stripe SDK pointed at the e2e stack's emulator, or at a Stripe
// sandbox with E2E_STRIPE=live-test (the one client every spec uses), the emulator's control API
// and which specs need it, and the Stripe objects specs create to act on.
import { expect, test } from '@playwright/test';
import Stripe from 'stripe';
import { randomUUID } from 'node:crypto';
import { callEmulatorControl } from '../../scripts/lib/emulator-control';

/** `E2E_STRIPE=live-test`: the suite runs against a Stripe sandbox (see the README), not the emulator. */
export function liveTest(): boolean {
  return process.env.E2E_STRIPE === 'live-test';
}

/**
 * Skips the calling test (or the describe block / file it is called in) against a Stripe sandbox:
 * it needs the emulator, for `reason`.
 */
export function emulatorOnly(reason: string): void {
  test.skip(liveTest(), `emulator only: ${reason}`);
}

export function emulatorBase(): string {
  if (liveTest()) throw new Error('E2E_STRIPE=live-test: there is no emulator; mark the spec with emulatorOnly(reason)');
  const base = process.env.E2E_STRIPE_API_BASE;
  if (!base) throw new Error('E2E_STRIPE_API_BASE is not set: run the specs through playwright.config.ts (scripts/e2e-server.ts)');
  return base;
}

/** The real stripe SDK pointed at the e2e emulator (or the sandbox), for making and checking Stripe's side of a flow. */
export function stripeApi(): Stripe {
  if (liveTest()) return new Stripe(process.env.STRIPE_SECRET_KEY!, { telemetry: false, maxNetworkRetries: 2 });
  const url = new URL(emulatorBase());
  return new Stripe('sk_test_emulator', { host: url.hostname, port: url.port, protocol: 'http', telemetry: false, maxNetworkRetries: 2 });
}

/** The emulator's control API (`/_emulator/…`): specs that call it are emulatorOnly. */
export function emulatorControl<T = unknown>(path: string, body?: unknown): Promise<T> {
  return callEmulatorControl<T>(emulatorBase(), path, body, body === undefined ? 'GET' : 'POST');
}

/**
 * Moves a customer's time to `to` (unix seconds) on the customer's own test clock, running
 * everything that falls due on the way. The e2e server gives every customer a test clock
 * (STRIPE_TEST_CLOCKS), on the emulator as on a sandbox, so one spec's renewal never moves another's.
 */
export async function advanceClock(customerId: string, to: number): Promise<void> {
  const stripe = stripeApi();
  const customer = await stripe.customers.retrieve(customerId);
  const clock = customer.deleted || !customer.test_clock ? undefined : typeof customer.test_clock === 'string' ? customer.test_clock : customer.test_clock.id;
  if (!clock) throw new Error(`customer ${customerId} has no test clock: run the app with STRIPE_TEST_CLOCKS=true (scripts/e2e-server.ts does)`);
  await stripe.testHelpers.testClocks.advance(clock, { frozen_time: to });
  await expect
    .poll(async () => (await stripe.testHelpers.testClocks.retrieve(clock)).status, { timeout: 120_000, message: `test clock ${clock} advanced` })
    .toBe('ready');
}

/** A short tag that makes this test's customers and products findable (specs run in parallel on one stack). */
export function newTag(label: string): string {
  return `${label}${randomUUID().slice(0, 6)}`;
}

export async function newCustomer(stripe: Stripe, tag: string, n: number): Promise<Stripe.Customer> {
  return stripe.customers.create({ email: `${tag}-${n}@example.com`, name: `Shopper ${n} ${tag}` });
}

export async function newPlan(stripe: Stripe, name: string, unitAmount: number, interval: 'month' | 'year' = 'month'): Promise<Stripe.Price> {
  const product = await stripe.products.create({ name });
  return stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: unitAmount, recurring: { interval } });
}

/** Subscribes with a test card; returns the PaymentIntent and invoice of the first payment. */
export async function subscribe(
  stripe: Stripe,
  customer: Stripe.Customer,
  items: { price: string; quantity?: number }[],
): Promise<{ subscription: Stripe.Subscription; invoice: Stripe.Invoice; paymentIntentId: string }> {
  const method = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
  const subscription = await stripe.subscriptions.create({ customer: customer.id, items, default_payment_method: method.id });
  const invoice = await stripe.invoices.retrieve(subscription.latest_invoice as string);
  const payments = await stripe.invoicePayments.list({ invoice: invoice.id });
  const intent = payments.data[0]?.payment.payment_intent;
  if (!intent) throw new Error(`invoice ${invoice.id} has no payment`);
  return { subscription, invoice, paymentIntentId: typeof intent === 'string' ? intent : intent.id };
}

/** A one-time payment without an invoice, confirmed with a test PaymentMethod (no redirects). */
export async function payOnce(stripe: Stripe, customer: Stripe.Customer | string, amount: number, paymentMethod = 'pm_card_visa'): Promise<Stripe.PaymentIntent> {
  const confirmed = { payment_method: paymentMethod, confirm: true, automatic_payment_methods: { enabled: true, allow_redirects: 'never' as const } };
  return stripe.paymentIntents.create({ amount, currency: 'usd', customer: typeof customer === 'string' ? customer : customer.id, ...confirmed });
}

/**
 * An invoice whose every sync fails for real: a line quantity beyond PostgreSQL's bigint range. The
 * mirror stores every quantity Stripe's int64 can hold, so this needs the emulator's leniency (it
 * accepts any whole number; real Stripe refuses it): an emulator-only fixture. Its
 * `invoice.created`/`invoice.updated` events keep failing until `fix()` removes the line from the
 * draft and the events are retried.
 */
export async function invoiceTheMirrorCannotStore(stripe: Stripe, customer: Stripe.Customer, tag: string) {
  const product = await stripe.products.create({ name: `Seats ${tag}` });
  const price = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 0 });
  const invoice = await stripe.invoices.create({ customer: customer.id, auto_advance: false, description: 'draft' });
  const item = await stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, pricing: { price: price.id }, quantity: 10_000_000_000_000_000_000 });
  await stripe.invoices.update(invoice.id, { description: `Seats for ${tag}` }); // invoice.updated: the app re-fetches the invoice and its lines
  return { invoice, fix: () => stripe.invoiceItems.del(item.id) };
}

/** An invoice of `amount` sent to the customer to pay (collection_method=send_invoice), finalized: open. */
export async function sendInvoice(stripe: Stripe, customer: Stripe.Customer | string, amount: number, description: string): Promise<Stripe.Invoice> {
  const customerId = typeof customer === 'string' ? customer : customer.id;
  const draft = await stripe.invoices.create({ customer: customerId, collection_method: 'send_invoice', days_until_due: 30 });
  await stripe.invoiceItems.create({ customer: customerId, invoice: draft.id, amount, currency: 'usd', description });
  return stripe.invoices.finalizeInvoice(draft.id);
}

/** Pays `amount` of an open invoice as its own PaymentIntent attached to it (a part, as the app's pay-part form does). */
export async function payInvoicePart(stripe: Stripe, invoice: Stripe.Invoice, amount: number): Promise<Stripe.PaymentIntent> {
  const intent = await payOnce(stripe, invoice.customer as string, amount);
  await stripe.invoices.attachPayment(invoice.id, { payment_intent: intent.id });
  return intent;
}
