import { expect, test } from '@playwright/test';
import { demoUsers, goodPassword, signedUpThenSignedOut, uniqueEmail } from './support/accounts';
import { accountPage, authForm, formAlert, siteHeader } from './support/pages';

test('sign up lands on the account page; sign out, then sign in again', async ({ page }) => {
  const email = uniqueEmail('newcomer');
  await authForm(page).signUp(email, goodPassword);
  await accountPage(page).expectProfile(email, 'Customer');
  await siteHeader(page).expectSignedInAs(email);
  await expect(siteHeader(page).adminLink).toHaveCount(0);

  await siteHeader(page).signOut();
  await expect(page).toHaveURL(/\/$/);
  await siteHeader(page).expectSignedOut();

  await authForm(page).signIn(email.toUpperCase(), goodPassword);
  await accountPage(page).expectProfile(email, 'Customer');
});

test('a wrong password is refused with a clear message and the email is kept', async ({ page }) => {
  const form = authForm(page);
  await form.signIn(demoUsers.customer.email, 'not the password at all');
  await expect(formAlert(page)).toHaveText('Wrong email or password.');
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(form.email).toHaveValue(demoUsers.customer.email);
  await expect(form.password).toHaveValue('');
  await siteHeader(page).expectSignedOut();
});

test('sign-up explains a weak password, and never says whether an email is taken', async ({ page }) => {
  const form = authForm(page);
  await form.signUp(uniqueEmail('weak'), 'short');
  await expect(page.getByText('Weak password: use at least 10 characters.')).toBeVisible();
  await expect(form.password).toHaveAttribute('aria-invalid', 'true');

  await form.signUp(uniqueEmail('common'), 'password123');
  await expect(page.getByText(/Weak password: this one is among the most common/)).toBeVisible();

  await form.signUp(demoUsers.customer.email, goodPassword);
  await expect(formAlert(page)).toHaveText('We could not sign you up with this email and password. If you already have an account, sign in instead.');
  await expect(page).toHaveURL(/\/sign-up/);
});

test('after five failed sign-ins from one address, even the right password waits', async ({ page }) => {
  const email = await signedUpThenSignedOut(page, 'locked');
  const form = authForm(page);

  await page.goto('/sign-in');
  // The message repeats word for word, so wait for each attempt to finish: React clears the
  // password field when the action returns.
  const attempt = async (password: string) => {
    await form.submitSignIn(email, password);
    await expect(form.password).toHaveValue('');
  };
  for (let n = 1; n <= 5; n++) {
    await attempt(`wrong guess ${n}`);
    await expect(formAlert(page)).toHaveText('Wrong email or password.');
  }
  await attempt(goodPassword);
  await expect(formAlert(page)).toHaveText(/Too many failed sign-in attempts\. Try again in 1[45] minutes\./);
  await siteHeader(page).expectSignedOut();
});
