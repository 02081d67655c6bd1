// Nobody but an admin gets into the console: every admin page answers a customer with 403 and a
// signed-out visitor with the sign-in redirect; the CSV route answers 403/401; and every admin
// action (refund, evidence, reconcile, retry), submitted from a form an admin had open, refuses to
// act for a customer or after sign-out.
import { expect, test, type Locator } from '@playwright/test';
import { siteHeader } from '../support/pages';
import { failingEventRows, invoiceTheMirrorCannotStore, newCustomer, newTag, openPayment, payOnce, signInAsAdmin, signInAsCustomer, stripeApi } from './support';

const pages = [
  '/admin',
  '/admin/payments',
  '/admin/payments?status=succeeded',
  '/admin/payments/pi_123',
  '/admin/disputes',
  '/admin/disputes/dp_123',
  '/admin/customers',
  '/admin/customers/cus_123',
  '/admin/revenue',
  '/admin/webhooks',
];
const routes = ['/api/admin/payments/export', '/api/admin/payments/export?status=succeeded'];

// Many page loads per test, each rendering a full page on a busy two-core machine.
test.describe.configure({ timeout: 180_000 });

test('a customer gets 403 on every admin page and route', async ({ page }) => {
  await signInAsCustomer(page);
  for (const path of pages) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole('heading', { level: 1, name: 'You are not allowed to see this page' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Admin sections' })).toHaveCount(0);
  }
  for (const path of routes) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(403);
    expect(await response.text()).not.toContain('payment_id');
  }
});

test('a signed-out visitor is sent to sign in from every admin page, and gets 401 from routes', async ({ page }) => {
  for (const path of pages) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/sign-in\?callbackUrl=/);
  }
  for (const path of routes) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(401);
  }
});

/** Opens each admin form, then changes who is signed in (same browser), then submits the stale forms. */
test('admin actions refuse a customer and a signed-out visitor', async ({ page, context }) => {
  test.setTimeout(300_000); // six tabs, three kinds of Stripe objects and fourteen form submissions
  const stripe = stripeApi();
  const tag = newTag('access');
  const customer = await newCustomer(stripe, tag, 1);
  const payment = await payOnce(stripe, customer, 3000);
  const disputed = await payOnce(stripe, customer, 2000, 'pm_card_createDispute');
  const [dispute] = (await stripe.disputes.list({ payment_intent: disputed.id })).data;
  const failing = await invoiceTheMirrorCannotStore(stripe, customer, tag);

  await signInAsAdmin(page);
  await openPayment(page, payment.id);
  const refundPage = page;
  const evidencePage = await context.newPage();
  await expect
    .poll(async () => (await evidencePage.goto(`/admin/disputes/${dispute.id}`))?.status(), { timeout: 30_000 })
    .toBe(200);
  const reconcilePage = await context.newPage();
  await reconcilePage.goto('/admin/webhooks');
  const retryPage = await context.newPage();
  const failingRows = await failingEventRows(retryPage, failing.invoice.id);

  /** Submits every admin form in the admin's tabs; `outcome` checks what each tab shows afterwards. */
  async function submitAll(outcome: (form: Locator) => Promise<void>) {
    const refund = refundPage.getByRole('region', { name: 'Refund', exact: true });
    await refund.getByLabel(/Amount/).fill('10');
    await refund.getByRole('button', { name: 'Review refund' }).click();
    await refund.getByRole('button', { name: 'Confirm refund' }).click();
    await outcome(refund);

    const evidence = evidencePage.getByRole('form', { name: 'Submit evidence' });
    await evidence.getByLabel('Your evidence').fill('This evidence must never reach Stripe from a non-admin.');
    await evidence.getByRole('button', { name: 'Submit evidence' }).click();
    await outcome(evidence);

    const reconcile = reconcilePage.getByRole('form', { name: 'Reconcile now' });
    await reconcile.getByRole('button', { name: 'Reconcile now' }).click();
    await outcome(reconcile);

    const retry = failingRows.first();
    await retry.getByRole('button', { name: 'Retry' }).click();
    await outcome(retry);
  }

  // Same browser, another tab: sign in as a customer. The admin's tabs keep their forms, and the
  // actions answer with a refusal.
  const switcher = await context.newPage();
  await switcher.goto('/account');
  await siteHeader(switcher).signOut();
  await signInAsCustomer(switcher);
  await submitAll((form) => expect(form.getByRole('alert')).toHaveText('You are not allowed to do that.'));

  // Signed out, the same submissions never reach the actions' bodies (the proxy answers a signed-out
  // POST to /admin with the sign-in redirect, which the forms cannot use: no success is ever shown).
  await siteHeader(switcher).signOut();
  await submitAll(async (form) => {
    const page = form.page();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Something went wrong|Sign in/);
    await expect(page.getByRole('status')).toHaveCount(0);
  });

  expect((await stripe.refunds.list({ payment_intent: payment.id })).data).toHaveLength(0);
  const untouched = await stripe.disputes.retrieve(dispute.id);
  expect(untouched.status).toBe('needs_response');
  expect(untouched.evidence.uncategorized_text).toBeNull();
  await failing.fix(); // leave the shared stack healthy: the sweeper's next retry now succeeds
});
