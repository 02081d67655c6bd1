// Access follows the subscription: the gated Reports page opens with a plan that includes it and
// closes when the plan ends. (Who may reach which page at all: e2e/access.spec.ts.)
import { expect, test } from '@playwright/test';
import { signUpCustomer } from '../support/accounts';
import { stripeApi } from '../support/stripe';
import { pricingPage, reloadUntil, subscribeInApp, subscriptionsOf } from '../support/billing';

// Whole purchase flows on a busy two-core machine: more than the default minute.
test.describe.configure({ timeout: 120_000 });

test('Reports: upgrade prompt without a plan or on Starter, open on Pro, closed again once canceled', async ({ page }) => {
  const email = await signUpCustomer(page, 'reports');
  const upgrade = page.getByRole('region', { name: 'Upgrade' });
  const summary = page.getByRole('region', { name: 'Spending summary' });

  await page.goto('/features/reports');
  await expect(upgrade).toContainText('You need an active Pro or Team plan');
  await expect(summary).toHaveCount(0);

  await subscribeInApp(page, 'Starter');
  await page.goto('/features/reports');
  await expect(upgrade).toContainText('Your current plan does not include reports');
  await page.screenshot({ path: test.info().outputPath('reports-locked.png'), fullPage: true });

  // Upgrade in place; Reports opens at once.
  await page.goto('/pricing');
  await pricingPage(page).plan('Pro').getByRole('link', { name: 'Switch to Pro' }).click();
  await page.getByRole('button', { name: 'Confirm switch to Pro' }).click();
  await page.waitForURL(/\/account\?updated=switched/);
  await page.goto('/features/reports');
  await expect(summary).toBeVisible();
  await expect(upgrade).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('reports-open.png'), fullPage: true });

  // Canceled outside the app (e.g. by support in the Dashboard): access ends when the webhook lands.
  const [subscription] = await subscriptionsOf(email);
  await stripeApi().subscriptions.cancel(subscription.id);
  await reloadUntil(page, () => expect(upgrade).toBeVisible({ timeout: 1_000 }));
  await expect(summary).toHaveCount(0);
});
