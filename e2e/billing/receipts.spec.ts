// Receipts in the billing history: only a payment that went through has one. A declined attempt
// says why it failed and offers no "Receipt" link (Stripe's receipt URL of a failed charge shows
// nothing but "Receipt not found").
import { expect, test } from '@playwright/test';
import { billingHistoryPage, cards, newCustomerOnPricing, paymentForm, pricingPage, reloadUntil, PAYMENT_SETTLES } from '../support/billing';

test.describe.configure({ timeout: 120_000 });

test('a declined payment has no receipt link; the paid one links to its receipt', async ({ page }) => {
  const { pricing } = await newCustomerOnPricing(page, 'receipts');
  await pricing.addOn('Priority support pack').getByRole('link', { name: 'Pay in app' }).click();
  await paymentForm(page).pay(cards.declined);
  await expect(paymentForm(page).error).toHaveText('Your card was declined.');

  // The customer gives up on that attempt and buys again from the pricing page.
  await pricing.open();
  await pricing.addOn('Priority support pack').getByRole('link', { name: 'Pay in app' }).click();
  await paymentForm(page).pay(cards.visa);
  await expect(page.getByRole('heading', { name: 'Thank you for your purchase' })).toBeVisible({ timeout: PAYMENT_SETTLES });

  const history = billingHistoryPage(page);
  await history.open();
  // By status, not position: on the customer's frozen test clock both attempts share one second.
  const [paid, declined] = [history.payments.filter({ hasText: 'Paid', hasNotText: 'Failed' }), history.payments.filter({ hasText: 'Failed' })];
  await reloadUntil(page, async () => {
    await expect(history.payments).toHaveCount(2, { timeout: 1_000 });
    await expect(paid.getByRole('link', { name: 'Receipt' })).toBeVisible({ timeout: 1_000 });
  });
  await expect(declined).toContainText('Failed');
  await expect(declined).toContainText('Your card was declined.');
  await expect(declined.getByRole('link', { name: 'Receipt' })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('history-declined-and-paid.png'), fullPage: true });

  await expect(paid).toContainText('Paid');
  await paid.getByRole('link', { name: 'Receipt' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Receipt from /);
});
