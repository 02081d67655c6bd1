// Every admin and customer page fits its window: nothing wider than the screen, nothing inside the
// main content sticking out of (or clipped by) its box, and the admin lined up with the site header.
// At 1280 px no table may scroll sideways; on a 390 px phone a wide table may, inside its own
// labelled scroll region. Screenshots of every page at both widths land in test-results.
import { expect, test, type Page } from '@playwright/test';
import { signInAsAdmin, signUpCustomer } from './support/accounts';
import { newCustomer, newPlan, newTag, payInvoicePart, payOnce, sendInvoice, stripeApi, subscribe } from './support/stripe';
import { billingHistoryPage, cards, customerFor, paymentForm, pricingPage, reloadUntil, subscribeInApp, PAYMENT_SETTLES } from './support/billing';

// Many Stripe objects and page loads on a busy two-core machine.
test.describe.configure({ timeout: 480_000 });

const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };

/** What sticks out: the page wider than the window, or an element of main whose content overflows it. */
async function overflows(page: Page, { allowScrollRegions }: { allowScrollRegions: boolean }): Promise<string[]> {
  return page.evaluate((allowScrollRegions) => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth) problems.push(`the page is ${root.scrollWidth}px wide in a ${window.innerWidth}px window`);
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('aria-label') ? `[${el.getAttribute('aria-label')}]` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    for (const el of document.querySelectorAll<HTMLElement>('main *')) {
      const style = getComputedStyle(el);
      // Inline boxes have no width of their own; an ellipsis is a deliberate, titled truncation;
      // a 1 px absolute box is visually hidden text for screen readers.
      if (el.clientWidth === 0 || style.textOverflow === 'ellipsis' || (style.position === 'absolute' && el.clientWidth <= 1)) continue;
      const scrollRegion = (style.overflowX === 'auto' || style.overflowX === 'scroll') && el.getAttribute('role') === 'region';
      if (el.scrollWidth > el.clientWidth + 1 && !(allowScrollRegions && scrollRegion)) {
        problems.push(`${name(el)}: ${el.scrollWidth}px of content in ${el.clientWidth}px`);
      }
    }
    return problems;
  }, allowScrollRegions);
}

/** Left edges of the header's logo and the page's heading (they should line up). */
function edges(page: Page) {
  return page.evaluate(() => ({
    header: document.querySelector('header a')!.getBoundingClientRect().left,
    heading: document.querySelector('main h1')!.getBoundingClientRect().left,
  }));
}

async function checkPages(page: Page, prefix: string, paths: [string, string][], { alignedWithHeader = false } = {}) {
  for (const size of [desktop, phone]) {
    await page.setViewportSize(size);
    for (const [name, path] of paths) {
      await test.step(`${name} at ${size.width} px`, async () => {
        const response = await page.goto(path);
        expect(response?.status(), `${path} loads`).toBeLessThan(400);
        await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toBeVisible();
        await page.screenshot({ path: test.info().outputPath(`${prefix}-${name}-${size.width}.png`), fullPage: true });
        expect(await overflows(page, { allowScrollRegions: size.width < 640 }), `${path} at ${size.width} px`).toEqual([]);
        if (alignedWithHeader) {
          const { header, heading } = await edges(page);
          expect(Math.abs(header - heading), `${path}: heading lined up with the header at ${size.width} px`).toBeLessThanOrEqual(1);
        }
      });
    }
  }
}

