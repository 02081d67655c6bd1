// Stripe-hosted Checkout from the pricing page: a subscription and a one-time add-on, each verified on
// the success page, on the account page and in the billing history (invoice number and product).
import { expect, test } from '@playwright/test';
import { stripeApi } from '../support/stripe';
import { accountBilling, billingHistoryPage, cards, customerFor, hostedCheckout, newCustomerOnPricing, pricingPage, subscriptionsOf, PAYMENT_SETTLES } from '../support/billing';

// Whole purchase flows on a busy two-core machine: more than the default minute.
test.describe.configure({ timeout: 120_000 });

test('subscribe to Starter through hosted Checkout: success page, account and history', async ({ page }) => {
  const { email, pricing } = await newCustomerOnPricing(page, 'checkout-sub');
  await expect(pricing.plan('Starter')).toContainText('$9.00');
  await expect(pricing.plan('Pro')).toContainText('14-day free trial');
  await page.screenshot({ path: test.info().outputPath('pricing.png'), fullPage: true });

  await pricing.subscribeWithCheckout('Starter');
  await expect(hostedCheckout(page).email).toHaveValue(email);
  await hostedCheckout(page).pay(cards.visa);

  await page.waitForURL(/\/checkout\/success\?session_id=cs_/);
  await expect(page.getByRole('heading', { name: 'You are subscribed' })).toBeVisible({ timeout: PAYMENT_SETTLES });
  await expect(page.getByRole('main')).toContainText('Starter');
  await page.screenshot({ path: test.info().outputPath('checkout-success.png'), fullPage: true });

  // Stripe's side: one active subscription, on the customer the app bound before Checkout.
  const customer = await customerFor(email);
  expect(customer.metadata.user_id).toBeTruthy();
  const subscriptions = await subscriptionsOf(email);
  expect(subscriptions.map((s) => s.status)).toEqual(['active']);

  await page.getByRole('link', { name: 'Go to your account' }).click();
  const account = accountBilling(page);
  await expect(account.planName).toHaveText('Starter');
  await expect(account.plan).toContainText('Active');
  await expect(account.plan).toContainText('Renews on');
  await expect(account.card).toContainText('Visa ending in 4242');
  await page.screenshot({ path: test.info().outputPath('account-subscribed.png'), fullPage: true });

  const invoice = await stripeApi().invoices.retrieve(subscriptions[0].latest_invoice as string);
  const history = billingHistoryPage(page);
  await history.open();
  // By invoice, not position: on the customer's frozen test clock its payments share one second.
  const payment = history.payments.filter({ hasText: `Invoice ${invoice.number}` });
  await expect(payment).toHaveCount(1);
  await expect(payment).toContainText('Starter');
  await expect(payment).toContainText('$9.00');
  await expect(payment).toContainText('Visa •••• 4242');
  await expect(payment.getByRole('link', { name: `PDF of invoice ${invoice.number}` })).toHaveAttribute('href', invoice.invoice_pdf!);
  await page.screenshot({ path: test.info().outputPath('history-subscription.png'), fullPage: true });

  // One subscription at a time: the pricing page now offers switching instead of a second Checkout.
  await pricing.open('Monthly');
  await expect(pricing.plan('Starter')).toContainText('Current plan');
  await expect(pricing.plan('Team').getByRole('link', { name: 'Switch to Team' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Plans' }).getByRole('button')).toHaveCount(0);

  // The same pages on a phone: nothing overflows sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [path, name] of [['/pricing', 'pricing'], ['/account', 'account'], ['/account/billing', 'history']] as const) {
    await page.goto(path);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: test.info().outputPath(`phone-${name}.png`), fullPage: true });
  }
});

test('buy the support pack through hosted Checkout: it gets an invoice, shown in the history', async ({ page }) => {
  const { email, pricing } = await newCustomerOnPricing(page, 'checkout-pack');
  await pricing.addOn('Priority support pack').getByRole('button', { name: 'Buy with Checkout' }).click();
  await page.waitForURL(/\/c\/pay\/cs_/);
  await hostedCheckout(page).pay(cards.visa, /^Pay/);

  await page.waitForURL(/\/checkout\/success/);
  await expect(page.getByRole('heading', { name: 'Thank you for your purchase' })).toBeVisible({ timeout: PAYMENT_SETTLES });
  await expect(page.getByRole('main')).toContainText('Priority support pack');
  await expect(page.getByRole('main')).toContainText('$49.00');

  const customer = await customerFor(email);
  const invoices = await stripeApi().invoices.list({ customer: customer.id });
  expect(invoices.data).toHaveLength(1);
  expect(invoices.data[0]).toMatchObject({ status: 'paid', amount_paid: 4900 });

  const history = billingHistoryPage(page);
  await history.open();
  await expect(history.payments).toHaveCount(1);
  await expect(history.payments).toContainText(`Paid $49.00 on ${invoices.data[0].number}`);
  await expect(history.payments).toContainText('Priority support pack');
  await expect(history.payments).toContainText('$49.00');
});

test('canceling hosted Checkout comes back to pricing without a charge', async ({ page }) => {
  const { email, pricing } = await newCustomerOnPricing(page, 'checkout-cancel');
  // An impatient double click still opens one Checkout Session.
  await pricing.plan('Team').getByRole('button', { name: 'Subscribe with Checkout' }).dblclick();
  await page.waitForURL(/\/c\/pay\/cs_/);
  const sessions = await stripeApi().checkout.sessions.list({ customer: (await customerFor(email)).id });
  expect(sessions.data).toHaveLength(1);
  await page.getByRole('link', { name: 'Back to Paydesk' }).click();
  await page.waitForURL(/\/pricing\?checkout=canceled/);
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Checkout was canceled. You have not been charged.');
  expect(await subscriptionsOf(email)).toEqual([]);
});

test('start the Pro trial through hosted Checkout: nothing due today, trialing with the card saved', async ({ page }) => {
  const { email, pricing } = await newCustomerOnPricing(page, 'checkout-trial');
  await pricing.plan('Pro').getByRole('button', { name: 'Start trial with Checkout' }).click();
  await page.waitForURL(/\/c\/pay\/cs_/);
  await expect(page.getByTestId('total-due')).toHaveText('$0.00');
  await hostedCheckout(page).pay(cards.visa, /^Start trial/);

  await page.waitForURL(/\/checkout\/success/);
  await expect(page.getByRole('heading', { name: 'Your free trial has started' })).toBeVisible({ timeout: PAYMENT_SETTLES });
  const [subscription] = await subscriptionsOf(email);
  expect(subscription.status).toBe('trialing');
  expect(subscription.trial_end! - subscription.trial_start!).toBe(14 * 24 * 3600);

  await page.goto('/account');
  await expect(accountBilling(page).planName).toHaveText('Pro');
  await expect(accountBilling(page).plan).toContainText('Trial ends');
  await expect(accountBilling(page).plan).toContainText('First charge on');
  await expect(accountBilling(page).card).toContainText('Visa ending in 4242');
});
