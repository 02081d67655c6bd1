// Hosted Checkout: payment, subscription with a trial, setup, a decline then a retry, 3-D Secure,
// the way back to the shop, and sessions that can no longer be paid.
import { expect, test, type Page } from '@playwright/test';
import type Stripe from 'stripe';
import { TEST_PAGE_URL } from './ports.js';
import { CARDS, consoleComplaints, eventTypesFor, stripe } from './support.js';
import { hostedCheckout, threeDSecure } from '../../e2e/support/stripe-surfaces.js';

const SUCCESS_URL = `${TEST_PAGE_URL}/merchant/success?session_id={CHECKOUT_SESSION_ID}`;
const CANCEL_URL = `${TEST_PAGE_URL}/merchant/cancel`;

async function price(name: string, unitAmount: number, recurring?: Stripe.PriceCreateParams.Recurring): Promise<Stripe.Price> {
  const product = await stripe.products.create({ name });
  return stripe.prices.create({ product: product.id, unit_amount: unitAmount, currency: 'usd', recurring });
}

async function pay(page: Page, button: string | RegExp, number: string = CARDS.success): Promise<void> {
  await hostedCheckout(page).pay(number, button);
}

test('payment mode: line items, totals, card, then success_url with the session id', async ({ page }) => {
  const pack = await price('Support pack', 4900);
  const session = await stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: [{ price: pack.id, quantity: 2 }],
    customer_email: 'buyer@example.com',
    success_url: SUCCESS_URL,
    cancel_url: CANCEL_URL,
  });
  const complaints = consoleComplaints(page);
  await page.goto(session.url!);
  await expect(page.getByText('Pay Paydesk')).toBeVisible();
  const items = page.getByRole('list', { name: 'Order summary' });
  await expect(items).toContainText('Support pack');
  await expect(items).toContainText('Qty 2');
  await expect(items).toContainText('$98.00');
  await expect(page.getByTestId('total-due')).toHaveText('$98.00');
  await expect(hostedCheckout(page).email).toHaveValue('buyer@example.com');
  await expect(hostedCheckout(page).email).toHaveAttribute('readonly', '');
  await page.screenshot({ path: test.info().outputPath('checkout-payment.png'), fullPage: true });

  await pay(page, 'Pay $98.00');
  await page.waitForURL(`${TEST_PAGE_URL}/merchant/success?session_id=${session.id}`);

  const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent'] });
  expect(done).toMatchObject({ status: 'complete', payment_status: 'paid', amount_total: 9800 });
  expect((done.payment_intent as Stripe.PaymentIntent).status).toBe('succeeded');
  expect(await eventTypesFor(session.id)).toContain('checkout.session.completed');
  expect(complaints).toEqual([]);

  await page.goto(session.url!);
  await expect(page.getByRole('heading', { name: 'This checkout session is already complete' })).toBeVisible();
});

test('subscription mode with a trial: trial wording, nothing due today, a trialing subscription', async ({ page }) => {
  const pro = await price('Pro', 1200, { interval: 'month' });
  const customer = await stripe.customers.create({ email: 'trial@example.com', name: 'Trial Customer' });
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    customer: customer.id,
    line_items: [{ price: pro.id, quantity: 1 }],
    subscription_data: { trial_period_days: 7 },
    success_url: SUCCESS_URL,
    cancel_url: CANCEL_URL,
  });
  await page.goto(session.url!);
  await expect(page.getByText('7 days free, then $12.00 per month')).toBeVisible();
  await expect(page.getByTestId('total-due')).toHaveText('$0.00');
  await expect(hostedCheckout(page).email).toHaveValue('trial@example.com');
  await expect(hostedCheckout(page).email).toHaveAttribute('readonly', '');
  await page.screenshot({ path: test.info().outputPath('checkout-trial.png'), fullPage: true });

  await pay(page, 'Start trial');
  await page.waitForURL(`${TEST_PAGE_URL}/merchant/success?session_id=${session.id}`);

  const done = await stripe.checkout.sessions.retrieve(session.id);
  expect(done.status).toBe('complete');
  const subscription = await stripe.subscriptions.retrieve(done.subscription as string);
  expect(subscription.status).toBe('trialing');
  expect(subscription.customer).toBe(customer.id);
  expect(subscription.trial_end! - subscription.trial_start!).toBe(7 * 86_400);
  expect(await eventTypesFor(subscription.id)).toContain('customer.subscription.created');
  expect(await eventTypesFor(session.id)).toContain('checkout.session.completed');
});

