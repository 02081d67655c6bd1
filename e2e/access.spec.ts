import { expect, test } from '@playwright/test';
import { demoUsers, goodPassword, promotedAdminEmail } from './support/accounts';
import { accountPage, authForm, siteHeader } from './support/pages';

test('a signed-out visitor to /account signs in and comes back to it', async ({ page }) => {
  await page.goto('/account');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount$/);
  await authForm(page).submitSignIn(demoUsers.customer.email, demoUsers.customer.password);
  await accountPage(page).expectProfile(demoUsers.customer.email, 'Customer');
});

test('a customer opening /admin gets the 403 page, not a redirect', async ({ page }) => {
  await authForm(page).signIn(demoUsers.customer.email, demoUsers.customer.password);
  await accountPage(page).expectProfile(demoUsers.customer.email, 'Customer');
  await expect(siteHeader(page).adminLink).toHaveCount(0);

  const response = await page.goto('/admin');
  expect(response?.status()).toBe(403);
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { level: 1, name: 'You are not allowed to see this page' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Admin console' })).toHaveCount(0);
});

test('the seeded admin sees the admin console', async ({ page }) => {
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin$/);
  await authForm(page).submitSignIn(demoUsers.admin.email, demoUsers.admin.password);
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Admin console' })).toBeVisible();
  await expect(siteHeader(page).adminLink).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('definition').first()).toHaveText(/^\d+$/);
  await page.getByRole('link', { name: 'Account' }).click();
  await accountPage(page).expectProfile(demoUsers.admin.email, 'Admin');
  await siteHeader(page).adminLink.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Admin console' })).toBeVisible();
});

test('an email listed in ADMIN_EMAILS becomes admin when it signs in', async ({ page }) => {
  await authForm(page).signUp(promotedAdminEmail, goodPassword);
  await accountPage(page).expectProfile(promotedAdminEmail, 'Admin');
  await siteHeader(page).adminLink.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Admin console' })).toBeVisible();
});

test('sign-in never redirects off the site', async ({ page }) => {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent('https://evil.example/phish')}`);
  await authForm(page).submitSignIn(demoUsers.customer.email, demoUsers.customer.password);
  await accountPage(page).expectProfile(demoUsers.customer.email, 'Customer');
});
