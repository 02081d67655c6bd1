// The hosted pages and the 3-D Secure dialog on a phone: one column, nothing cut off, the buttons reachable.
import { expect, test } from '@playwright/test';
import { TEST_PAGE_URL } from './ports.js';
import { CARDS, stripe } from './support.js';
import { hostedCheckout, paymentElement, threeDSecure } from '../../e2e/support/stripe-surfaces.js';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('hosted Checkout fits a phone screen', async ({ page }) => {
  const price = await stripe.prices.create({ currency: 'usd', unit_amount: 1200, recurring: { interval: 'month' }, product_data: { name: 'Pro' } });
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    line_items: [{ price: price.id, quantity: 1 }],
    subscription_data: { trial_period_days: 14 },
    success_url: `${TEST_PAGE_URL}/merchant/success`,
    cancel_url: `${TEST_PAGE_URL}/merchant/cancel`,
  });
  await page.goto(session.url!);
  await expect(page.getByText('14 days free, then $12.00 per month')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await hostedCheckout(page).submit.scrollIntoViewIfNeeded();
  await expect(hostedCheckout(page).submit).toBeInViewport();
  await page.screenshot({ path: test.info().outputPath('checkout-phone.png'), fullPage: true });
});

test('the 3-D Secure dialog fits a phone screen and its content', async ({ page }) => {
  await page.goto('/?flow=payment');
  await paymentElement(page).fill({ number: CARDS.threeDSecure });
  await page.getByRole('button', { name: 'Pay' }).click();
  const dialog = page.getByRole('dialog', { name: '3D Secure authentication' });
  const complete = threeDSecure(page).complete;
  await expect(complete).toBeInViewport();
  const buttons = (await complete.boundingBox())!;
  await expect.poll(async () => {
    const box = (await dialog.boundingBox())!;
    return box.y + box.height - (buttons.y + buttons.height);
  }).toBeLessThan(60);
  await page.screenshot({ path: test.info().outputPath('3ds-phone.png') });
});
