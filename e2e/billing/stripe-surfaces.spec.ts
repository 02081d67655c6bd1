// The selectors in e2e/support/stripe-surfaces.ts, checked on the surfaces themselves: each finds
// exactly one element, in the frames and pages Stripe puts it in. Against the emulator the surfaces
// expose exactly these names (no other inputs), with Stripe's autocomplete tokens and keyboard
// behaviour; with E2E_STRIPE=live-test the same spec checks the module against a Stripe sandbox.
import { expect, test, type Locator } from '@playwright/test';
import { cards, newCustomerOnPricing, PAYMENT_SETTLES } from '../support/billing';
import { emulatorBase, liveTest } from '../support/stripe';
import { customerPortal, hostedCheckout, paymentElement, STRIPE_SELECTORS, threeDSecure } from '../support/stripe-surfaces';

test.describe.configure({ timeout: 120_000 });

const names = (controls: Locator) => controls.evaluateAll((nodes) => nodes.map((n) => (n as HTMLInputElement).name).sort());

test('the Payment Element: a cross-origin frame titled as Stripe’s, its inputs named and completed as Stripe’s', async ({ page }) => {
  const { pricing } = await newCustomerOnPricing(page, 'surface-pe');
  await pricing.payInApp('Starter');
  const frame = page.locator(STRIPE_SELECTORS.paymentElement.frame);
  await expect(frame).toHaveCount(1);
  const element = paymentElement(page);
  await expect(element.number).toBeEditable();
  const frameOrigin = new URL((await frame.getAttribute('src'))!, page.url()).origin;
  expect(frameOrigin).not.toBe(new URL(page.url()).origin);
  for (const field of [element.number, element.expiry, element.cvc, element.country, element.postalCode]) await expect(field).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath('payment-element.png'), fullPage: true });
  if (liveTest()) return;

  expect(frameOrigin).toBe(new URL(emulatorBase()).origin);
  expect(await names(element.frame.locator('input, select'))).toEqual(['country', 'cvc', 'expiry', 'number', 'postalCode']);
  await expect(element.number).toHaveAttribute('autocomplete', 'billing cc-number');
  await expect(element.expiry).toHaveAttribute('autocomplete', 'billing cc-exp');
  await expect(element.cvc).toHaveAttribute('autocomplete', 'billing cc-csc');
  await expect(element.country).toHaveAttribute('autocomplete', 'billing country');
  await expect(element.postalCode).toHaveAttribute('autocomplete', 'billing postal-code');
  // A Visa is valid at 13 digits, but the field moves on only at the brand's full 16.
  await element.number.pressSequentially(cards.threeDSecure.slice(0, 13));
  await expect(element.number).toBeFocused();
  await element.number.pressSequentially(cards.threeDSecure.slice(13));
  await expect(element.expiry).toBeFocused();
  await element.expiry.pressSequentially('1234');
  await expect(element.cvc).toBeFocused();
});

test('hosted Checkout, its 3-D Secure challenge and the portal: Stripe’s field names, test ids and frames', async ({ page }) => {
  test.setTimeout(240_000); // three Stripe surfaces and a subscription in one flow, on a busy machine
  const { pricing } = await newCustomerOnPricing(page, 'surface-co');
  await pricing.subscribeWithCheckout('Starter');
  const checkout = hostedCheckout(page);
  for (const field of [checkout.email, checkout.number, checkout.expiry, checkout.cvc, checkout.name, checkout.country, checkout.postalCode, checkout.submit]) {
    await expect(field).toHaveCount(1);
  }
  if (!liveTest()) {
    // Checkout for plans allows promotion codes: Stripe's page then has its `promotionCode` field too.
    expect(await names(page.locator('form input, form select'))).toEqual(['billingCountry', 'billingName', 'billingPostalCode', 'cardCvc', 'cardExpiry', 'cardNumber', 'email', 'promotionCode']);
    await expect(checkout.number).toHaveAttribute('autocomplete', 'cc-number');
    await expect(checkout.name).toHaveAttribute('autocomplete', 'cc-name');
  }
  await page.screenshot({ path: test.info().outputPath('checkout.png'), fullPage: true });

  // 3-D Secure: Stripe.js's modal frame holds the challenge in #challengeFrame.
  await checkout.pay(cards.threeDSecure, /^Subscribe/);
  const challenge = threeDSecure(page);
  await expect(challenge.complete).toBeVisible({ timeout: PAYMENT_SETTLES });
  await expect(challenge.fail).toHaveCount(1);
  await expect(page.locator(STRIPE_SELECTORS.threeDSecure.modal).last().contentFrame().locator(STRIPE_SELECTORS.threeDSecure.challenge)).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath('checkout-3ds.png'), fullPage: true });
  await challenge.answer('Complete');
  await page.waitForURL(/\/checkout\/success\?session_id=cs_/, { timeout: PAYMENT_SETTLES });

  await page.goto('/account');
  await page.getByRole('button', { name: 'Manage billing' }).click();
  const portal = customerPortal(page);
  await expect(portal.cancelSubscription).toHaveCount(1);
  await expect(portal.returnToBusiness).toHaveCount(1);
  await portal.cancelSubscription.click();
  await expect(portal.confirm).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath('portal-cancel.png'), fullPage: true });
  await portal.returnToBusiness.click();
  await page.waitForURL(/\/account$/);
});
