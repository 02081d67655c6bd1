// Every admin surface — each page under app/admin, the CSV export route, and a server action posted
// straight to the server — refused to a signed-out visitor and to a customer. The action check is
// the strongest: an admin's refund request is captured on its way out (never delivered), then
// replayed byte for byte with a customer's session; Stripe must show no refund.
import { expect, test, type Request } from '@playwright/test';
import { demoUsers } from '../support/accounts';
import { accountPage, authForm } from '../support/pages';
import { stripeApi } from '../support/billing';

// The admin surfaces in app/ when this spec was written (app/admin/**/page.tsx, app/api/admin/**/route.ts).
const adminPages = [
  '/admin',
  '/admin/payments',
  '/admin/payments/pi_someone_elses',
  '/admin/customers',
  '/admin/customers/cus_someone_elses',
  '/admin/disputes',
  '/admin/disputes/dp_someone_elses',
  '/admin/revenue',
  '/admin/webhooks',
];
const adminRoutes = ['/api/admin/payments/export'];

test('signed out: every admin page sends to sign-in, every admin route answers 401', async ({ page, request }) => {
  for (const path of adminPages) {
    await page.goto(path);
    await expect(page, path).toHaveURL(new RegExp(`/sign-in\\?callbackUrl=${encodeURIComponent(path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  }
  for (const path of adminRoutes) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(401);
  }
});

test('customer: every admin page answers 403, every admin route 403', async ({ page }) => {
  await authForm(page).signIn(demoUsers.customer.email, demoUsers.customer.password);
  await accountPage(page).expectProfile(demoUsers.customer.email, 'Customer');
  for (const path of adminPages) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole('heading', { level: 1, name: 'You are not allowed to see this page' })).toBeVisible();
  }
  for (const path of adminRoutes) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(403);
    expect(await response.text()).not.toMatch(/pi_|cus_/);
  }
});

test('customer: the admin refund action, replayed with a customer session, refunds nothing', async ({ browser }) => {
  // A payment to refund, made on Stripe's side and mirrored by the app's webhook.
  const api = stripeApi();
  const victim = await api.customers.create({ email: `refund-target-${Date.now()}@example.com` });
  const payment = await api.paymentIntents.create({
    amount: 4200, currency: 'usd', customer: victim.id, payment_method: 'pm_card_visa', confirm: true,
    automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
  });

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
