// A downgrade waits for the period end: the review says when and charges nothing, the account page
// says "Changes to Starter on …" until then, and the customer can take it back. An upgrade stays
// immediate and prorated (manage-plan.spec.ts); this is the other direction.
import { expect, test } from '@playwright/test';
import { accountBilling, newCustomerOnPricing, subscribeInApp, subscriptionsOf } from '../support/billing';
import { scheduledPlanChange } from '../support/promotions';
import { stripeApi } from '../support/stripe';

test.describe.configure({ timeout: 150_000 });

const day = (seconds: number) => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(seconds * 1000));

test('Team to Starter waits for the period end, is shown on the account page, and can be canceled', async ({ page }) => {
  const { email, pricing } = await newCustomerOnPricing(page, 'downgrade');
  await subscribeInApp(page, 'Team');
  const [team] = await subscriptionsOf(email);
  const periodEnd = team!.items.data[0]!.current_period_end;

  await pricing.open();
  await pricing.plan('Starter').getByRole('link', { name: 'Switch to Starter' }).click();
  const review = page.getByRole('region', { name: 'Plan change' });
  await expect(review.getByTestId('change-date')).toHaveText(day(periodEnd));
  await expect(review.getByTestId('amount-due-now')).toHaveText('$0.00');
  await expect(review).toContainText(`You keep Team until ${day(periodEnd)}`);
  await page.screenshot({ path: test.info().outputPath('downgrade-review.png'), fullPage: true });
  await review.getByRole('button', { name: `Switch to Starter on ${day(periodEnd)}` }).click();
  await page.waitForURL(/\/account\?updated=scheduled/);

  const account = accountBilling(page);
  const change = scheduledPlanChange(page);
  await expect(account.planName).toHaveText('Team');
  await expect(change.text).toHaveText(`Changes to Starter on ${day(periodEnd)}`);
  await expect(change.change).toContainText('Then $9.00 per month');
  await page.screenshot({ path: test.info().outputPath('account-downgrade-scheduled.png'), fullPage: true });

  // Stripe's side: still Team, managed by a schedule whose next phase is Starter at the period end.
  const scheduled = await stripeApi().subscriptions.retrieve(team!.id);
  expect(scheduled.items.data[0]!.price.unit_amount).toBe(7900);
  const schedule = await stripeApi().subscriptionSchedules.retrieve(scheduled.schedule as string);
  expect(schedule.phases.map((p) => p.start_date)).toEqual([expect.any(Number), periodEnd]);
  expect(schedule.end_behavior).toBe('release');

  await change.cancel('Team');
  await expect(page.getByRole('main').getByRole('status').first()).toHaveText('The plan change is canceled. Your plan renews as it is.');
  await expect(account.plan).toContainText('Renews on');
  await page.screenshot({ path: test.info().outputPath('account-downgrade-canceled.png'), fullPage: true });
  expect((await stripeApi().subscriptionSchedules.retrieve(schedule.id)).status).toBe('released');
  expect((await stripeApi().subscriptions.retrieve(team!.id)).schedule).toBeNull();
});
