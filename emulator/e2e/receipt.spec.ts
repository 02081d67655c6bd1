// A charge's receipt_url: the payment, its card, and refunds made since.
import { expect, test } from '@playwright/test';
import { stripe } from './support.js';

test('the receipt shows the amount, the card and a partial refund', async ({ page }) => {
  const pi = await stripe.paymentIntents.create({
    amount: 2000,
    currency: 'usd',
    payment_method: 'pm_card_visa',
    confirm: true,
    description: 'Support pack',
    receipt_email: 'receipt@example.com',
    automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
  });
  await stripe.refunds.create({ payment_intent: pi.id, amount: 500 });
  const charge = await stripe.charges.retrieve(pi.latest_charge as string);

  await page.goto(charge.receipt_url!);
  await expect(page.getByRole('heading', { name: 'Receipt from Paydesk' })).toBeVisible();
  await expect(page.getByText('Support pack · receipt@example.com')).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: '$20.00' })).toBeVisible();
  await expect(page.getByText('Visa •••• 4242')).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: '$5.00' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('receipt.png'), fullPage: true });
});
