// The in-app Payment Element: subscriptions (paid first invoice, or a trial that saves the card),
// a one-time purchase, declines with Stripe's words then a retry of the same intent, 3-D Secure, and
// the saved card offered before a new one.
import { expect, test } from '@playwright/test';
import { signUpCustomer } from '../support/accounts';
import { stripeApi } from '../support/stripe';
import { accountBilling, answerThreeDSecure, billingHistoryPage, cards, customerFor, newCustomerOnPricing, paymentForm, pricingPage, reloadUntil, subscribeInApp, subscriptionsOf, PAYMENT_SETTLES } from '../support/billing';

// Whole purchase flows on a busy two-core machine: more than the default minute.
test.describe.configure({ timeout: 120_000 });

test('subscribe to Team yearly in the app', async ({ page }) => {
  const { email, pricing } = await newCustomerOnPricing(page, 'inapp-sub', 'Yearly');
  await expect(pricing.plan('Team')).toContainText('$790.00');
  await pricing.payInApp('Team');
  await expect(page.getByTestId('due-today')).toHaveText('$790.00');
  await page.screenshot({ path: test.info().outputPath('pay-in-app.png'), fullPage: true });

  await paymentForm(page).pay(cards.visa);
  await expect(page.getByRole('heading', { name: 'You are subscribed' })).toBeVisible({ timeout: PAYMENT_SETTLES });
  await expect(page.getByRole('main')).toContainText('Team');
  await page.screenshot({ path: test.info().outputPath('pay-in-app-done.png'), fullPage: true });

  const [subscription] = await subscriptionsOf(email);
  expect(subscription).toMatchObject({ status: 'active' });
  expect(subscription.items.data[0].price.lookup_key).toBe('team_yearly');

  await page.goto('/account');
  await expect(accountBilling(page).planName).toHaveText('Team');
  await expect(accountBilling(page).plan).toContainText('$790.00 per year');
});

test('start the Pro trial in the app: the card is saved, nothing is charged', async ({ page }) => {
  const { email, pricing } = await newCustomerOnPricing(page, 'inapp-trial');
  await pricing.payInApp('Pro');
  await expect(page.getByTestId('due-today')).toHaveText('$0.00');
  await paymentForm(page).pay(cards.visa);

  await expect(page.getByRole('heading', { name: 'Your free trial has started' })).toBeVisible({ timeout: PAYMENT_SETTLES });
  const [subscription] = await subscriptionsOf(email);
  expect(subscription.status).toBe('trialing');
  expect(subscription.default_payment_method).toBeTruthy();

  await page.goto('/account');
  const account = accountBilling(page);
  await expect(account.planName).toHaveText('Pro');
  await expect(account.plan).toContainText('Free trial');
  await expect(account.plan).toContainText('Trial ends');
  await expect(account.card).toContainText('Visa ending in 4242');
  const customer = await customerFor(email);
  expect((await stripeApi().paymentIntents.list({ customer: customer.id })).data.filter((pi) => pi.status === 'succeeded')).toEqual([]);
});

test('buy the support pack in the app; the order shows in the history with its receipt', async ({ page }) => {
  const { pricing } = await newCustomerOnPricing(page, 'inapp-pack');
  // Paying in the app is a bare PaymentIntent: the page promises the receipt it gets, and the invoice only through Checkout.
  await expect(page.getByRole('region', { name: 'Add-ons' })).toContainText('One-time purchases with a receipt. Buy with Checkout to get an invoice');
  await pricing.addOn('Priority support pack').getByRole('link', { name: 'Pay in app' }).click();
  await paymentForm(page).pay(cards.mastercard);

  await expect(page.getByRole('heading', { name: 'Thank you for your purchase' })).toBeVisible({ timeout: PAYMENT_SETTLES });
  await expect(page.getByRole('main')).toContainText('Priority support pack');

  const history = billingHistoryPage(page);
  await history.open();
  await expect(history.payments).toHaveCount(1);
  await expect(history.payments.first()).toContainText('Priority support pack');
  await expect(history.payments.first()).toContainText('Mastercard •••• 4444');
  await expect(history.payments.first()).toContainText('Paid');
  await expect(history.payments.first().getByRole('link', { name: 'Receipt' })).toBeVisible();
  await expect(history.payments.first()).not.toContainText('Invoice');
});

test('declines show Stripe’s message, then the same payment succeeds with another card', async ({ page }) => {
  const { email, pricing } = await newCustomerOnPricing(page, 'inapp-decline');
  await pricing.payInApp('Starter');
  const form = paymentForm(page);

  await form.pay(cards.declined);
  await expect(form.error).toHaveText('Your card was declined.');
  await page.screenshot({ path: test.info().outputPath('decline.png'), fullPage: true });
  await form.pay(cards.insufficientFunds);
  await expect(form.error).toHaveText('Your card has insufficient funds.');
  await form.pay(cards.visa);
  await expect(page.getByRole('heading', { name: 'You are subscribed' })).toBeVisible({ timeout: PAYMENT_SETTLES });

  // Three attempts, one subscription: the retries confirmed the same first invoice.
  const subscriptions = await subscriptionsOf(email);
  expect(subscriptions.map((s) => s.status)).toEqual(['active']);
});

