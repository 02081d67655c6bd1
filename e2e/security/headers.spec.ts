// Security headers on the running app's real responses, and Stripe working under its CSP: the
// policy names exactly the Stripe origins in use (the configured emulator's, and no stripe.com
// origin; real Stripe's with E2E_STRIPE=live-test), loading the Payment Element page raises no CSP
// violation, and every frame Stripe.js opens (the Payment Element, the 3-D Secure modal) comes from
// an origin frame-src allows.
import { expect, test, type Page } from '@playwright/test';
import { demoUsers } from '../support/accounts';
import { cards, newCustomerOnPricing, paymentForm, PAYMENT_SETTLES } from '../support/billing';
import { accountPage, authForm } from '../support/pages';
import { emulatorBase, liveTest } from '../support/stripe';
import { paymentElement, threeDSecure } from '../support/stripe-surfaces';

const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `))?.split(' ').slice(1) ?? [];

/** The Stripe origins the browser needs: the emulator's, or real Stripe's (Stripe.js, its API, its frames). */
function stripeOriginsInUse() {
  if (liveTest()) return { script: ['https://js.stripe.com'], connect: ['https://api.stripe.com'], frame: ['https://js.stripe.com', 'https://hooks.stripe.com'] };
  const emulator = new URL(emulatorBase()).origin;
  return { script: [emulator], connect: [emulator], frame: [emulator] };
}

/** Collects the CSP violations the page reports from now on. */
function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
  return violations;
}

test('pages carry the CSP for the configured Stripe origin, frame-ancestors, HSTS, nosniff and a referrer policy', async ({ request }) => {
  const origins = stripeOriginsInUse();
  for (const path of ['/', '/pricing', '/sign-in', '/account']) {
    const response = await request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    const csp = headers['content-security-policy'] ?? '';
    expect(directive(csp, 'script-src').filter((v) => v.startsWith('http')), path).toEqual(origins.script);
    expect(directive(csp, 'connect-src').filter((v) => v.startsWith('http')), path).toEqual(origins.connect);
    expect(directive(csp, 'frame-src'), path).toEqual(origins.frame);
    expect(directive(csp, 'frame-ancestors'), path).toEqual(["'none'"]);
    expect(csp, path).not.toMatch(/'unsafe-eval'/);
    if (!liveTest()) expect(csp, path).not.toMatch(/stripe\.com/);
    expect(headers['strict-transport-security'], path).toMatch(/max-age=\d+/);
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
  }
});

test('the in-app payment page loads Stripe.js and its form with no CSP violation', async ({ page }) => {
  const violations = cspViolations(page);
  await authForm(page).signIn(demoUsers.customer.email, demoUsers.customer.password);
  await accountPage(page).expectProfile(demoUsers.customer.email, 'Customer');
  await page.goto('/pricing');
  await page.getByRole('link', { name: 'Pay in app' }).first().click();
  await expect(page).toHaveURL(/\/checkout\/pay\?price=price_/);
  // Stripe.js (the emulator's) loaded and mounted its card fields in their frame.
  await expect(paymentElement(page).number).toBeEditable({ timeout: 30_000 });
  expect(violations).toEqual([]);
  expect(await page.evaluate(() => typeof (window as { Stripe?: unknown }).Stripe)).toBe('function');
  await expect(page.getByText('Loading the secure card form…')).toHaveCount(0);
});

test('Stripe.js frames (Payment Element, 3-D Secure) come from origins frame-src allows, with no CSP violation', async ({ page }) => {
  test.setTimeout(120_000);
  const violations = cspViolations(page);
  const { pricing } = await newCustomerOnPricing(page, 'csp-frames');
  const csp = (await page.request.get('/pricing')).headers()['content-security-policy'] ?? '';
  const frameSrc = directive(csp, 'frame-src');
  expect(frameSrc).toEqual(stripeOriginsInUse().frame);
  const frameOrigins = () => page.locator('iframe').evaluateAll((frames) => frames.map((f) => new URL((f as HTMLIFrameElement).src, location.href).origin));

  await pricing.addOn('Priority support pack').getByRole('link', { name: 'Pay in app' }).click();
  await expect(paymentElement(page).number).toBeEditable();
  const appOrigin = new URL(page.url()).origin;
  for (const origin of await frameOrigins()) {
    expect(frameSrc).toContain(origin);
    expect(origin, 'Stripe frames are cross-origin to the app').not.toBe(appOrigin);
  }

  await paymentForm(page).pay(cards.threeDSecure);
  const challenge = threeDSecure(page);
  await expect(challenge.complete).toBeVisible({ timeout: PAYMENT_SETTLES });
  for (const origin of await frameOrigins()) expect(frameSrc).toContain(origin);
  await challenge.answer('Complete');
  await expect(page.getByRole('heading', { name: 'Thank you for your purchase' })).toBeVisible({ timeout: PAYMENT_SETTLES });
  expect(violations).toEqual([]);
});
