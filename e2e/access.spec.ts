// Who reaches what. Signing in brings a visitor back where they were going (never off the site);
// only admins get into the console: every admin page answers a customer with 403 and a signed-out
// visitor with the sign-in redirect, the admin routes answer 403/401, and every admin action refuses
// a customer or a signed-out visitor, whether submitted from a form an admin had open or replayed
// byte for byte; and one customer cannot reach another's Checkout sessions, payments, subscriptions
// or history through ids in the URL.
import { expect, test, type Locator, type Request } from '@playwright/test';
import { demoUsers, goodPassword, promotedAdminEmail, signInAsAdmin, signInAsCustomer, signUpCustomer } from './support/accounts';
import { accountPage, authForm, siteHeader } from './support/pages';
import { emulatorOnly, invoiceTheMirrorCannotStore, newCustomer, newTag, payOnce, stripeApi } from './support/stripe';
import { failingEventRows, openPayment } from './support/admin';
import { billingHistoryPage, cards, hostedCheckout, newCustomerOnPricing, pricingPage, PAYMENT_SETTLES } from './support/billing';

// The admin surfaces in app/ (app/admin/**/page.tsx, app/api/admin/**/route.ts); the ids are nobody's.
const adminPages = [
  '/admin',
  '/admin/payments',
  '/admin/payments?status=succeeded',
  '/admin/payments/pi_someone_elses',
  '/admin/customers',
  '/admin/customers/cus_someone_elses',
  '/admin/disputes',
  '/admin/disputes/dp_someone_elses',
  '/admin/revenue',
  '/admin/webhooks',
];
const adminRoutes = ['/api/admin/payments/export', '/api/admin/payments/export?status=succeeded'];

// Many page loads per test, each rendering a full page on a busy two-core machine.
test.describe.configure({ timeout: 180_000 });

test('a signed-out visitor to /account signs in and comes back to it', async ({ page }) => {
  await page.goto('/account');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount$/);
  await authForm(page).submitSignIn(demoUsers.customer.email, demoUsers.customer.password);
  await accountPage(page).expectProfile(demoUsers.customer.email, 'Customer');
});

test('sign-in never redirects off the site', async ({ page }) => {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent('https://evil.example/phish')}`);
  await authForm(page).submitSignIn(demoUsers.customer.email, demoUsers.customer.password);
  await accountPage(page).expectProfile(demoUsers.customer.email, 'Customer');
});

test('the seeded admin sees the admin console', async ({ page }) => {
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin$/);
  await authForm(page).submitSignIn(demoUsers.admin.email, demoUsers.admin.password);
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Admin console' })).toBeVisible();
  await expect(siteHeader(page).adminLink).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('definition').first()).toHaveText(/^\d+$/);
  await page.getByRole('link', { name: 'Account' }).click();
  await accountPage(page).expectProfile(demoUsers.admin.email, 'Admin');
  await siteHeader(page).adminLink.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Admin console' })).toBeVisible();
});

test('an email listed in ADMIN_EMAILS becomes admin when it signs in', async ({ page }) => {
  await authForm(page).signUp(promotedAdminEmail, goodPassword);
  await accountPage(page).expectProfile(promotedAdminEmail, 'Admin');
  await siteHeader(page).adminLink.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Admin console' })).toBeVisible();
});

test('signed out: every admin page sends to sign-in and back, every admin route answers 401', async ({ page, request }) => {
  for (const path of adminPages) {
    await page.goto(path);
    await expect(page, path).toHaveURL(new RegExp(`/sign-in\\?callbackUrl=${encodeURIComponent(path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  }
  for (const path of adminRoutes) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(401);
  }
});

