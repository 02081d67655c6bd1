// Promotion codes as a customer and an admin meet them: a code checked in the in-app form before
// paying (a clear message for a bad one, the discount in the summary), one typed on hosted
// Checkout, the discount on the invoice lines in the billing history and the admin's payment page,
// the revenue page's discounts, and an admin creating a code that then works at checkout.
import { expect, test } from '@playwright/test';
import { signInAsAdmin } from '../support/accounts';
import { openPayment } from '../support/admin';
import { billingHistoryPage, cards, hostedCheckout, newCustomerOnPricing, paymentForm, reloadUntil, subscriptionsOf, PAYMENT_SETTLES } from '../support/billing';
import { checkoutPromotionCode, inAppPromotionCode, newPromotionCode } from '../support/promotions';
import { stripeApi } from '../support/stripe';

test.describe.configure({ timeout: 150_000 });

test('in the app: a bad code is named, a good one shows in the summary, is paid, and shows on the invoice', async ({ page }) => {
  const quarter = await newPromotionCode('quarter', { percent_off: 25, duration: 'repeating', duration_in_months: 3 });
  const spent = await newPromotionCode('spent', { percent_off: 50 });
  await stripeApi().promotionCodes.update(spent.id, { active: false });
  const big = await newPromotionCode('big', { amount_off: 500, currency: 'usd' }, { restrictions: { minimum_amount: 5000, minimum_amount_currency: 'usd' } });

  const { email, pricing } = await newCustomerOnPricing(page, 'promo-app');
  await pricing.payInApp('Starter');
  const code = inAppPromotionCode(page);
  await expect(code.dueToday).toHaveText('$9.00');

  await code.apply('NOT-A-CODE');
  await expect(code.error).toHaveText('“NOT-A-CODE” is not a valid code. Check it and try again.');
  await code.apply(spent.code);
  await expect(code.error).toContainText('is not a valid code');
  await code.apply(big.code);
  await expect(code.error).toHaveText(`The code ${big.code} needs a purchase of at least $50.00.`);
  await page.screenshot({ path: test.info().outputPath('code-refused.png'), fullPage: true });

  await code.apply(quarter.code.toLowerCase());
  await expect(code.discount).toContainText(quarter.code);
  await expect(code.discount).toContainText('25% off for 3 months');
  await expect(code.discount).toContainText('−$2.25');
  await expect(code.dueToday).toHaveText('$6.75');
  await expect(paymentForm(page).submit).toHaveText('Pay $6.75');
  await page.screenshot({ path: test.info().outputPath('code-applied.png'), fullPage: true });

  await paymentForm(page).pay(cards.visa);
  await expect(page.getByRole('heading', { name: 'You are subscribed' })).toBeVisible({ timeout: PAYMENT_SETTLES });
  const [subscription] = await subscriptionsOf(email);
  const invoice = await stripeApi().invoices.retrieve(subscription!.latest_invoice as string);
  expect(invoice).toMatchObject({ subtotal: 900, total: 675, amount_paid: 675 });

  const history = billingHistoryPage(page);
  await history.open();
  const payment = history.payments.filter({ hasText: `Invoice ${invoice.number}` });
  await reloadUntil(page, () => expect(payment).toHaveCount(1, { timeout: 1_000 }));
  await expect(payment).toContainText(`Paid $6.75 on ${invoice.number}`);
  await expect(payment.getByRole('list', { name: 'Items' }).getByRole('listitem')).toHaveText([/^Starter.*\$9\.00$/, 'Discount−$2.25']);
  await page.screenshot({ path: test.info().outputPath('history-discount.png'), fullPage: true });

  // The hosted invoice names the code and what it took off.
  await page.goto(invoice.hosted_invoice_url!);
  await expect(page.getByRole('main')).toContainText(`${quarter.code} (25% off)`);
  await expect(page.getByRole('main')).toContainText('−$2.25');
  await page.screenshot({ path: test.info().outputPath('hosted-invoice-discount.png'), fullPage: true });

  // The admin's payment page shows the same discount on the invoice lines.
  const paymentIntentId = (await stripeApi().invoicePayments.list({ invoice: invoice.id! })).data[0]!.payment.payment_intent as string;
  await page.context().clearCookies();
  await signInAsAdmin(page);
  await openPayment(page, paymentIntentId);
  await expect(page.getByRole('list', { name: `Lines of invoice ${invoice.number}` })).toContainText('Discount−$2.25');
  await page.screenshot({ path: test.info().outputPath('admin-payment-discount.png'), fullPage: true });
  // The range holds the invoice's day: the customer's test clock froze when it was created, which
  // need not be today's date by the time the spec looks (a run across midnight).
  const paidOn = new Date(invoice.status_transitions.paid_at! * 1000).toISOString().slice(0, 10);
  await page.goto(`/admin/revenue?from=${paidOn}&to=${paidOn}&granularity=day`);
  await expect(page.locator('dl[aria-label="Revenue summary"] dt:text-is("Discounts") + dd')).not.toHaveText('$0.00');
});

