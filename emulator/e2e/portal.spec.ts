// The hosted customer portal: what it shows, and cancel / renew / switch plan / update card, each
// checked in the API and its events.
import { expect, test } from '@playwright/test';
import type Stripe from 'stripe';
import { TEST_PAGE_URL } from './ports.js';
import { eventTypesFor, stripe } from './support.js';
import { customerPortal, paymentElement } from '../../e2e/support/stripe-surfaces.js';

const RETURN_URL = `${TEST_PAGE_URL}/merchant/account`;

interface Fixture {
  customer: Stripe.Customer;
  subscription: Stripe.Subscription;
  team: Stripe.Price;
  url: string;
}

/** A paying customer on Pro ($12/month) with a portal that may switch to Team ($49/month). */
async function subscribedCustomer(cancelMode: 'at_period_end' | 'immediately' = 'at_period_end'): Promise<Fixture> {
  const pro = await stripe.prices.create({ currency: 'usd', unit_amount: 1200, recurring: { interval: 'month' }, product_data: { name: 'Pro' } });
  const team = await stripe.prices.create({ currency: 'usd', unit_amount: 4900, recurring: { interval: 'month' }, product_data: { name: 'Team' } });
  const customer = await stripe.customers.create({ email: 'portal@example.com', name: 'Portal Customer' });
  const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
  await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
  const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: pro.id }], default_payment_method: pm.id });
  const configuration = await stripe.billingPortal.configurations.create({
    business_profile: { headline: 'Manage your Paydesk plan' },
    features: {
      customer_update: { enabled: true, allowed_updates: ['name', 'email'] },
      invoice_history: { enabled: true },
      payment_method_update: { enabled: true },
      subscription_cancel: { enabled: true, mode: cancelMode },
      subscription_update: {
        enabled: true,
        default_allowed_updates: ['price'],
        proration_behavior: 'create_prorations',
        products: [
          { product: pro.product as string, prices: [pro.id] },
          { product: team.product as string, prices: [team.id] },
        ],
      },
    },
  });
  const session = await stripe.billingPortal.sessions.create({ customer: customer.id, return_url: RETURN_URL, configuration: configuration.id });
  return { customer, subscription, team, url: session.url };
}

test('the portal shows the plan, its renewal, the card and the invoices, and leads back', async ({ page }) => {
  const { subscription, url } = await subscribedCustomer();
  await page.goto(url);
  const plan = page.getByRole('article', { name: 'Pro subscription' });
  await expect(plan).toContainText('$12.00 per month');
  await expect(plan).toContainText('Your plan renews on');
  await expect(plan).toContainText('Active');
  await expect(page.getByText('Visa •••• 4242').first()).toBeVisible();
  const invoice = await stripe.invoices.retrieve(subscription.latest_invoice as string);
  await expect(page.getByRole('link', { name: `View invoice ${invoice.number}` })).toHaveAttribute('href', invoice.hosted_invoice_url!);
  await expect(page.getByText('Manage your Paydesk plan')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('portal-home.png'), fullPage: true });
  await customerPortal(page).returnToBusiness.click();
  await page.waitForURL(RETURN_URL);
});

test('cancel at period end, then renew', async ({ page }) => {
  const { subscription, url } = await subscribedCustomer();
  await page.goto(url);
  await customerPortal(page).cancelSubscription.click();
  await expect(page.getByText('still available until the end of your billing period')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('portal-cancel.png'), fullPage: true });
  await customerPortal(page).confirm.click();
  await expect(page.getByRole('status')).toHaveText('Your subscription will be canceled at the end of the billing period.');
  await expect(page.getByRole('article', { name: 'Pro subscription' })).toContainText('Your subscription will be canceled on');

  let current = await stripe.subscriptions.retrieve(subscription.id);
  expect(current).toMatchObject({ status: 'active', cancel_at_period_end: true });
  const events = await stripe.events.list({ type: 'customer.subscription.updated', limit: 100 }).autoPagingToArray({ limit: 10_000 });
  const cancelEvent = events.find((e) => (e.data.object as Stripe.Subscription).id === subscription.id);
  expect(cancelEvent?.data.previous_attributes).toMatchObject({ cancel_at_period_end: false });

  await page.getByRole('button', { name: 'Renew subscription' }).click();
  await expect(page.getByRole('status')).toHaveText('Your subscription will continue to renew.');
  current = await stripe.subscriptions.retrieve(subscription.id);
  expect(current).toMatchObject({ status: 'active', cancel_at_period_end: false, cancel_at: null });
});

