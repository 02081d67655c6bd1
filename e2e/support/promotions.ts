// Promotion codes and plan changes for the specs: codes made in Stripe (unique per test), the
// in-app form's code field, hosted Checkout's "Add promotion code" (named as Stripe's page names
// it), and the account page's scheduled plan change.
import { expect, type Page } from '@playwright/test';
import type Stripe from 'stripe';
import { newTag, stripeApi } from './stripe';
import { STRIPE_SELECTORS } from './stripe-surfaces';

/** A promotion code (unique: specs share one emulator) for a new coupon. */
export async function newPromotionCode(label: string, coupon: Stripe.CouponCreateParams, extra: Partial<Stripe.PromotionCodeCreateParams> = {}): Promise<Stripe.PromotionCode> {
  const stripe = stripeApi();
  const created = await stripe.coupons.create(coupon);
  return stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: created.id }, code: newTag(label).toUpperCase(), ...extra });
}

/** The code field in the in-app payment page's summary. */
export function inAppPromotionCode(page: Page) {
  const summary = page.getByRole('region', { name: 'Summary' });
  return {
    summary,
    discount: summary.getByTestId('discount-line'),
    dueToday: summary.getByTestId('due-today'),
    error: summary.locator('#promotion-code-error'),
    async apply(code: string) {
      await summary.getByLabel('Promotion code').fill(code);
      await summary.getByRole('button', { name: 'Apply' }).click();
    },
    remove: () => summary.getByRole('button', { name: 'Remove code' }).click(),
  };
}

/**
 * Stripe's hosted Checkout promotion code entry (`allow_promotion_codes`): the field by Stripe's id;
 * what shows the applied code, its error and the total are the emulator's test ids.
 */
export function checkoutPromotionCode(page: Page) {
  const field = page.locator(STRIPE_SELECTORS.checkout.promotionCode);
  return {
    field,
    applied: page.getByTestId('promotion-applied'),
    error: page.locator('#promotion-code-error'),
    totalDue: page.getByTestId('total-due'),
    async apply(code: string) {
      await field.fill(code);
      await page.getByRole('button', { name: 'Apply' }).click();
    },
  };
}

/** The account page's waiting plan change ("Changes to Starter on Jan 3"). */
export function scheduledPlanChange(page: Page) {
  const change = page.getByRole('status', { name: 'Scheduled plan change' });
  return {
    change,
    text: change.getByTestId('scheduled-change'),
    async cancel(keep: string) {
      await change.getByRole('button', { name: `Keep ${keep}` }).click();
      await page.waitForURL(/\/account\?updated=change-canceled/);
      await expect(change).toHaveCount(0);
    },
  };
}
