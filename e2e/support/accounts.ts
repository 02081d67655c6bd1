// Accounts the end-to-end tests use, and how a spec signs in as one. The demo users are seeded by
// scripts/e2e-server.ts.
import { expect, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { demoUsers } from '../../scripts/seed';
import { accountPage, authForm, siteHeader } from './pages';

export { demoUsers };

/** Listed in ADMIN_EMAILS by scripts/e2e-server.ts: signs up as anyone would, and is an admin. */
export const promotedAdminEmail = 'promoted-admin@paydesk.test';

/** A password the sign-up rules accept. */
export const goodPassword = 'correct horse battery staple';

/** An email no other test uses, so tests can run in parallel against one database. */
export function uniqueEmail(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.com`;
}

// Generous waits: the password hash is deliberately slow, and slower still while other workers hash theirs.
const SIGN_IN_SETTLES = 60_000;

export async function signInAsAdmin(page: Page): Promise<void> {
  await authForm(page).signIn(demoUsers.admin.email, demoUsers.admin.password);
  await expect(page).toHaveURL(/\/account$/, { timeout: SIGN_IN_SETTLES });
}

export async function signInAsCustomer(page: Page): Promise<void> {
  await authForm(page).signIn(demoUsers.customer.email, demoUsers.customer.password);
  await expect(page).toHaveURL(/\/account$/, { timeout: SIGN_IN_SETTLES });
}

/** A new customer who signed up (and saw their profile), then signed out: for tests of signing in. */
export async function signedUpThenSignedOut(page: Page, label: string): Promise<string> {
  const email = uniqueEmail(label);
  await authForm(page).signUp(email, goodPassword);
  await accountPage(page).expectProfile(email, 'Customer');
  await siteHeader(page).signOut();
  return email;
}

/** Signs up a new customer (unique email, so specs run in parallel) and lands on the account page. */
export async function signUpCustomer(page: Page, label: string): Promise<string> {
  const email = uniqueEmail(label);
  await authForm(page).signUp(email, goodPassword);
  await expect(page).toHaveURL(/\/account$/, { timeout: SIGN_IN_SETTLES });
  return email;
}
