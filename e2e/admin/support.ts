// What the admin specs share: Stripe (the e2e emulator) through the real SDK to create customers,
// payments, subscriptions, refunds and disputes; the admin's sign-in; and readers for the console.
import { expect, type Locator, type Page } from '@playwright/test';
import Stripe from 'stripe';
import { randomUUID } from 'node:crypto';
import { demoUsers } from '../support/accounts';
import { authForm } from '../support/pages';

export function stripeApi(): Stripe {
  const base = process.env.E2E_STRIPE_API_BASE;
  if (!base) throw new Error('E2E_STRIPE_API_BASE is not set: run the specs through playwright.config.ts');
  const url = new URL(base);
  return new Stripe('sk_test_emulator', { host: url.hostname, port: url.port, protocol: 'http', telemetry: false, maxNetworkRetries: 2 });
}

/** A short tag that makes this test's customers and products findable (specs run in parallel on one stack). */
export function newTag(label: string): string {
  return `${label}${randomUUID().slice(0, 6)}`;
}

export async function signInAsAdmin(page: Page): Promise<void> {
  await authForm(page).signIn(demoUsers.admin.email, demoUsers.admin.password);
  // Generous: the password hash is deliberately slow, and the machine is often busy.
  await expect(page).toHaveURL(/\/account$/, { timeout: 60_000 });
}

export async function signInAsCustomer(page: Page): Promise<void> {
  await authForm(page).signIn(demoUsers.customer.email, demoUsers.customer.password);
  await expect(page).toHaveURL(/\/account$/, { timeout: 60_000 });
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

/** A one-time payment without an invoice, confirmed with a test PaymentMethod. */
export async function payOnce(stripe: Stripe, customer: Stripe.Customer, amount: number, paymentMethod = 'pm_card_visa'): Promise<Stripe.PaymentIntent> {
  return stripe.paymentIntents.create({
    amount,
    currency: 'usd',
    customer: customer.id,
    payment_method: paymentMethod,
    confirm: true,
    automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
  });
}

/** Opens a payment's admin page once its webhooks have landed (404 until the mirror has it). */
export async function openPayment(page: Page, paymentIntentId: string, until?: (page: Page) => Promise<boolean>): Promise<void> {
  await expect
    .poll(
      async () => {
        const response = await page.goto(`/admin/payments/${paymentIntentId}`);
        return response?.status() === 200 && (!until || (await until(page)));
      },
      { timeout: 30_000, message: `payment ${paymentIntentId} mirrored` },
    )
    .toBe(true);
}

/** The payments table's rows as text, keyed by the column headers. */
export async function tableRows(table: Locator): Promise<Record<string, string>[]> {
  const headers = (await table.locator('thead th').allInnerTexts()).map((h) => h.trim().toLowerCase());
  const rows = await table.locator('tbody tr').all();
  return Promise.all(
    rows.map(async (row) => {
      const cells = (await row.locator('td').allInnerTexts()).map((c) => c.replace(/\s+/g, ' ').trim());
      return Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? '']));
    }),
  );
}

export function paymentsTable(page: Page): Locator {
  return page.getByRole('table', { name: /Payments/ });
}

/** Money the way the console shows it. */
export const usd = (minor: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(minor / 100);

/** A minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && body[i + 1] === '\n') {
      row.push(field), rows.push(row), (row = []), (field = ''), i++;
    } else field += ch;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

/**
 * An invoice whose every sync fails for real: a line quantity beyond PostgreSQL's integer range
 * (Stripe accepts it). Its `invoice.created`/`invoice.updated` events keep failing until `fix()`
 * removes the line from the draft and the events are retried.
 */
export async function invoiceTheMirrorCannotStore(stripe: Stripe, customer: Stripe.Customer, tag: string) {
  const product = await stripe.products.create({ name: `Seats ${tag}` });
  const price = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 0 });
  const invoice = await stripe.invoices.create({ customer: customer.id, auto_advance: false, description: 'draft' });
  const item = await stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, pricing: { price: price.id }, quantity: 3_000_000_000 });
  await stripe.invoices.update(invoice.id, { description: `Seats for ${tag}` }); // invoice.updated: the app re-fetches the invoice and its lines
  return { invoice, fix: () => stripe.invoiceItems.del(item.id) };
}

/** The failing-events rows about an object, on /admin/webhooks (reloaded until there is at least one). */
export async function failingEventRows(page: Page, objectId: string): Promise<Locator> {
  const rows = page.getByRole('table', { name: 'Failing webhook events' }).locator('tbody tr').filter({ hasText: objectId });
  await expect
    .poll(
      async () => {
        await page.goto('/admin/webhooks');
        return rows.count();
      },
      { timeout: 30_000, message: `events about ${objectId} listed as failing` },
    )
    .toBeGreaterThan(0);
  return rows;
}
