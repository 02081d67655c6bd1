// Webhook health: an event the mirror cannot store shows up as failing with the database's error,
// and once the cause is fixed in Stripe, the admin's Retry processes it.
// The failure is real, not simulated: see invoiceTheMirrorCannotStore in ./support.
import { expect, test } from '@playwright/test';
import { signInAsAdmin } from '../support/accounts';
import { emulatorOnly, invoiceTheMirrorCannotStore, newCustomer, newTag, stripeApi } from '../support/stripe';
import { failingEventRows } from '../support/admin';

// Several Stripe objects, webhooks and page loads per test, on a busy two-core machine.
test.describe.configure({ timeout: 120_000 });
emulatorOnly('the failing event comes from an invoice line quantity beyond bigint, which only the emulator accepts (Stripe refuses it)');

test('a failing event shows with its error, and Retry fixes it once the cause is gone', async ({ page }) => {
  const stripe = stripeApi();
  const tag = newTag('hook');
  const customer = await newCustomer(stripe, tag, 1);
  const { invoice, fix } = await invoiceTheMirrorCannotStore(stripe, customer, tag);

  await signInAsAdmin(page);
  const rows = await failingEventRows(page, invoice.id);
  await expect(rows.first()).toContainText('invoice.updated');
  await expect(rows.first()).toContainText(/out of range for type bigint/);
  await expect(page.locator('dl[aria-label="Inbox counts"] dt:text-is("Pending") + dd')).not.toHaveText('0');

  // Let the automatic retries back off (5 s, 10 s, 20 s, then 40 s) so that what fixes the event
  // below is the admin's Retry, not the sweeper.
  const attempts = rows.locator('td:nth-child(3)');
  await expect
    .poll(
      async () => {
        await page.reload();
        return Math.min(...(await attempts.allInnerTexts()).map(Number));
      },
      { timeout: 60_000, intervals: [2000] },
    )
    .toBeGreaterThanOrEqual(4);

  await fix(); // remove the bad line from the draft in Stripe
  const count = await rows.count();
  for (let left = count; left > 0; left--) {
    await rows.first().getByRole('button', { name: 'Retry' }).click();
    await expect(rows).toHaveCount(left - 1, { timeout: 20_000 });
  }
  await page.reload();
  await expect(rows).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Last event received' })).toContainText(/evt_/);
});
