// Every hosted page, and the Payment Element inside a merchant page, passes axe's WCAG 2 A/AA rules.
import { expect, test } from '@playwright/test';
import { accessibilityViolations } from './accessibility.js';
import { TEST_PAGE_URL } from './ports.js';
import { stripe } from './support.js';
import { customerPortal, hostedCheckout, paymentElement } from '../../e2e/support/stripe-surfaces.js';

async function subscribedCustomer() {
  const price = await stripe.prices.create({ currency: 'usd', unit_amount: 1200, recurring: { interval: 'month' }, product_data: { name: 'Pro' } });
  const customer = await stripe.customers.create({ email: 'a11y@example.com', name: 'Access Ible' });
  const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
  await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
  const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], default_payment_method: pm.id });
  return { price, customer, subscription };
}

test('the Payment Element on a merchant page', async ({ page }) => {
  await page.goto('/?flow=payment');
  await expect(page.getByRole('button', { name: 'Pay' })).toBeEnabled();
  expect(await accessibilityViolations(page)).toEqual([]);
});

test('hosted Checkout', async ({ page }) => {
  const { price } = await subscribedCustomer();
  const session = await stripe.checkout.sessions.create({ mode: 'subscription', line_items: [{ price: price.id, quantity: 2 }], success_url: `${TEST_PAGE_URL}/merchant/success`, cancel_url: `${TEST_PAGE_URL}/merchant/cancel` });
  await page.goto(session.url!);
  await expect(hostedCheckout(page).number).toBeVisible();
  expect(await accessibilityViolations(page)).toEqual([]);
});

test('the customer portal and its card form', async ({ page }) => {
  const { customer } = await subscribedCustomer();
  const session = await stripe.billingPortal.sessions.create({ customer: customer.id, return_url: `${TEST_PAGE_URL}/merchant/account` });
  await page.goto(session.url);
  expect(await accessibilityViolations(page)).toEqual([]);
  await customerPortal(page).cancelSubscription.click();
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.goto(`${session.url}/payment-method`);
  await expect(paymentElement(page).number).toBeVisible();
  expect(await accessibilityViolations(page)).toEqual([]);
});

test('the hosted invoice, the receipt and the 3-D Secure challenge', async ({ page }) => {
  const { subscription } = await subscribedCustomer();
  const invoice = await stripe.invoices.retrieve(subscription.latest_invoice as string);
  await page.goto(invoice.hosted_invoice_url!);
  expect(await accessibilityViolations(page)).toEqual([]);

  const pi = await stripe.paymentIntents.retrieve((await stripe.invoicePayments.list({ invoice: invoice.id })).data[0]!.payment.payment_intent as string);
  const charge = await stripe.charges.retrieve(pi.latest_charge as string);
  await page.goto(charge.receipt_url!);
  expect(await accessibilityViolations(page)).toEqual([]);

  const challenge = await stripe.paymentIntents.create({
    amount: 1000,
    currency: 'usd',
    payment_method: 'pm_card_threeDSecure2Required',
    confirm: true,
    return_url: `${TEST_PAGE_URL}/return`,
    automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
  });
  await page.goto(challenge.next_action!.redirect_to_url!.url!);
  expect(await accessibilityViolations(page)).toEqual([]);
});
