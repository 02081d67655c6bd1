// The public pages render with their landmarks and navigation, on desktop and on a phone.
import { expect, test } from '@playwright/test';
import { demoUsers } from './support/accounts';
import { accountPage, authForm, siteHeader } from './support/pages';

test('the landing page says what Paydesk is and leads to sign-up', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Take payments on Stripe');
  await expect(page.getByRole('main').getByText('InvoicePayment API')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign up' })).toBeVisible();
  await expect(page.getByRole('contentinfo')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('landing.png'), fullPage: true });
  await page.getByRole('main').getByRole('link', { name: 'Create an account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Create your Paydesk account' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('sign-up.png'), fullPage: true });
});

test('the pricing page opens from the header and marks it as the current page', async ({ page }, testInfo) => {
  await page.goto('/');
  const nav = siteHeader(page).nav;
  await nav.getByRole('link', { name: 'Pricing' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pricing' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Pricing' })).toHaveAttribute('aria-current', 'page');
  await page.screenshot({ path: testInfo.outputPath('pricing.png'), fullPage: true });
});

test('an unknown address gets the 404 page', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to home' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('keyboard users can skip straight to the content', async ({ page }) => {
  await page.goto('/pricing');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
});

test('the signed-in header fits the screen and shows the account', async ({ page }, testInfo) => {
  await page.goto('/sign-in');
  await authForm(page).submitSignIn(demoUsers.customer.email, demoUsers.customer.password);
  await accountPage(page).expectProfile(demoUsers.customer.email, 'Customer');
  const nav = siteHeader(page).nav;
  await expect(nav.getByRole('link', { name: 'Account' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('button', { name: 'Sign out' })).toBeInViewport();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
  await page.screenshot({ path: testInfo.outputPath('account.png'), fullPage: true });
});