test('cancel immediately when the portal is configured so', async ({ page }) => {
  const { subscription, url } = await subscribedCustomer('immediately');
  await page.goto(url);
  await customerPortal(page).cancelSubscription.click();
  await expect(page.getByText('Your subscription will be canceled immediately.')).toBeVisible();
  await customerPortal(page).confirm.click();
  await expect(page.getByRole('status')).toHaveText('Your subscription has been canceled.');
  await expect(page.getByText('You have no active subscriptions.')).toBeVisible();
  expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe('canceled');
  expect(await eventTypesFor(subscription.id)).toContain('customer.subscription.deleted');
});

test('switch plan with a proration preview', async ({ page }) => {
  const { subscription, team, url } = await subscribedCustomer();
  await page.goto(url);
  await page.getByRole('link', { name: 'Update subscription' }).click();
  await page.getByRole('radio', { name: /Team/ }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Confirm your new plan' })).toBeVisible();
  await expect(page.getByTestId('proration-summary')).toContainText('in adjustments for this change');
  await expect(page.getByRole('list', { name: 'Proration' })).toContainText('Team');
  await page.screenshot({ path: test.info().outputPath('portal-switch.png'), fullPage: true });
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('status')).toHaveText('Your plan has been updated.');
  await expect(page.getByRole('article', { name: 'Team subscription' })).toContainText('$49.00 per month');

  const current = await stripe.subscriptions.retrieve(subscription.id);
  expect(current.items.data.map((i) => i.price.id)).toEqual([team.id]);
  const prorations = await stripe.invoiceItems.list({ customer: current.customer as string, pending: true });
  expect(prorations.data.length).toBeGreaterThan(0);
  expect(prorations.data.every((item) => item.proration)).toBe(true);
  expect(await eventTypesFor(subscription.id)).toContain('customer.subscription.updated');
});

test('update the default card', async ({ page }) => {
  const { customer, subscription, url } = await subscribedCustomer();
  await page.goto(url);
  await page.getByRole('link', { name: 'Update payment method' }).click();
  await paymentElement(page).fill({ number: '5555555555554444' });
  await page.screenshot({ path: test.info().outputPath('portal-card.png'), fullPage: true });
  await page.getByRole('button', { name: 'Save payment method' }).click();
  await expect(page.getByRole('status')).toHaveText('Your payment method has been updated.');
  await expect(page.getByText('Mastercard •••• 4444').first()).toBeVisible();

  const updated = (await stripe.customers.retrieve(customer.id)) as Stripe.Customer;
  const pm = await stripe.paymentMethods.retrieve(updated.invoice_settings.default_payment_method as string);
  expect(pm.card).toMatchObject({ brand: 'mastercard', last4: '4444' });
  expect(pm.customer).toBe(customer.id);
  expect((await stripe.subscriptions.retrieve(subscription.id)).default_payment_method).toBe(pm.id);
  expect(await eventTypesFor(customer.id)).toContain('customer.updated');
});

test('a session with flow_data opens on that flow', async ({ page }) => {
  const { customer, subscription } = await subscribedCustomer();
  const session = await stripe.billingPortal.sessions.create({
    customer: customer.id,
    return_url: RETURN_URL,
    flow_data: { type: 'subscription_cancel', subscription_cancel: { subscription: subscription.id } },
  });
  await page.goto(session.url);
  await expect(page.getByRole('heading', { name: 'Cancel your subscription' })).toBeVisible();
  await page.getByRole('link', { name: 'Go back' }).click();
  await expect(page.getByRole('article', { name: 'Pro subscription' })).toBeVisible();
});

test('update billing information', async ({ page }) => {
  const { customer, url } = await subscribedCustomer();
  await page.goto(url);
  await expect(page.getByRole('region', { name: 'Billing information' })).toContainText('Portal Customer');
  await page.getByRole('link', { name: 'Update information' }).click();
  await page.getByLabel('Name').fill('Ada Portal');
  await page.getByLabel('Email').fill('ada.portal@example.com');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Your billing information has been updated.');
  await expect(page.getByRole('region', { name: 'Billing information' })).toContainText('ada.portal@example.com');

  expect((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).toMatchObject({ name: 'Ada Portal', email: 'ada.portal@example.com' });
  const events = await stripe.events.list({ type: 'customer.updated', limit: 100 }).autoPagingToArray({ limit: 10_000 });
  const update = events.find((e) => (e.data.object as Stripe.Customer).id === customer.id && (e.data.object as Stripe.Customer).name === 'Ada Portal');
  expect(update?.data.previous_attributes).toMatchObject({ name: 'Portal Customer', email: 'portal@example.com' });
});
