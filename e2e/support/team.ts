// Page objects for organisations: the team page, the seat confirmation, invitation links, the
// header's switcher.
import { expect, type Browser, type Page } from '@playwright/test';
import { goodPassword } from './accounts';
import { authForm } from './pages';

export function teamPage(page: Page) {
  const members = page.getByRole('list', { name: 'Members' });
  return {
    members,
    member: (email: string) => members.getByRole('listitem', { name: email }),
    seatsUsed: page.getByTestId('seats-used'),
    seatsDrop: page.getByTestId('seats-drop'),
    invitationLink: page.getByRole('textbox', { name: 'Invitation link' }),
    open: () => page.goto('/team'),
    /** Fills the invite form and submits it: the link appears, or (no free seat) the seat confirmation opens. */
    async invite(email: string, role: 'Member' | 'Admin' = 'Member') {
      const form = page.getByRole('form', { name: 'Invite' });
      await form.getByLabel('Email').fill(email);
      await form.getByLabel('Role').selectOption({ label: role });
      await form.getByRole('button', { name: 'Create invitation link' }).click();
    },
    /** The link of the invitation just created. */
    async createdLink(): Promise<string> {
      await expect(this.invitationLink).toBeVisible({ timeout: 30_000 });
      return this.invitationLink.inputValue();
    },
    async remove(email: string) {
      await this.member(email).getByRole('button', { name: 'Remove' }).click();
      await page.waitForURL(/\/team\?updated=removed/);
    },
  };
}

/** /team/seats: the prorated charge of one more seat, then confirm. */
export function seatConfirmation(page: Page) {
  return {
    amountDueNow: page.getByTestId('amount-due-now'),
    change: page.getByRole('region', { name: 'Seat change' }),
    confirm: () => page.getByRole('button', { name: /^Pay .* and invite$/ }).click(),
  };
}

/** Someone new opens an invitation link in their own browser, signs up as the invited email and accepts. */
export async function acceptAsNewUser(browser: Browser, link: string, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await page.getByRole('link', { name: 'Sign up to accept' }).click();
  const form = authForm(page);
  await form.email.fill(email);
  await form.password.fill(goodPassword);
  await page.getByRole('main').getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('button', { name: 'Accept invitation' }).click({ timeout: 60_000 });
  await page.waitForURL(/\/team\?updated=joined/, { timeout: 30_000 });
  return page;
}
