// Security headers on the running app's real responses, and a Stripe page working under its CSP:
// the policy names the configured emulator origin (and no stripe.com origin), and loading the
// Payment Element page raises no CSP violation.
import { expect, test } from '@playwright/test';
import { demoUsers } from '../support/accounts';
import { accountPage, authForm } from '../support/pages';
import { emulatorBase } from '../support/stripe';

const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `))?.split(' ').slice(1) ?? [];

test('pages carry the CSP for the configured Stripe origin, frame-ancestors, HSTS, nosniff and a referrer policy', async ({ request }) => {
  const emulator = new URL(emulatorBase()).origin;
  for (const path of ['/', '/pricing', '/sign-in', '/account']) {
    const response = await request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    const csp = headers['content-security-policy'] ?? '';
    expect(directive(csp, 'script-src').filter((v) => v.startsWith('http')), path).toEqual([emulator]);
    expect(directive(csp, 'connect-src').filter((v) => v.startsWith('http')), path).toEqual([emulator]);
    expect(directive(csp, 'frame-ancestors'), path).toEqual(["'none'"]);
    expect(csp, path).not.toMatch(/stripe\.com|'unsafe-eval'/);
    expect(headers['strict-transport-security'], path).toMatch(/max-age=\d+/);
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
  }
});

test('the in-app payment page loads Stripe.js and its form with no CSP violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
  await authForm(page).signIn(demoUsers.customer.email, demoUsers.customer.password);
  await accountPage(page).expectProfile(demoUsers.customer.email, 'Customer');
  await page.goto('/pricing');
  await page.getByRole('link', { name: 'Pay in app' }).first().click();
  await expect(page).toHaveURL(/\/checkout\/pay\?price=price_/);
  // Stripe.js (the emulator's) loaded and mounted its card fields.
  await expect(page.getByText('Loading the secure card form…')).toHaveCount(0, { timeout: 30_000 }).catch(() => {});
  await page.waitForLoadState('networkidle');
  expect(violations).toEqual([]);
  expect(await page.evaluate(() => typeof (window as { Stripe?: unknown }).Stripe)).toBe('function');
  await expect(page.getByText('Loading the secure card form…')).toHaveCount(0);
});
