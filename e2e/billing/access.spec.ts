// Access follows the subscription (the gated Reports page), and one customer cannot reach another's
// Checkout sessions, payments, subscriptions or history through ids in the URL.
import { expect, test } from '@playwright/test';
import { billingHistoryPage, cards, hostedCheckout, pricingPage, reloadUntil, signUpCustomer, stripeApi, subscribeInApp, subscriptionsOf, PAYMENT_SETTLES } from '../support/billing';

// Whole purchase flows on a busy two-core machine: more than the default minute.
test.describe.configure({ timeout: 120_000 });

test('Reports: upgrade prompt without a plan or on Starter, open on Pro, closed again once canceled', async ({ page }) => {
  const email = await signUpCustomer(page, 'reports');
  const upgrade = page.getByRole('region', { name: 'Upgrade' });
  const summary = page.getByRole('region', { name: 'Spending summary' });

  await page.goto('/features/reports');
  await expect(upgrade).toContainText('You need an active Pro or Team plan');
  await expect(summary).toHaveCount(0);

  await subscribeInApp(page, 'Starter');
  await page.goto('/features/reports');
  await expect(upgrade).toContainText('Your current plan does not include reports');
  await page.screenshot({ path: test.info().outputPath('reports-locked.png'), fullPage: true });

  // Upgrade in place; Reports opens at once.
  await page.goto('/pricing');
  await pricingPage(page).plan('Pro').getByRole('link', { name: 'Switch to Pro' }).click();
  await page.getByRole('button', { name: 'Confirm switch to Pro' }).click();
  await page.waitForURL(/\/account\?updated=switched/);
  await page.goto('/features/reports');
  await expect(summary).toBeVisible();
  await expect(upgrade).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('reports-open.png'), fullPage: true });

  // Canceled outside the app (e.g. by support in the Dashboard): access ends when the webhook lands.
  const [subscription] = await subscriptionsOf(email);
  await stripeApi().subscriptions.cancel(subscription.id);
  await reloadUntil(page, () => expect(upgrade).toBeVisible({ timeout: 1_000 }));
  await expect(summary).toHaveCount(0);
});

test('a customer cannot open another customer’s Checkout session, payment or subscription', async ({ browser, page }) => {
  await signUpCustomer(page, 'owner');
  const pricing = pricingPage(page);
  await pricing.open();
  await pricing.subscribeWithCheckout('Starter');
  await hostedCheckout(page).pay(cards.visa);
  await page.waitForURL(/\/checkout\/success\?session_id=cs_/);
  const sessionId = new URL(page.url()).searchParams.get('session_id')!;
  const session = await stripeApi().checkout.sessions.retrieve(sessionId, { expand: ['subscription', 'invoice'] });
  const subscriptionId = (session.subscription as { id: string }).id;
  const invoices = await stripeApi().invoices.list({ subscription: subscriptionId });
  const paymentIntentId = (await stripeApi().invoicePayments.list({ invoice: invoices.data[0].id })).data[0].payment.payment_intent as string;

  const other = await browser.newContext();
  const intruder = await other.newPage();
  await signUpCustomer(intruder, 'intruder');
  for (const url of [
    `/checkout/success?session_id=${sessionId}`,
    `/checkout/complete?payment_intent=${paymentIntentId}`,
    `/checkout/complete?subscription=${subscriptionId}`,
    `/checkout/complete?invoice=${invoices.data[0].id}`,
  ]) {
    const response = await intruder.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(intruder.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  }
  await billingHistoryPage(intruder).open();
  await expect(intruder.getByRole('heading', { name: 'No payments yet' })).toBeVisible();
  await intruder.goto('/account');
  await expect(intruder.getByRole('region', { name: 'Plan' })).toContainText('You do not have a plan yet.');
  await other.close();

  // The owner still sees their own.
  await page.goto(`/checkout/success?session_id=${sessionId}`);
  await expect(page.getByRole('heading', { name: 'You are subscribed' })).toBeVisible({ timeout: PAYMENT_SETTLES });
});
