// A plan switch in words a customer reads: the pricing page promises a trial only to a customer who
// would get one, the preview names the credit and the new plan with their dates (not Stripe's
// "Unused time on 1 × Starter after …"), and the history titles the payment after what it bought.
import { expect, test } from '@playwright/test';
import { accountBilling, billingHistoryPage, newCustomerOnPricing, pricingPage, reloadUntil, subscribeInApp, subscriptionsOf } from '../support/billing';

test.describe.configure({ timeout: 120_000 });

const escape = (text: string) => text.replace(/[()$.]/g, '\\$&');
const day = (seconds: number) => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(seconds * 1000));

test('switching Starter to Pro: no trial promised, a credit for unused Starter and Pro for the rest of the period', async ({ page }) => {
  const { email, pricing } = await newCustomerOnPricing(page, 'switch-words');
  // A customer who never had a plan is offered Pro's trial…
  await expect(pricing.plan('Pro')).toContainText('14-day free trial');
  await subscribeInApp(page, 'Starter');

  // …a subscriber is not: a switch charges now.
  await pricing.open();
  await expect(pricing.plan('Pro').getByRole('link', { name: 'Switch to Pro' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Plans' })).not.toContainText(/trial/i);
  await page.screenshot({ path: test.info().outputPath('pricing-subscriber.png'), fullPage: true });

  // The current plan's button opens the plan's own section, where it can be canceled or changed.
  await pricing.plan('Starter').getByRole('link', { name: 'Manage your plan' }).click();
  await expect(page).toHaveURL(/\/account#plan$/);
  await expect(accountBilling(page).plan).toBeInViewport();

  const [starter] = await subscriptionsOf(email);
  const { current_period_start: start, current_period_end: end } = starter.items.data[0];
  const period = `(${day(start)} – ${day(end)})`;
  await pricing.open();
  await pricing.plan('Pro').getByRole('link', { name: 'Switch to Pro' }).click();
  const change = page.getByRole('region', { name: 'Plan change' });
  await expect(change).toContainText(`Credit for unused Starter ${period}`);
  await expect(change).toContainText(`Pro ${period}`);
  await expect(change).not.toContainText(/unused time|remaining time| × /i);
  await page.screenshot({ path: test.info().outputPath('switch-preview.png'), fullPage: true });
  await page.getByRole('button', { name: 'Confirm switch to Pro' }).click();
  await page.waitForURL(/\/account\?updated=switched/);

  const history = billingHistoryPage(page);
  await history.open();
  // The proration invoice's payment, found by its credit line: on the customer's frozen test clock
  // it shares its second with the first payment.
  const switched = history.payments.filter({ hasText: 'Credit for unused Starter' });
  await reloadUntil(page, () => expect(switched.getByRole('list', { name: 'Items' })).toContainText('Credit for unused Starter', { timeout: 1_000 }));
  await expect(switched.locator('p').first()).toHaveText('Pro');
  await expect(switched.getByRole('list', { name: 'Items' }).getByRole('listitem')).toHaveText([
    new RegExp(`^Pro ${escape(period)}\\$\\d+\\.\\d\\d$`),
    new RegExp(`^Credit for unused Starter ${escape(period)}[-−]\\$\\d+\\.\\d\\d$`),
  ]);
  await page.screenshot({ path: test.info().outputPath('history-after-switch.png'), fullPage: true });
});
