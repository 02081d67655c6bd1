// Managing a subscription after it started: the customer portal (cancel), resume in the app, switching
// plans with a proration preview, replacing the card, and a failed renewal paid from the banner.
import { expect, test } from '@playwright/test';
import { signUpCustomer } from '../support/accounts';
import { advanceClock, stripeApi } from '../support/stripe';
import { customerPortal } from '../support/stripe-surfaces';
import { accountBilling, cards, customerFor, paymentForm, reloadUntil, subscribeInApp, subscriptionsOf, PAYMENT_SETTLES } from '../support/billing';

// Whole purchase flows on a busy two-core machine: more than the default minute.
test.describe.configure({ timeout: 120_000 });

test('cancel in the customer portal, see it on the account page, then resume in the app', async ({ page }) => {
  const email = await signUpCustomer(page, 'portal-cancel');
  await subscribeInApp(page, 'Starter');
  await page.goto('/account');
  await page.getByRole('button', { name: 'Manage billing' }).click();
  await page.waitForURL(/\/p\/session\/bps_/);
  const portal = customerPortal(page);
  await portal.cancelSubscription.click();
  await portal.confirm.click();
  await expect(page.getByRole('status')).toHaveText('Your subscription will be canceled at the end of the billing period.');
  await portal.returnToBusiness.click();
  await page.waitForURL(/\/account$/);

  // The portal changed Stripe; the account page follows once the webhook has been processed.
  const account = accountBilling(page);
  await reloadUntil(page, () => expect(account.plan).toContainText('Cancels at period end', { timeout: 1_000 }));
  await expect(account.plan).toContainText('Ends on');
  await page.screenshot({ path: test.info().outputPath('account-canceling.png'), fullPage: true });

  await account.plan.getByRole('button', { name: 'Resume plan' }).click();
  await expect(account.flash).toHaveText('Your plan will renew as usual.');
  await expect(account.plan).toContainText('Renews on');
  await expect(account.plan.getByRole('button', { name: 'Cancel plan' })).toBeVisible();
  const [subscription] = await subscriptionsOf(email);
  expect(subscription).toMatchObject({ status: 'active', cancel_at_period_end: false });

  // And cancel in the app too: at period end, reflected at once.
  await account.plan.getByRole('button', { name: 'Cancel plan' }).click();
  await expect(account.flash).toHaveText('Your plan is canceled. You keep it until the end of the period you paid for.');
  await expect(account.plan).toContainText('Cancels at period end');
  expect((await subscriptionsOf(email))[0].cancel_at_period_end).toBe(true);
});

test('switch from Starter to Team: the proration preview is what gets charged', async ({ page }) => {
  const email = await signUpCustomer(page, 'switch');
  await subscribeInApp(page, 'Starter');
  await page.goto('/pricing');
  await page.getByRole('list', { name: 'Plans' }).getByRole('listitem', { name: 'Team' }).getByRole('link', { name: 'Switch to Team' }).click();
  await page.waitForURL(/\/account\/switch\?price=price_/);
  const due = page.getByTestId('amount-due-now');
  await expect(due).toHaveText(/^\$\d+\.\d\d$/);
  const previewed = Math.round(Number((await due.textContent())!.replace(/[$,]/g, '')) * 100);
  expect(previewed).toBeGreaterThan(6_000); // most of the $70 difference for a month just started
  expect(previewed).toBeLessThanOrEqual(7_000);
  await page.screenshot({ path: test.info().outputPath('switch-preview.png'), fullPage: true });

  await page.getByRole('button', { name: 'Confirm switch to Team' }).click();
  await page.waitForURL(/\/account\?updated=switched/);
  await expect(accountBilling(page).planName).toHaveText('Team');
  await expect(accountBilling(page).plan).toContainText('$79.00 per month');

  const [subscription] = await subscriptionsOf(email);
  expect(subscription.items.data[0].price.lookup_key).toBe('team_monthly');
  const invoice = await stripeApi().invoices.retrieve(subscription.latest_invoice as string);
  expect(invoice).toMatchObject({ status: 'paid', amount_paid: previewed });
});

test('update the card: the new card becomes the default for the customer and the plan', async ({ page }) => {
  const email = await signUpCustomer(page, 'card-update');
  await subscribeInApp(page, 'Starter');
  await page.goto('/account');
  await expect(accountBilling(page).card).toContainText('Visa ending in 4242');
  await page.getByRole('link', { name: 'Update card' }).click();
  await paymentForm(page).pay(cards.mastercard);

  await page.waitForURL(/\/account\?updated=card/);
  await expect(accountBilling(page).flash).toHaveText('Your new card is saved and will be used for future payments.');
  await expect(accountBilling(page).card).toContainText('Mastercard ending in 4444');
  await page.screenshot({ path: test.info().outputPath('account-card-updated.png'), fullPage: true });

  const customer = await customerFor(email);
  const method = await stripeApi().paymentMethods.retrieve(customer.invoice_settings.default_payment_method as string);
  expect(method.card?.last4).toBe('4444');
  expect((await subscriptionsOf(email))[0].default_payment_method).toBe(method.id);
});

test('a failed renewal shows the past-due banner; paying it from there restores the plan', async ({ page }) => {
  const email = await signUpCustomer(page, 'past-due');
  await subscribeInApp(page, 'Starter');
  // A card that attaches fine but fails every charge becomes the renewal card.
  await page.goto('/account/card');
  await paymentForm(page).pay(cards.failsLater);
  await page.waitForURL(/\/account\?updated=card/);

  const [subscription] = await subscriptionsOf(email);
  const periodEnd = subscription.items.data[0].current_period_end;
  await advanceClock(subscription.customer as string, periodEnd + 3_600);
  await expect.poll(async () => (await subscriptionsOf(email))[0].status).toBe('past_due');

  const account = accountBilling(page);
  await page.goto('/account');
  await reloadUntil(page, () => expect(account.pastDue).toBeVisible({ timeout: 1_000 }));
  await expect(account.pastDue).toContainText('Your last payment failed');
  await expect(account.pastDue).toContainText('$9.00 is due');
  await expect(account.plan).toContainText('Past due');
  await page.screenshot({ path: test.info().outputPath('account-past-due.png'), fullPage: true });

  await account.pastDue.getByRole('link', { name: 'Pay now' }).click();
  await paymentForm(page).pay(cards.visa);
  await expect(page.getByRole('heading', { name: 'Invoice paid' })).toBeVisible({ timeout: PAYMENT_SETTLES });

  await page.goto('/account');
  await expect(account.pastDue).toHaveCount(0);
  await expect(account.plan).toContainText('Active');
  expect((await subscriptionsOf(email))[0].status).toBe('active');
});
