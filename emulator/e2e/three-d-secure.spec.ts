// The 3-D Secure challenge as a full page: a server-side confirmation with a return_url sends the
// customer to `next_action.redirect_to_url.url`, and the answer sends them back as Stripe does.
import { expect, test } from '@playwright/test';
import { TEST_PAGE_URL } from './ports.js';
import { eventTypesFor, stripe } from './support.js';
import { threeDSecurePage } from '../../e2e/support/stripe-surfaces.js';

async function intentNeedingAuthentication() {
  const pi = await stripe.paymentIntents.create({
    amount: 3000,
    currency: 'usd',
    payment_method: 'pm_card_threeDSecure2Required',
    confirm: true,
    return_url: `${TEST_PAGE_URL}/return`,
    automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
  });
  expect(pi.status).toBe('requires_action');
  expect(pi.next_action?.type).toBe('redirect_to_url');
  return pi;
}

test('completing the challenge page returns with redirect_status=succeeded', async ({ page }) => {
  const pi = await intentNeedingAuthentication();
  await page.goto(pi.next_action!.redirect_to_url!.url!);
  await expect(page.getByRole('heading', { name: 'Complete authentication' })).toBeVisible();
  await expect(page.getByText('You are paying $30.00 to Paydesk.')).toBeVisible();
  await expect(threeDSecurePage(page).complete).toBeFocused();
  await page.screenshot({ path: test.info().outputPath('3ds-page.png'), fullPage: true });
  await threeDSecurePage(page).complete.click();
  await page.waitForURL(/\/return\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get('payment_intent')).toBe(pi.id);
  expect(url.searchParams.get('payment_intent_client_secret')).toBe(pi.client_secret);
  await expect(page.getByTestId('redirect-status')).toHaveText('redirect_status: succeeded');
  await expect(page.getByRole('status')).toHaveText(`PaymentIntent ${pi.id} is succeeded`);
  expect(await eventTypesFor(pi.id)).toEqual(expect.arrayContaining(['payment_intent.requires_action', 'payment_intent.succeeded']));
});

test('failing the challenge page returns with redirect_status=failed', async ({ page }) => {
  const pi = await intentNeedingAuthentication();
  await page.goto(pi.next_action!.redirect_to_url!.url!);
  await threeDSecurePage(page).fail.click();
  await page.waitForURL(/\/return\?/);
  await expect(page.getByTestId('redirect-status')).toHaveText('redirect_status: failed');
  await expect(page.getByRole('status')).toHaveText(`PaymentIntent ${pi.id} is requires_payment_method`);
  const after = await stripe.paymentIntents.retrieve(pi.id);
  expect(after.last_payment_error?.code).toBe('payment_intent_authentication_failure');
  expect(await eventTypesFor(pi.id)).toContain('payment_intent.payment_failed');

  await page.goto(pi.next_action!.redirect_to_url!.url!);
  await expect(page.getByRole('heading', { name: 'Nothing to authenticate' })).toBeVisible();
});