test('a declined card shows the decline inline; a second card completes the subscription', async ({ page }) => {
  const team = await price('Team', 4900, { interval: 'month' });
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    line_items: [{ price: team.id, quantity: 3 }],
    success_url: SUCCESS_URL,
    cancel_url: CANCEL_URL,
  });
  await page.goto(session.url!);
  await expect(page.getByText('Subscribe to Team')).toBeVisible();
  await expect(page.getByTestId('total-due')).toHaveText('$147.00');
  await hostedCheckout(page).email.fill('retry@example.com');
  await pay(page, 'Subscribe', CARDS.genericDecline);
  await expect(page.locator('#form-error')).toHaveText('Your card was declined.');
  await page.screenshot({ path: test.info().outputPath('checkout-decline.png'), fullPage: true });
  expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');

  await pay(page, 'Subscribe', CARDS.success);
  await page.waitForURL(`${TEST_PAGE_URL}/merchant/success?session_id=${session.id}`);
  const done = await stripe.checkout.sessions.retrieve(session.id);
  expect(done).toMatchObject({ status: 'complete', payment_status: 'paid' });
  const subscriptions = await stripe.subscriptions.list({ customer: done.customer as string, status: 'all' });
  expect(subscriptions.data.filter((s) => s.status === 'active').map((s) => s.id)).toEqual([done.subscription]);
  expect((await stripe.customers.retrieve(done.customer as string)) as Stripe.Customer).toMatchObject({ email: 'retry@example.com' });
});

test('payment mode with 3-D Secure completes after the challenge', async ({ page }) => {
  const pack = await price('Consulting hour', 15000);
  const session = await stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: pack.id, quantity: 1 }], success_url: SUCCESS_URL, cancel_url: CANCEL_URL });
  await page.goto(session.url!);
  await hostedCheckout(page).email.fill('secure@example.com');
  await pay(page, 'Pay $150.00', CARDS.threeDSecure);
  await threeDSecure(page).complete.click();
  await page.waitForURL(`${TEST_PAGE_URL}/merchant/success?session_id=${session.id}`);
  expect((await stripe.checkout.sessions.retrieve(session.id)).payment_status).toBe('paid');
});

test('setup mode saves a card for the customer', async ({ page }) => {
  const customer = await stripe.customers.create({ email: 'setup@example.com' });
  const session = await stripe.checkout.sessions.create({ mode: 'setup', currency: 'usd', customer: customer.id, success_url: SUCCESS_URL, cancel_url: CANCEL_URL });
  await page.goto(session.url!);
  await expect(page.getByText('Set up a payment method for Paydesk')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('checkout-setup.png'), fullPage: true });
  await pay(page, 'Save card');
  await page.waitForURL(`${TEST_PAGE_URL}/merchant/success?session_id=${session.id}`);

  const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ['setup_intent'] });
  expect(done.status).toBe('complete');
  const si = done.setup_intent as Stripe.SetupIntent;
  expect(si.status).toBe('succeeded');
  const methods = await stripe.customers.listPaymentMethods(customer.id);
  expect(methods.data.map((m) => m.id)).toEqual([si.payment_method]);
});

test('the business name leads back to cancel_url', async ({ page }) => {
  const pack = await price('Sticker', 500);
  const session = await stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: pack.id, quantity: 1 }], success_url: SUCCESS_URL, cancel_url: CANCEL_URL });
  await page.goto(session.url!);
  await page.getByRole('link', { name: 'Back to Paydesk' }).click();
  await page.waitForURL(CANCEL_URL);
  expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
});

test('an expired session says so and offers the way back', async ({ page }) => {
  const pack = await price('Old offer', 900);
  const session = await stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: pack.id, quantity: 1 }], success_url: SUCCESS_URL, cancel_url: CANCEL_URL });
  await stripe.checkout.sessions.expire(session.id);
  await page.goto(session.url!);
  await expect(page.getByRole('heading', { name: 'This checkout session has expired' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('checkout-expired.png'), fullPage: true });
  await page.getByRole('link', { name: 'Return to Paydesk' }).click();
  await page.waitForURL(CANCEL_URL);
  expect(await eventTypesFor(session.id)).toContain('checkout.session.expired');
});

test('names from the API are shown as text, never as markup', async ({ page }) => {
  const odd = await price('<img src=x onerror="window.pwned=1"> & "Co"', 700);
  const session = await stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: odd.id, quantity: 1 }], success_url: SUCCESS_URL, cancel_url: CANCEL_URL });
  await page.goto(session.url!);
  await expect(page.getByRole('list', { name: 'Order summary' })).toContainText('<img src=x onerror="window.pwned=1"> & "Co"');
  expect(await page.locator('img').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
});
