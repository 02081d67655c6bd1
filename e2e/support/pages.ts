// Page objects: what a user does on each page, in their words.
import { expect, type Locator, type Page } from '@playwright/test';

/** Form-level messages, scoped to the main landmark (Next renders its own route-announcer alert). */
export function formAlert(page: Page): Locator {
  return page.getByRole('main').getByRole('alert');
}

export function siteHeader(page: Page) {
  const nav = page.getByRole('navigation', { name: 'Main' });
  return {
    nav,
    adminLink: nav.getByRole('link', { name: 'Admin' }),
    /** Signs out and waits until the header shows the signed-out state. */
    async signOut() {
      await nav.getByRole('button', { name: 'Sign out' }).click();
      await expect(nav.getByRole('link', { name: 'Sign in' })).toBeVisible();
    },
    expectSignedInAs: (email: string) => expect(page.getByTestId('signed-in-email')).toHaveText(email),
    expectSignedOut: () => expect(nav.getByRole('link', { name: 'Sign in' })).toBeVisible(),
  };
}

export function authForm(page: Page) {
  const main = page.getByRole('main');
  const email = main.getByLabel('Email');
  const password = main.getByLabel('Password');
  return {
    email,
    password,
    /** Fills and submits the sign-up form on /sign-up. */
    async signUp(address: string, secret: string) {
      await page.goto('/sign-up');
      await email.fill(address);
      await password.fill(secret);
      await main.getByRole('button', { name: 'Create account' }).click();
    },
    /** Fills and submits the sign-in form on the current page (open it first, or get redirected to it). */
    async submitSignIn(address: string, secret: string) {
      await email.fill(address);
      await password.fill(secret);
      await main.getByRole('button', { name: 'Sign in' }).click();
    },
    /** Opens /sign-in, then signs in. */
    async signIn(address: string, secret: string) {
      await page.goto('/sign-in');
      await this.submitSignIn(address, secret);
    },
  };
}

export function accountPage(page: Page) {
  const profile = page.getByRole('region', { name: 'Profile' });
  return {
    async expectProfile(email: string, role: 'Customer' | 'Admin') {
      await expect(page).toHaveURL(/\/account$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();
      await expect(profile.getByRole('definition').first()).toHaveText(email);
      await expect(profile.getByRole('definition').nth(1)).toHaveText(role);
    },
  };
}
