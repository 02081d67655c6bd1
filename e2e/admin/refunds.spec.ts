// Refunds from the payment detail page: partial then full, a third refused (from a form opened
// before the full refund), and a double submission that refunds once.
import { expect, test, type Page } from '@playwright/test';
import { signInAsAdmin } from '../support/accounts';
import { newCustomer, newTag, payOnce, stripeApi } from '../support/stripe';
import { openPayment, refundPanel } from '../support/admin';

const summaryValue = (page: Page, label: string) =>
  page.getByRole('region', { name: 'Summary' }).getByRole('term').filter({ hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd');

// Several Stripe objects, webhooks and page loads per test, on a busy two-core machine.
test.describe.configure({ timeout: 120_000 });

test('a partial refund, then the rest, then a third refund is refused', async ({ page, context }) => {
  const stripe = stripeApi();
  const customer = await newCustomer(stripe, newTag('refund'), 1);
  const payment = await payOnce(stripe, customer, 5000);
  await signInAsAdmin(page);
  await openPayment(page, payment.id);

  // A second tab opened now keeps a refund form from before any refund.
  const stale = await context.newPage();
  await stale.goto(`/admin/payments/${payment.id}`);

  const refund = refundPanel(page);
  await expect(refund.panel.getByLabel(/Amount/)).toHaveValue('');
  await expect(refund.panel).toContainText('Up to $50.00.');
  // Checked before the confirmation: more than is refundable, and a comma that must not mean 1,250.
  await refund.refuse('60', 'Only $50.00 can still be refunded on this payment.');
  await refund.refuse('12,50', 'Use a point for decimals and no commas, like 12.50.');
  await refund.review('20');
  await expect(refund.panel).toContainText('Refund $20.00 to Visa •••• 4242?');
  await refund.confirm();
  await expect(refund.message()).toHaveText('Refunded $20.00.');
  await expect(summaryValue(page, 'Refunded')).toHaveText('$20.00');
  await expect(summaryValue(page, 'Still refundable')).toHaveText('$30.00');
  await expect(page.getByRole('table', { name: 'Refunds of this payment' }).locator('tbody tr')).toHaveCount(1);
  // The next refund starts empty, with what is left as the hint.
  await expect(refund.panel.getByLabel(/Amount/)).toHaveValue('');
  await expect(refund.panel).toContainText('Up to $30.00.');

  await refund.review('30.00', 'Duplicate payment');
  await refund.confirm();
  await expect(refund.message()).toHaveText('Refunded $30.00.');
  await expect(refund.panel).toContainText('This payment has been fully refunded.');
  await expect(summaryValue(page, 'Still refundable')).toHaveText('$0.00');
  await expect(page.getByRole('main').getByText('Refunded', { exact: true }).first()).toBeVisible();

  const staleRefund = refundPanel(stale);
  await staleRefund.review('5');
  await staleRefund.confirm();
  await expect(staleRefund.message()).toHaveText('This payment has already been fully refunded.');

  const refunds = await stripe.refunds.list({ payment_intent: payment.id });
  expect(refunds.data.map((r) => [r.amount, r.reason]).sort()).toEqual([
    [2000, 'requested_by_customer'],
    [3000, 'duplicate'],
  ]);
});

test('submitting the confirmed refund twice refunds once', async ({ page }) => {
  const stripe = stripeApi();
  const customer = await newCustomer(stripe, newTag('double'), 1);
  const payment = await payOnce(stripe, customer, 4000);
  await signInAsAdmin(page);
  await openPayment(page, payment.id);

  const refund = refundPanel(page);
  await refund.review('10');
  // Two submissions of the same confirmed form before the first answer (what a double click or a
  // retried request sends): both carry the form's attempt key.
  await refund.panel.locator('form').evaluate((form: HTMLFormElement) => {
    form.requestSubmit();
    form.requestSubmit();
  });
  await expect(refund.message()).toHaveText(/^(Refunded \$10\.00\.|This refund of \$10\.00 was already made; nothing more was refunded\.)$/);
  await expect(summaryValue(page, 'Refunded')).toHaveText('$10.00');
  await expect(page.getByRole('table', { name: 'Refunds of this payment' }).locator('tbody tr')).toHaveCount(1);
  expect((await stripe.refunds.list({ payment_intent: payment.id })).data.map((r) => r.amount)).toEqual([1000]);

  // A real double click on the button: still one more refund only.
  await refund.review('5');
  await refund.panel.getByRole('button', { name: 'Confirm refund' }).dblclick();
  await expect(summaryValue(page, 'Refunded')).toHaveText('$15.00');
  expect((await stripe.refunds.list({ payment_intent: payment.id })).data.map((r) => r.amount).sort()).toEqual([1000, 500]);
});
