// What billing specs share: test cards, the customer's Stripe objects, and page objects for the
// billing pages.
import { expect, type Locator, type Page } from '@playwright/test';
import type Stripe from 'stripe';
import { signUpCustomer } from './accounts';
import { stripeApi } from './stripe';
import { hostedCheckout, paymentElement, STRIPE_SELECTORS, threeDSecure } from './stripe-surfaces';

export { hostedCheckout };

/**
 * How long a payment may take from the pay button to the result page: a server action, Stripe.js
 * confirming with the emulator, then a page that verifies and syncs it — slow on a loaded machine.
 */
export const PAYMENT_SETTLES = 45_000;

/** Test cards (Stripe test mode numbers, as the emulator implements them). */
export const cards = {
  visa: '4242424242424242',
  mastercard: '5555555555554444',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  threeDSecure: '4000002500003155',
  /** Attaches fine, every charge fails. */
  failsLater: '4000000000000341',
} as const;

/** The Stripe customer the app bound to this email. */
export async function customerFor(email: string): Promise<Stripe.Customer> {
  const found = await stripeApi().customers.list({ email, limit: 1 });
  const customer = found.data[0];
  if (!customer) throw new Error(`no Stripe customer for ${email}`);
  return customer;
}

export async function subscriptionsOf(email: string): Promise<Stripe.Subscription[]> {
  const customer = await customerFor(email);
  return (await stripeApi().subscriptions.list({ customer: customer.id, status: 'all', limit: 100 })).data;
}

/** Types a test card into the Payment Element in `scope`, or into hosted Checkout's card fields when `scope` is Checkout. */
export async function fillCard(scope: Page | Locator, number: string): Promise<void> {
  const onCheckout = (await scope.locator(STRIPE_SELECTORS.checkout.number).count()) > 0;
  if (onCheckout && 'goto' in scope) await hostedCheckout(scope).fill({ number });
  else await paymentElement(scope).fill({ number });
}

/** Answers the 3-D Secure challenge Stripe.js opens in its modal frame. */
export async function answerThreeDSecure(page: Page, outcome: 'Complete' | 'Fail'): Promise<void> {
  await threeDSecure(page).answer(outcome);
}

export function pricingPage(page: Page) {
  const plan = (name: string) => page.getByRole('list', { name: 'Plans' }).getByRole('listitem', { name });
  const addOn = (name: string) => page.getByRole('list', { name: 'Add-ons' }).getByRole('listitem', { name });
  return {
    plan,
    addOn,
    async open(interval: 'Monthly' | 'Yearly' = 'Monthly') {
      await page.goto('/pricing');
      await page.getByRole('radio', { name: new RegExp(`^${interval}`) }).check({ force: true });
    },
    async subscribeWithCheckout(name: string) {
      await plan(name).getByRole('button', { name: /with Checkout/ }).click();
      await page.waitForURL(/\/c\/pay\/cs_/);
    },
    async payInApp(name: string) {
      await plan(name).getByRole('link', { name: /in app/ }).click();
      await page.waitForURL(/\/checkout\/pay\?price=/);
    },
  };
}

/** A new customer (see `signUpCustomer`) looking at the pricing page's plans by month or by year. */
export async function newCustomerOnPricing(page: Page, label: string, interval: 'Monthly' | 'Yearly' = 'Monthly') {
  const email = await signUpCustomer(page, label);
  const pricing = pricingPage(page);
  await pricing.open(interval);
  return { email, pricing };
}

/** The in-app Payment Element form on /checkout/pay, /account/card and /account/pay. */
export function paymentForm(page: Page) {
  const form = page.getByRole('form', { name: 'Payment details' });
  const card = paymentElement(form);
  return {
    form,
    /** The Payment Element's card number (hidden while a saved card is chosen). */
    cardNumber: card.number,
    submit: form.getByRole('button').last(),
    error: form.getByRole('alert'),
    /** Pays with a new card (choosing "Use another card" when a saved one is offered). */
    async pay(number: string) {
      await expect(form.locator('button[type="submit"]')).toBeVisible();
      const another = form.getByRole('radio', { name: 'Use another card' });
      if (await another.count()) await another.check();
      await card.fill({ number });
      await form.locator('button[type="submit"]').click();
    },
  };
}

export function accountBilling(page: Page) {
  const plan = page.getByRole('region', { name: 'Plan' });
  return {
    plan,
    planName: plan.getByTestId('plan-name'),
    card: page.getByTestId('default-card'),
    pastDue: page.getByRole('region', { name: 'Payment needed' }),
    flash: page.getByRole('main').getByRole('status'),
  };
}