test('on hosted Checkout: the customer types a code and pays the discounted total', async ({ page }) => {
  const five = await newPromotionCode('five', { amount_off: 500, currency: 'usd', duration: 'once', name: 'Five off' });
  const { email, pricing } = await newCustomerOnPricing(page, 'promo-checkout');
  await pricing.subscribeWithCheckout('Starter');
  const code = checkoutPromotionCode(page);
  await expect(code.totalDue).toHaveText('$9.00');
  await code.apply('WRONG');
  await expect(code.error).toHaveText('This code is invalid.');
  await code.apply(five.code);
  await expect(code.applied).toContainText(five.code);
  await expect(code.applied).toContainText('−$5.00');
  await expect(code.totalDue).toHaveText('$4.00');
  await page.screenshot({ path: test.info().outputPath('checkout-code-applied.png'), fullPage: true });
  await hostedCheckout(page).pay(cards.visa);
  await expect(page.getByRole('heading', { name: 'You are subscribed' })).toBeVisible({ timeout: PAYMENT_SETTLES });
  await expect(page.getByRole('main')).toContainText('$4.00');

  const [subscription] = await subscriptionsOf(email);
  const invoice = await stripeApi().invoices.retrieve(subscription!.latest_invoice as string);
  expect(invoice).toMatchObject({ subtotal: 900, total: 400, amount_paid: 400 });
  const history = billingHistoryPage(page);
  await history.open();
  const payment = history.payments.filter({ hasText: `Invoice ${invoice.number}` });
  await reloadUntil(page, () => expect(payment).toContainText('Discount−$5.00', { timeout: 1_000 }));
});

test('an admin creates a code, sees it listed, and a customer can use it', async ({ page }) => {
  const code = `ADMIN${Date.now().toString(36).toUpperCase()}`;
  await signInAsAdmin(page);
  await page.goto('/admin/promotions');
  const form = page.getByRole('form', { name: 'New promotion code' });
  await form.getByLabel('Code', { exact: true }).fill('x');
  await form.getByRole('textbox', { name: 'Percent off' }).fill('150');
  await form.getByRole('button', { name: 'Create promotion code' }).click();
  await expect(form).toContainText('Codes are at least 3 characters.');
  await expect(form).toContainText('Enter a percentage above 0 and at most 100');
  await page.screenshot({ path: test.info().outputPath('admin-form-errors.png'), fullPage: true });

  await form.getByLabel('Code', { exact: true }).fill(code);
  await form.getByLabel('Name (optional)').fill('Admin test');
  await form.getByRole('textbox', { name: 'Percent off' }).fill('10');
  await form.getByLabel('Applies to').selectOption('repeating');
  await form.getByLabel('Months').fill('6');
  await form.getByLabel('Max redemptions (optional)').fill('5');
  await form.getByRole('button', { name: 'Create promotion code' }).click();
  await expect(form.getByRole('status')).toHaveText(`Created ${code}: 10% off for 6 months.`);
  const row = page.getByRole('table', { name: 'Promotion codes, newest first' }).getByRole('row', { name: new RegExp(code) });
  await expect(row).toContainText('10% off for 6 months');
  await expect(row).toContainText('0 of 5');
  await expect(row).toContainText('Active');
  await page.screenshot({ path: test.info().outputPath('admin-promotions.png'), fullPage: true });

  await page.context().clearCookies();
  const { pricing } = await newCustomerOnPricing(page, 'promo-admin');
  await pricing.payInApp('Starter');
  const field = inAppPromotionCode(page);
  await field.apply(code);
  await expect(field.dueToday).toHaveText('$8.10');
});