test('every admin page fits a 1280 px window without sideways scrolling, lined up with the header, and a phone', async ({ page }) => {
  const stripe = stripeApi();
  const tag = newTag('fit');
  const plan = await newPlan(stripe, `Analytics workspace with a long name ${tag}`, 4900);
  const seats = await newPlan(stripe, `Extra seats ${tag}`, 1200);
  const [subscriber, buyer] = await Promise.all([newCustomer(stripe, `${tag}-a-rather-long-mailbox-name`, 1), newCustomer(stripe, tag, 2)]);
  const subscribed = await subscribe(stripe, subscriber, [{ price: plan.id }, { price: seats.id, quantity: 3 }]);
  const refunded = await payOnce(stripe, buyer, 2500);
  await stripe.refunds.create({ payment_intent: refunded.id, amount: 1000, reason: 'requested_by_customer' });
  const disputed = await payOnce(stripe, buyer, 4200, 'pm_card_createDispute');
  await expect(payOnce(stripe, buyer, 1900, 'pm_card_chargeCustomerFail')).rejects.toThrow(/declined/);
  const [dispute] = (await stripe.disputes.list({ payment_intent: disputed.id })).data;

  await signInAsAdmin(page);
  // All four payments mirrored, with the subscription's invoice linked (webhooks are asynchronous).
  await expect
    .poll(
      async () => {
        await page.goto(`/admin/payments?email=${tag}`);
        return page.locator('tbody tr[data-payment-id]').count();
      },
      { timeout: 40_000 },
    )
    .toBe(4);
  await expect
    .poll(async () => (await page.goto(`/admin/disputes/${dispute.id}`))?.status(), { timeout: 30_000 })
    .toBe(200);

  await checkPages(
    page,
    'admin',
    [
      ['overview', '/admin'],
      ['payments', '/admin/payments'],
      ['payments-filtered', `/admin/payments?email=${tag}`],
      ['payment-subscription', `/admin/payments/${subscribed.paymentIntentId}`],
      ['payment-refunded', `/admin/payments/${refunded.id}`],
      ['payment-disputed', `/admin/payments/${disputed.id}`],
      ['customers', '/admin/customers'],
      ['customer', `/admin/customers/${buyer.id}`],
      ['disputes', '/admin/disputes'],
      ['dispute', `/admin/disputes/${dispute.id}`],
      ['revenue', '/admin/revenue'],
      ['usage', '/admin/usage'],

      ['promotions', '/admin/promotions'],
      ['webhooks', '/admin/webhooks'],
    ],
    { alignedWithHeader: true },
  );
});

test('every customer page fits a phone and a 1280 px window', async ({ page }) => {
  await page.setViewportSize(phone);
  const pricing = pricingPage(page);
  await checkPages(page, 'public', [
    ['home', '/'],
    ['pricing', '/pricing'],
    ['sign-in', '/sign-in'],
    ['sign-up', '/sign-up'],
  ]);

  const email = await signUpCustomer(page, 'fit');
  // A declined first try, then a plan, then a plan change and an add-on: a history with every kind of line.
  await pricing.open();
  await pricing.payInApp('Starter');
  await paymentForm(page).pay(cards.declined);
  await expect(paymentForm(page).error).toHaveText('Your card was declined.');
  await subscribeInApp(page, 'Starter', cards.mastercard);
  await pricing.open();
  const switchToTeam = await pricing.plan('Team').getByRole('link', { name: 'Switch to Team' }).getAttribute('href');
  const addOn = await pricing.addOn('Priority support pack').getByRole('link', { name: 'Pay in app' }).getAttribute('href');
  await pricing.plan('Pro').getByRole('link', { name: 'Switch to Pro' }).click();
  await page.getByRole('button', { name: 'Confirm switch to Pro' }).click();
  await page.waitForURL(/\/account\?updated=switched/);
  const history = billingHistoryPage(page);
  await history.open();
  await reloadUntil(page, () => expect(history.payments).toHaveCount(3, { timeout: 1_000 }), PAYMENT_SETTLES);
  // An invoice sent to the customer, a part of it paid: the invoice page with a payment and what is left.
  const sent = await sendInvoice(stripeApi(), (await customerFor(email)).id, 12_000, 'Onboarding workshop');
  await payInvoicePart(stripeApi(), sent, 4_000);
  await reloadUntil(page, () => expect(history.payments).toHaveCount(4, { timeout: 1_000 }), PAYMENT_SETTLES);

  // From Pro, Starter is a downgrade: reviewed as a change at the period end.
  await pricing.open();
  const downgrade = await pricing.plan('Starter').getByRole('link', { name: 'Switch to Starter' }).getAttribute('href');

  await checkPages(page, 'customer', [
    ['pricing', '/pricing'],
    ['account', '/account'],
    ['history', '/account/billing'],
    ['usage', '/account/usage'],
    ['reports', '/features/reports'],
    ['card', '/account/card'],
    ['pay-invoice', '/account/pay'],
    ['invoice', `/account/invoices/${sent.id}`],
    ['pay-invoice-part', `/account/invoices/${sent.id}/pay?amount=2000`],
    ['switch', switchToTeam!],
    ['downgrade', downgrade!],
    ['pay-add-on', addOn!],
    ['team', '/team'],
  ]);
});
