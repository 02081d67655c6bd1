// Usage-based billing end to end: reports generated on /features/reports are recorded through the
// outbox, shown on the usage page, sent to Stripe's meter, billed on the renewal invoice once the
// period ends, and the billing history shows the usage line with its quantity.
import { expect, test } from '@playwright/test';
import { signInAsAdmin, signUpCustomer } from '../support/accounts';
import { tableRows } from '../support/admin';
import { advanceClock, stripeApi } from '../support/stripe';
import { billingHistoryPage, customerFor, meteredItemOf, meteredUsage, reloadUntil, reportsPage, subscribeInApp, subscriptionsOf, usagePage, PAYMENT_SETTLES } from '../support/billing';

test.describe.configure({ timeout: 180_000 });

test('reports generated this period are billed on the renewal invoice and shown in the history', async ({ page, browser }) => {
  const email = await signUpCustomer(page, 'usage');
  await subscribeInApp(page, 'Team');
  const [subscription] = await subscriptionsOf(email);
  const item = meteredItemOf(subscription!);
  expect(item, 'Team carries the metered Reports item').toBeDefined();
  const customer = await customerFor(email);

  const reports = reportsPage(page);
  await reports.open();
  for (let i = 0; i < 3; i++) await reports.generate();
  await expect(reports.recent).toHaveCount(3);

  const usage = usagePage(page);
  await usage.open();
  await expect(usage.stat('Reports generated')).toContainText('3');
  await expect(usage.stat('Included in your plan')).toContainText('100');
  await expect(usage.stat('Will be billed')).toContainText('$0.00');
  await expect(usage.chart).toBeVisible();
  await expect(usage.byDay).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath('usage-page.png'), fullPage: true });

  // The outbox sends in the background; Stripe's meter counts each report once.
  await expect.poll(() => meteredUsage(customer.id, item!), { timeout: 30_000 }).toBe(3);

  // The admin sees the customer's usage, and Stripe's meter agrees with what was sent.
  const admin = await (await browser.newContext()).newPage();
  await signInAsAdmin(admin);
  await admin.goto('/admin/usage');
  await admin.getByRole('button', { name: 'Check against Stripe' }).click();
  await expect(admin.getByRole('status')).toContainText('Stripe counted exactly what was sent');
  const usageTable = admin.getByRole('table', { name: 'Usage per customer this period' });
  const row = (await tableRows(usageTable)).find((r) => r.customer === email);
  expect(row).toMatchObject({ reports: '3', 'not yet sent': '0', 'to bill': '$0.00', 'stripe counted': '3', drift: '0' });
  await admin.screenshot({ path: test.info().outputPath('admin-usage.png'), fullPage: true });
  await admin.context().close();

  // The period ends: the renewal invoice bills the period's usage in arrears.
  await advanceClock(customer.id, item!.current_period_end + 3_600);
  await expect
    .poll(async () => {
      const invoices = await stripeApi().invoices.list({ customer: customer.id, limit: 10 });
      return invoices.data.find((invoice) => invoice.billing_reason === 'subscription_cycle')?.status ?? null;
    }, { timeout: 30_000 })
    .toBe('paid');
  const [cycle] = (await stripeApi().invoices.list({ customer: customer.id, limit: 10 })).data.filter((invoice) => invoice.billing_reason === 'subscription_cycle');
  const usageLine = cycle!.lines.data.find((line) => line.pricing?.price_details?.price === item!.price.id);
  expect(usageLine).toMatchObject({ quantity: 3, amount: 0, period: { start: item!.current_period_start, end: item!.current_period_end } });

  const history = billingHistoryPage(page);
  await history.open();
  await reloadUntil(page, () => expect(history.payments).toHaveCount(2, { timeout: 1_000 }), PAYMENT_SETTLES);
  await expect(history.payments.first()).toContainText('Reports generated × 3');
  await page.screenshot({ path: test.info().outputPath('history-usage-line.png'), fullPage: true });

  // The new period starts empty.
  await usage.open();
  await expect(usage.stat('Reports generated')).toContainText('0');
});