/** Payments on /account/billing, newest first. */
export function billingHistoryPage(page: Page) {
  return {
    payments: page.getByRole('list', { name: 'Payments' }).locator(':scope > li'),
    open: () => page.goto('/account/billing'),
  };
}

/** Subscribes the signed-in customer to a plan through the in-app form and waits for the confirmation. */
export async function subscribeInApp(page: Page, plan: string, card: string = cards.visa, interval: 'Monthly' | 'Yearly' = 'Monthly'): Promise<void> {
  const pricing = pricingPage(page);
  await pricing.open(interval);
  await pricing.payInApp(plan);
  await paymentForm(page).pay(card);
  await expect(page.getByRole('heading', { name: /You are subscribed|Your free trial has started/ })).toBeVisible({ timeout: PAYMENT_SETTLES });
}

/** Reloads until `check` passes: for state that arrives by webhook after the page was rendered. */
export async function reloadUntil(page: Page, check: () => Promise<void>, timeout = 20_000): Promise<void> {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout, intervals: [500, 1_000, 2_000] });
}

/** /features/reports: generating a report (one metered use each). */
export function reportsPage(page: Page) {
  const form = page.getByRole('form', { name: 'Generate report' });
  return {
    open: () => page.goto('/features/reports'),
    async generate() {
      await form.getByRole('button', { name: 'Generate report' }).click();
      await expect(form.getByRole('status')).toContainText('Report generated');
    },
    recent: page.getByRole('table', { name: 'Recently generated reports' }).locator('tbody tr'),
  };
}

/** /account/usage: this period's usage, its cost and the chart by day. */
export function usagePage(page: Page) {
  const stats = page.getByRole('region', { name: 'This period' });
  return {
    open: () => page.goto('/account/usage'),
    stat: (label: string) => stats.getByText(label, { exact: true }).locator('..'),
    chart: page.getByRole('figure', { name: 'Reports per day this period' }),
    byDay: page.getByRole('table', { name: 'Reports generated per day' }).locator('tbody tr'),
  };
}

/** The metered item of a subscription (the plan's "Reports generated" usage). */
export function meteredItemOf(subscription: Stripe.Subscription): Stripe.SubscriptionItem | undefined {
  return subscription.items.data.find((item) => item.price.recurring?.usage_type === 'metered');
}

/** What the meter counted for the customer over the item's current period. */
export async function meteredUsage(customerId: string, item: Stripe.SubscriptionItem): Promise<number> {
  const summaries = await stripeApi().billing.meters.listEventSummaries(item.price.recurring!.meter!, {
    customer: customerId,
    start_time: item.current_period_start,
    end_time: item.current_period_end,
  });
  return summaries.data.reduce((sum, s) => sum + s.aggregated_value, 0);
}

/** Opens the customer portal once: the app binds a Stripe customer to the signed-in account on the way. */
export async function bindStripeCustomer(page: Page, email: string): Promise<Stripe.Customer> {
  await page.goto('/account');
  await page.getByRole('button', { name: 'Manage billing' }).click();
  await page.waitForURL(/\/p\/session\/bps_/);
  return customerFor(email);
}

/** Open invoices on /account/billing, each linking to its invoice page. */
export function openInvoicesList(page: Page) {
  const region = page.getByRole('region', { name: 'Open invoices' });
  return { region, invoice: (number: string) => region.getByRole('listitem').filter({ hasText: number }) };
}

/** An invoice's page (/account/invoices/:id): summary, paying it (all, or a part now), its payments and credit notes. */
export function invoicePage(page: Page) {
  const pay = page.getByRole('region', { name: 'Pay this invoice' });
  return {
    summary: page.getByRole('region', { name: 'Summary' }),
    pay,
    payments: page.getByRole('list', { name: 'Payments towards this invoice' }).getByRole('listitem'),
    creditNotes: page.getByRole('list', { name: 'Credit notes' }).getByRole('listitem'),
    result: page.getByRole('main').getByRole('status'),
    amountError: pay.getByRole('form', { name: 'Pay part of this invoice' }).locator('[id$="-error"]'),
    /** Types the part to pay now and goes on to the card form (or stays with an error). */
    async choosePart(amount: string) {
      await pay.getByLabel(/Amount to pay now/).fill(amount);
      await pay.getByRole('button', { name: 'Continue to payment' }).click();
    },
    payAll: () => pay.getByRole('link', { name: /^Pay all / }).click(),
  };
}
