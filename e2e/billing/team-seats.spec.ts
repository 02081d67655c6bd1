// A team pays per seat: the owner subscribes to Team with 3 seats, invites two people who sign up
// and join, a third invitation shows Stripe's prorated charge and raises the seats once confirmed,
// a member cannot open billing, removing a member lowers the seats for the renewal (no credit), and
// the history shows the seat lines with their quantities.
import { expect, test, type Page } from '@playwright/test';
import { signUpCustomer, uniqueEmail } from '../support/accounts';
import { accountBilling, billingHistoryPage, cards, hostedCheckout, pricingPage, subscriptionsOf, PAYMENT_SETTLES } from '../support/billing';
import { acceptAsNewUser, seatConfirmation, teamPage } from '../support/team';

test.describe.configure({ timeout: 300_000 });

async function screenshots(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}-1280.png`), fullPage: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath(`${name}-390.png`), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name} fits a phone`).toBeLessThanOrEqual(0);
  if (size) await page.setViewportSize(size);
}

test('Team seats follow the members: subscribe with 3, invite, prorate a 4th, remove one', async ({ page, browser }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const owner = await signUpCustomer(page, 'team-owner');
  const pricing = pricingPage(page);
  await pricing.open('Monthly');
  await expect(pricing.plan('Team')).toContainText('per seat per month');
  await pricing.plan('Team').getByLabel('Seats').fill('3');
  await pricing.subscribeWithCheckout('Team');
  await hostedCheckout(page).pay(cards.visa);
  await expect(page.getByRole('heading', { name: 'You are subscribed' })).toBeVisible({ timeout: PAYMENT_SETTLES });
  const [subscription] = await subscriptionsOf(owner);
  expect(subscription.items.data[0].quantity).toBe(3);

  const team = teamPage(page);
  await team.open();
  await expect(team.seatsUsed).toHaveText('1 of 3 seats used');

  // Two invitations fill the paid seats: no charge, a link each.
  const [ada, bob, cy] = [uniqueEmail('team-ada'), uniqueEmail('team-bob'), uniqueEmail('team-cy')];
  await team.invite(ada);
  const adaLink = await team.createdLink();
  await team.open();
  await team.invite(bob, 'Admin');
  const bobLink = await team.createdLink();
  await team.open();
  await expect(team.seatsUsed).toHaveText('3 of 3 seats used');
  await screenshots(page, 'team-invited');

  const adaPage = await acceptAsNewUser(browser, adaLink, ada);
  await (await acceptAsNewUser(browser, bobLink, bob)).context().close();
  await team.open();
  await expect(team.member(ada)).toContainText('Member');
  await expect(team.member(bob)).toContainText('Admin');

  // A third invitation needs a fourth seat: the prorated charge first, then the seat and the link.
  await team.invite(cy);
  await page.waitForURL(/\/team\/seats\?/);
  const confirmation = seatConfirmation(page);
  await expect(confirmation.change).toContainText('3 → 4 × Team');
  const charge = (await confirmation.amountDueNow.textContent())!;
  expect(Number(charge.replace(/[$,]/g, ''))).toBeGreaterThan(0);
  await expect(page.getByRole('main')).toContainText('invoiced and charged at once');
  await screenshots(page, 'team-seat-preview');
  await confirmation.confirm();
  await expect(team.invitationLink).toBeVisible({ timeout: PAYMENT_SETTLES });
  expect((await subscriptionsOf(owner))[0].items.data[0].quantity).toBe(4);
  await team.open();
  await expect(team.seatsUsed).toHaveText('4 of 4 seats used');

  // A member sees the plan but not billing.
  await adaPage.goto('/account/billing');
  await expect(adaPage.getByRole('heading', { name: 'You are not allowed to see this page' })).toBeVisible();
  await adaPage.goto('/account');
  await expect(accountBilling(adaPage).planName).toHaveText('Team');
  await expect(adaPage.getByRole('region', { name: 'Payment method' })).toHaveCount(0);
  await expect(adaPage.getByTestId('organisation-role')).toHaveText('Member');
  await screenshots(adaPage, 'team-member-account');
  await adaPage.context().close();

  // Removing a member frees a seat; the quantity drops at the renewal, with no credit now.
  await team.open();
  await team.remove(ada);
  await expect(team.seatsUsed).toHaveText('3 of 4 seats used');
  await expect(team.seatsDrop).toContainText('4 seats paid, 3 used; drops to 3 at renewal on');
  expect((await subscriptionsOf(owner))[0].items.data[0].quantity).toBe(3);
  await screenshots(page, 'team-after-removal');
  await page.goto('/account');
  await expect(page.getByTestId('seats-used')).toHaveText('3 of 4 seats used');

  // The history: the first invoice for 3 seats, and the seat change with its quantities.
  const history = billingHistoryPage(page);
  await history.open();
  // By content, not position: on the customer's frozen test clock both payments share one second.
  await expect(history.payments.filter({ hasText: 'Team × 3' }).first()).toBeVisible({ timeout: PAYMENT_SETTLES });
  await expect(history.payments.filter({ hasText: 'Team × 4' }).first()).toBeVisible({ timeout: PAYMENT_SETTLES });
  await screenshots(page, 'team-history');
});