test('3-D Secure: a failed challenge says so, a completed one pays', async ({ page }) => {
  const { pricing } = await newCustomerOnPricing(page, 'inapp-3ds');
  await pricing.addOn('Priority support pack').getByRole('link', { name: 'Pay in app' }).click();
  const form = paymentForm(page);

  await form.pay(cards.threeDSecure);
  await answerThreeDSecure(page, 'Fail');
  await expect(form.error).toContainText('We are unable to authenticate your payment method');

  await form.pay(cards.threeDSecure);
  await page.screenshot({ path: test.info().outputPath('three-d-secure.png'), fullPage: true });
  await answerThreeDSecure(page, 'Complete');
  await expect(page.getByRole('heading', { name: 'Thank you for your purchase' })).toBeVisible({ timeout: PAYMENT_SETTLES });
  await expect(page).toHaveURL(/payment_intent=pi_/);
});

test('a start abandoned after a decline is replaced, not left waiting, when the customer starts again', async ({ page }) => {
  const { email, pricing } = await newCustomerOnPricing(page, 'inapp-restart');
  await pricing.payInApp('Starter');
  await paymentForm(page).pay(cards.declined);
  await expect(paymentForm(page).error).toHaveText('Your card was declined.');

  // The account page offers to finish the first payment…
  await page.goto('/account');
  await expect(accountBilling(page).pastDue).toContainText('Your first payment is not finished');

  // …but the customer starts over from the pricing page instead.
  await subscribeInApp(page, 'Starter');
  const statuses = (await subscriptionsOf(email)).map((s) => s.status).sort();
  expect(statuses).toHaveLength(2);
  expect(statuses[0]).toBe('active');
  expect(['canceled', 'incomplete_expired']).toContain(statuses[1]);
  await page.goto('/account');
  await expect(accountBilling(page).pastDue).toHaveCount(0);
  await expect(accountBilling(page).plan).toContainText('Active');
});

test('choosing another plan after a declined first payment cancels the start left waiting', async ({ page }) => {
  const { email, pricing } = await newCustomerOnPricing(page, 'inapp-other-plan');
  await pricing.payInApp('Starter');
  await paymentForm(page).pay(cards.declined);
  await expect(paymentForm(page).error).toHaveText('Your card was declined.');
  const [waiting] = await subscriptionsOf(email);
  expect(waiting.status).toBe('incomplete');

  await subscribeInApp(page, 'Team');
  const subscriptions = await subscriptionsOf(email);
  expect(subscriptions).toHaveLength(2);
  expect(subscriptions.find((s) => s.id === waiting.id)!.status).toBe('canceled');
  const team = subscriptions.find((s) => s.id !== waiting.id)!;
  expect(team.status).toBe('active');
  expect(team.items.data[0].price.lookup_key).toBe('team_monthly');
  await page.goto('/account');
  await expect(accountBilling(page).pastDue).toHaveCount(0);
  await expect(accountBilling(page).planName).toHaveText('Team');
});

test('a subscriber buying an add-on is offered the saved card, or another one', async ({ page }) => {
  await signUpCustomer(page, 'inapp-saved-card');
  await subscribeInApp(page, 'Starter');
  const pricing = pricingPage(page);
  await pricing.open();
  await pricing.addOn('Priority support pack').getByRole('link', { name: 'Pay in app' }).click();
  const form = paymentForm(page);
  const saved = form.form.getByRole('radio', { name: 'Visa •••• 4242' });
  await expect(saved).toBeChecked();
  await expect(form.cardNumber).toBeHidden();
  await page.screenshot({ path: test.info().outputPath('saved-card.png'), fullPage: true });
  await form.submit.click();
  await expect(page.getByRole('heading', { name: 'Thank you for your purchase' })).toBeVisible({ timeout: PAYMENT_SETTLES });

  // Another card, for the next one.
  await pricing.open();
  await pricing.addOn('Priority support pack').getByRole('link', { name: 'Pay in app' }).click();
  await expect(saved).toBeChecked();
  await form.pay(cards.mastercard);
  await expect(page.getByRole('heading', { name: 'Thank you for your purchase' })).toBeVisible({ timeout: PAYMENT_SETTLES });

  const history = billingHistoryPage(page);
  await history.open();
  await reloadUntil(page, () => expect(history.payments).toHaveCount(3, { timeout: 1_000 }));
  // By content, not position: on the customer's frozen test clock all three share one second.
  const packs = history.payments.filter({ hasText: 'Priority support pack' });
  await expect(packs).toHaveCount(2);
  await expect(packs.filter({ hasText: 'Visa •••• 4242' })).toHaveCount(1);
  await expect(packs.filter({ hasText: 'Mastercard •••• 4444' })).toHaveCount(1);
});