test('customer: every admin page answers 403 in place (no redirect, no console), every admin route 403', async ({ page }) => {
  await authForm(page).signIn(demoUsers.customer.email, demoUsers.customer.password);
  await accountPage(page).expectProfile(demoUsers.customer.email, 'Customer');
  await expect(siteHeader(page).adminLink).toHaveCount(0);
  for (const path of adminPages) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    expect(new URL(page.url()).pathname + new URL(page.url()).search, path).toBe(path);
    await expect(page.getByRole('heading', { level: 1, name: 'You are not allowed to see this page' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Admin console' })).toHaveCount(0);
    await expect(page.getByRole('navigation', { name: 'Admin sections' })).toHaveCount(0);
  }
  for (const path of adminRoutes) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(403);
    const body = await response.text();
    expect(body).not.toContain('payment_id');
    expect(body).not.toMatch(/pi_|cus_/);
  }
});

/** Opens each admin form, then changes who is signed in (same browser), then submits the stale forms. */
test('admin actions submitted from an admin’s open forms refuse a customer and a signed-out visitor', async ({ page, context }) => {
  test.setTimeout(300_000); // six tabs, three kinds of Stripe objects and fourteen form submissions
  emulatorOnly('its Retry form needs a failing event: an invoice line quantity beyond bigint, which only the emulator accepts');
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

test('the admin refund action, replayed byte for byte with a customer session or none, refunds nothing', async ({ browser }) => {
  // A payment to refund, made on Stripe's side and mirrored by the app's webhook.
  const api = stripeApi();
  const victim = await api.customers.create({ email: `refund-target-${Date.now()}@example.com` });
  const payment = await payOnce(api, victim, 4200);

  // The admin submits a refund whose request the browser never delivers (aborted on its way out),
  // so nothing is refunded, yet the request is captured: the action id and its encoded form.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await authForm(admin).signIn(demoUsers.admin.email, demoUsers.admin.password);
  await accountPage(admin).expectProfile(demoUsers.admin.email, 'Admin');
  await expect(async () => {
    const response = await admin.goto(`/admin/payments/${payment.id}`);
    expect(response?.status()).toBe(200);
    await expect(admin.getByRole('form', { name: 'Refund this payment' })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  const form = admin.getByRole('form', { name: 'Refund this payment' });
  await form.getByLabel(/^Amount/).fill('10.00');
  await form.getByRole('button', { name: 'Review refund' }).click();
  const captured = new Promise<Request>((resolve) =>
    admin.route('**/*', (route) => {
      const request = route.request();
      if (request.method() !== 'POST' || !request.headers()['next-action']) return route.continue();
      resolve(request);
      return route.abort();
    }),
  );
  await form.getByRole('button', { name: 'Confirm refund' }).click();
  const request = await captured;
  const body = request.postData() ?? '';
  expect(body).toContain('10.00');
  const headers = await request.allHeaders();
  await adminContext.close();

  // The same request, with a refundable amount, from a signed-in customer.
  const customerContext = await browser.newContext();
  const customer = await customerContext.newPage();
  await authForm(customer).signIn(demoUsers.customer.email, demoUsers.customer.password);
  await accountPage(customer).expectProfile(demoUsers.customer.email, 'Customer');
  const replay = await customer.request.post(request.url(), {
    headers: { 'next-action': headers['next-action']!, 'content-type': headers['content-type']!, accept: headers.accept ?? 'text/x-component' },
    data: Buffer.from(body),
    maxRedirects: 0,
  });
  expect(replay.status()).toBeLessThan(500);
  expect(await replay.text()).toContain('You are not allowed to do that.');
  // And signed out.
  const anonymous = await browser.newContext();
  const signedOut = await anonymous.request.post(request.url(), {
    headers: { 'next-action': headers['next-action']!, 'content-type': headers['content-type']!, accept: headers.accept ?? 'text/x-component' },
    data: Buffer.from(body),
    maxRedirects: 0,
  });
  // Signed out, proxy.ts sends the request to sign-in before any action code runs.
  expect(signedOut.status()).toBe(307);
  expect(signedOut.headers().location).toMatch(/^\/sign-in\?callbackUrl=/);
  await customerContext.close();
  await anonymous.close();

  expect((await api.refunds.list({ payment_intent: payment.id })).data).toEqual([]);
});

test('a customer cannot open another customer’s Checkout session, payment or subscription', async ({ browser, page }) => {
  const { pricing } = await newCustomerOnPricing(page, 'owner');
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
