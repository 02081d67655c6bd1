// Sessions end on the server, and the sign-in throttle counts the real client address.
import { expect, test } from '@playwright/test';
import { goodPassword, signedUpThenSignedOut, uniqueEmail } from '../support/accounts';
import { accountPage, authForm, formAlert, siteHeader } from '../support/pages';

test('a session cookie copied before sign-out no longer works after it', async ({ page, browser }) => {
  const email = uniqueEmail('copied');
  await authForm(page).signUp(email, goodPassword);
  await accountPage(page).expectProfile(email, 'Customer');
  const copied = await page.context().cookies();
  await siteHeader(page).signOut();

  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const stolen = await thief.newPage();
  await stolen.goto('/account');
  await expect(stolen).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount$/);
  await thief.close();
});

test('"Sign out everywhere" ends the sessions on other devices too', async ({ page, browser }) => {
  const email = uniqueEmail('everywhere');
  await authForm(page).signUp(email, goodPassword);
  await accountPage(page).expectProfile(email, 'Customer');

  const laptop = await browser.newContext();
  const other = await laptop.newPage();
  await authForm(other).signIn(email, goodPassword);
  await accountPage(other).expectProfile(email, 'Customer');

  await page.getByRole('region', { name: 'Sessions' }).getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await other.goto('/account');
  await expect(other).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount$/);
  await laptop.close();
});

test('a new X-Forwarded-For on every guess earns no extra guesses', async ({ page }) => {
  const email = await signedUpThenSignedOut(page, 'spoofer');
  const form = authForm(page);

  await page.goto('/sign-in');
  for (let n = 1; n <= 6; n++) {
    await page.setExtraHTTPHeaders({ 'x-forwarded-for': `198.51.100.${n}` });
    await form.submitSignIn(email, n === 6 ? goodPassword : `wrong guess ${n}`);
    await expect(form.password).toHaveValue('');
    await expect(formAlert(page)).toHaveText(n === 6 ? /^Too many failed sign-in attempts\./ : 'Wrong email or password.');
  }
});
