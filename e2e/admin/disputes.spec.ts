// A payment with the 0259 test card gets disputed: the dispute shows up for the admin, linked to
// its payment, and evidence submits to Stripe.
import { expect, test } from '@playwright/test';
import { signInAsAdmin } from '../support/accounts';
import { newCustomer, newTag, payOnce, stripeApi } from '../support/stripe';
import { openPayment, usd } from '../support/admin';

// Several Stripe objects, webhooks and page loads per test, on a busy two-core machine.
test.describe.configure({ timeout: 120_000 });

test('a disputed payment appears with its deadline, and evidence submits', async ({ page }) => {
  const stripe = stripeApi();
  const tag = newTag('dispute');
  const customer = await newCustomer(stripe, tag, 1);
  const payment = await payOnce(stripe, customer, 4200, 'pm_card_createDispute');
  const [dispute] = (await stripe.disputes.list({ payment_intent: payment.id })).data;
  expect(dispute.status).toBe('needs_response');

  await signInAsAdmin(page);
  const row = page.getByRole('table', { name: 'Disputes, open ones first' }).locator('tbody tr').filter({ hasText: customer.email! });
  await expect
    .poll(async () => {
      await page.goto('/admin/disputes');
      return row.count();
    }, { timeout: 30_000 })
    .toBe(1);
  await expect(row).toContainText(usd(4200));
  await expect(row).toContainText('Fraudulent');
  await expect(row).toContainText('Needs response');
  const due = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(dispute.evidence_details!.due_by! * 1000));
  await expect(row).toContainText(due);

  // The payment is flagged as disputed in the payments table and refusing refunds.
  await openPayment(page, payment.id);
  await expect(page.getByRole('region', { name: 'Refund', exact: true })).toContainText('This payment is disputed');
  await page.getByRole('region', { name: 'Disputes' }).getByRole('link', { name: dispute.id }).click();

  await expect(page).toHaveURL(new RegExp(`/admin/disputes/${dispute.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Dispute of ${usd(4200)}`);
  const form = page.getByRole('form', { name: 'Submit evidence' });
  await form.getByLabel('Your evidence').fill('short');
  await form.getByRole('button', { name: 'Submit evidence' }).click();
  await expect(form.getByText('Explain the case in at least a sentence or two')).toBeVisible();

  const evidence = `The customer ${customer.email} used the service for three months and contacted support about it on the 2nd.`;
  await form.getByLabel('Product or service description').fill('Pro plan, monthly');
  await form.getByLabel('Your evidence').fill(evidence);
  await form.getByRole('button', { name: 'Submit evidence' }).click();
  await expect(page.getByRole('region', { name: 'Evidence' })).toContainText('Evidence submitted once. No more changes are possible.');
  await expect(page.getByRole('region', { name: 'Evidence' })).toContainText(evidence);
  await expect(page.getByRole('region', { name: 'Summary', exact: true })).toContainText('Under review');

  const updated = await stripe.disputes.retrieve(dispute.id);
  expect(updated.status).toBe('under_review');
  expect(updated.evidence.uncategorized_text).toBe(evidence);
  expect(updated.evidence.product_description).toBe('Pro plan, monthly');
  await page.getByRole('link', { name: payment.id }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/payments/${payment.id}$`));
});
