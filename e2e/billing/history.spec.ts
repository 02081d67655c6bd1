// The billing history's pages: ten per page, a keyset cursor in the URL, and a cursor
// edited by hand falls back to the first page instead of an error.
import { expect, test } from '@playwright/test';
import { signUpCustomer } from '../support/accounts';
import { stripeApi } from '../support/stripe';
import { billingHistoryPage, customerFor, reloadUntil } from '../support/billing';

test.describe.configure({ timeout: 120_000 });

test('eleven payments: ten on the first page, the oldest on the next, and a bad cursor starts over', async ({ page }) => {
  const email = await signUpCustomer(page, 'history-pages');
  const history = billingHistoryPage(page);
  await history.open();
  await expect(page.getByRole('heading', { name: 'No payments yet' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('history-empty.png'), fullPage: true });

  // Opening the portal binds a Stripe customer to the account; payments are then made against it
  // directly (as an off-session charge would be).
  await page.goto('/account');
  await page.getByRole('button', { name: 'Manage billing' }).click();
  await page.waitForURL(/\/p\/session\/bps_/);
  const customer = await customerFor(email);
  for (let n = 1; n <= 11; n++) {
    await stripeApi().paymentIntents.create({
      amount: 100 * n,
      currency: 'usd',
      customer: customer.id,
      description: `Usage charge ${n}`,
      payment_method: 'pm_card_visa',
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
  }

  // Once all eleven are mirrored (webhooks), the first page is full and links to an older one.
  await history.open();
  const older = page.getByRole('link', { name: 'Older payments' });
  await reloadUntil(page, () => expect(older).toBeVisible({ timeout: 1_000 }));
  await expect(history.payments).toHaveCount(10);
  const titles = async () => Promise.all((await history.payments.all()).map(async (item) => (await item.textContent())!.match(/Usage charge \d+/)![0]));
  const onFirst = await titles();
  await page.screenshot({ path: test.info().outputPath('history-page-1.png'), fullPage: true });

  await older.click();
  await expect(page).toHaveURL(/\/account\/billing\?cursor=[\w-]+$/);
  await expect(history.payments).toHaveCount(1);
  await expect(older).toHaveCount(0);
  const onSecond = await titles();
  // Every payment exactly once across the pages: no gap, no repeat at the page boundary.
  expect(new Set([...onFirst, ...onSecond]).size).toBe(11);

  await page.getByRole('link', { name: 'Newest payments' }).click();
  await expect(history.payments).toHaveCount(10);

  for (const cursor of ['not-a-real-cursor-at-all', '<script>']) {
    await page.goto(`/account/billing?cursor=${encodeURIComponent(cursor)}`);
    await expect(page).toHaveURL(/\/account\/billing$/);
    await expect(history.payments).toHaveCount(10);
  }
});
