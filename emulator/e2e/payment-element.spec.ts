// The Payment Element on a react-stripe-js page: card entry, declines, 3-D Secure, redirects,
// deferred intents and SetupIntents, checked on the page and in the emulator's API.
import { expect, test, type Page } from '@playwright/test';
import type Stripe from 'stripe';
import { CARDS, consoleComplaints, eventTypesFor, stripe } from './support.js';
import { cardElement, paymentElement, threeDSecure } from '../../e2e/support/stripe-surfaces.js';

async function openPayment(page: Page, search = 'flow=payment'): Promise<string> {
  await page.goto(`/?${search}`);
  const id = (await page.getByTestId('intent-id').textContent())!;
  await expect(page.getByRole('button', { name: 'Pay' })).toBeEnabled();
  return id;
}

test('a valid card pays the PaymentIntent and emits its events', async ({ page }) => {
  const complaints = consoleComplaints(page);
  const id = await openPayment(page);
  await expect(page.getByTestId('complete')).toHaveText('Card details incomplete');
  await paymentElement(page).fill({ number: CARDS.success });
  await expect(page.getByTestId('complete')).toHaveText('Card details complete');
  await expect(paymentElement(page).number).toHaveValue('4242 4242 4242 4242');
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page.getByRole('status')).toHaveText(`Payment succeeded: ${id}`);

  const pi = await stripe.paymentIntents.retrieve(id, { expand: ['payment_method'] });
  expect(pi.status).toBe('succeeded');
  expect(pi.amount_received).toBe(2000);
  expect(pi.payment_method).toMatchObject({ card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034 }, billing_details: { address: { postal_code: '94107' } } });
  expect(await eventTypesFor(id)).toEqual(expect.arrayContaining(['payment_intent.created', 'payment_intent.succeeded']));
  // @stripe/stripe-js warns when Stripe.version is not the one it expects; react-stripe-js on misuse.
  expect(complaints).toEqual([]);
});

const DECLINES = [
  { card: CARDS.genericDecline, decline: 'generic_decline', message: 'Your card was declined.' },
  { card: CARDS.insufficientFunds, decline: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  { card: CARDS.lostCard, decline: 'lost_card', message: 'Your card was declined.' },
  { card: CARDS.stolenCard, decline: 'stolen_card', message: 'Your card was declined.' },
  { card: CARDS.expiredCard, decline: 'expired_card', message: 'Your card has expired.' },
  { card: CARDS.incorrectCvc, decline: 'incorrect_cvc', message: "Your card's security code is incorrect." },
  { card: CARDS.processingError, decline: 'processing_error', message: 'An error occurred while processing your card. Try again in a little bit.' },
];

for (const { card, decline, message } of DECLINES) {
  test(`card ${card} is declined with "${message}" (${decline})`, async ({ page }) => {
    const id = await openPayment(page);
    await paymentElement(page).fill({ number: card });
    await page.getByRole('button', { name: 'Pay' }).click();
    await expect(page.getByRole('alert')).toHaveText(message);

    const pi = await stripe.paymentIntents.retrieve(id);
    expect(pi.status).toBe('requires_payment_method');
    expect(pi.last_payment_error?.decline_code).toBe(decline);
    expect(await eventTypesFor(id)).toContain('payment_intent.payment_failed');
  });
}

test('inline validation catches bad input before anything reaches the API', async ({ page }) => {
  const id = await openPayment(page);
  const number = paymentElement(page).number;
  await number.fill('4242424242424241');
  await expect(paymentElement(page).frame.getByText('Your card number is invalid.')).toBeVisible();
  await expect(number).toHaveAttribute('aria-invalid', 'true');
  await number.fill('4242 4242');
  await paymentElement(page).expiry.click();
  await expect(paymentElement(page).frame.getByText('Your card number is incomplete.')).toBeVisible();
  await paymentElement(page).expiry.fill('0120');
  await expect(paymentElement(page).frame.getByText("Your card's expiration year is in the past.")).toBeVisible();

  await paymentElement(page).fill({ number: CARDS.success, cvc: '' });
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page.getByRole('alert')).toHaveText("Your card's security code is incomplete.");
  await expect(paymentElement(page).cvc).toBeFocused();
  expect((await stripe.paymentIntents.retrieve(id)).status).toBe('requires_payment_method');
});

test('brand detection: American Express groups 4-6-5 and needs a 4-digit security code', async ({ page }) => {
  await openPayment(page);
  await paymentElement(page).fill({ number: '378282246310005', cvc: '123' });
  await expect(paymentElement(page).number).toHaveValue('3782 822463 10005');
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page.getByRole('alert')).toHaveText("Your card's security code is incomplete.");
  await paymentElement(page).cvc.fill('1234');
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page.getByRole('status')).toHaveText(/^Payment succeeded: /);
});

test('an expiry earlier this year is "in the past"', async ({ page }) => {
  const now = new Date();
  test.skip(now.getMonth() === 0, 'no earlier month this year in January');
  await openPayment(page);
  const month = String(now.getMonth()).padStart(2, '0');
  await paymentElement(page).expiry.fill(`${month}${String(now.getFullYear()).slice(2)}`);
  await expect(paymentElement(page).frame.getByText("Your card's expiration date is in the past.")).toBeVisible();
});

test('3-D Secure completed in the challenge modal charges the card', async ({ page }) => {
  const id = await openPayment(page);
  await paymentElement(page).fill({ number: CARDS.threeDSecure });
  await page.getByRole('button', { name: 'Pay' }).click();
  const dialog = page.getByRole('dialog', { name: '3D Secure authentication' });
  await expect(dialog).toBeVisible();
  await expect(threeDSecure(page).challenge.getByRole('heading', { name: 'Complete authentication' })).toBeVisible();
  await expect(threeDSecure(page).challenge.getByText('$20.00')).toBeVisible();
  // The dialog fits the challenge: no band of empty space under its buttons.
  const buttons = (await threeDSecure(page).complete.boundingBox())!;
  await expect.poll(async () => {
    const box = (await dialog.boundingBox())!;
    return box.y + box.height - (buttons.y + buttons.height);
  }).toBeLessThan(60);
  await page.screenshot({ path: test.info().outputPath('3ds-modal.png') });
  await threeDSecure(page).complete.click();
  await expect(page.getByRole('status')).toHaveText(`Payment succeeded: ${id}`);
  await expect(dialog).toBeHidden();

  expect((await stripe.paymentIntents.retrieve(id)).status).toBe('succeeded');
  const types = await eventTypesFor(id);
  expect(types.indexOf('payment_intent.requires_action')).toBeGreaterThan(-1);
  expect(types.indexOf('payment_intent.succeeded')).toBeGreaterThan(types.indexOf('payment_intent.requires_action'));
});

test('3-D Secure failed in the challenge returns the PaymentIntent to requires_payment_method', async ({ page }) => {
  const id = await openPayment(page);
  await paymentElement(page).fill({ number: CARDS.threeDSecureRequired });
  await page.getByRole('button', { name: 'Pay' }).click();
  await threeDSecure(page).fail.click();
  await expect(page.getByRole('alert')).toHaveText('We are unable to authenticate your payment method. Please choose a different payment method and try again.');

  const pi = await stripe.paymentIntents.retrieve(id);
  expect(pi.status).toBe('requires_payment_method');
  expect(pi.last_payment_error?.code).toBe('payment_intent_authentication_failure');
  expect(await eventTypesFor(id)).toEqual(expect.arrayContaining(['payment_intent.requires_action', 'payment_intent.payment_failed']));
});

test('card 4000008400001629 authenticates, then is declined', async ({ page }) => {
  const id = await openPayment(page);
  await paymentElement(page).fill({ number: CARDS.threeDSecureThenDecline });
  await page.getByRole('button', { name: 'Pay' }).click();
  await threeDSecure(page).complete.click();
  await expect(page.getByRole('alert')).toHaveText('Your card was declined.');
  const pi = await stripe.paymentIntents.retrieve(id);
  expect(pi.status).toBe('requires_payment_method');
  expect(pi.last_payment_error).toMatchObject({ code: 'card_declined', type: 'card_error' });
});

test("redirect: 'always' lands on the return_url with Stripe's query parameters", async ({ page }) => {
  const id = await openPayment(page, 'flow=payment&redirect=always');
  await paymentElement(page).fill({ number: CARDS.success });
  await page.getByRole('button', { name: 'Pay' }).click();
  await page.waitForURL(/\/return\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get('payment_intent')).toBe(id);
  expect(url.searchParams.get('payment_intent_client_secret')).toMatch(new RegExp(`^${id}_secret_`));
  await expect(page.getByTestId('redirect-status')).toHaveText('redirect_status: succeeded');
  await expect(page.getByRole('status')).toHaveText(`PaymentIntent ${id} is succeeded`);
});

test('a deferred intent validates with elements.submit() and is created only on Pay', async ({ page }) => {
  await page.goto('/?flow=deferred&amount=1500');
  await expect(page.getByRole('button', { name: 'Pay' })).toBeEnabled();
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page.getByRole('alert')).toHaveText('Your card number is incomplete.');
  await expect(page.getByRole('status')).toHaveText('');

  await paymentElement(page).fill({ number: CARDS.success });
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page.getByRole('status')).toHaveText(/^Payment succeeded: pi_/);
  const id = (await page.getByRole('status').textContent())!.split(': ')[1]!;
  const pi = await stripe.paymentIntents.retrieve(id);
  expect(pi).toMatchObject({ status: 'succeeded', amount: 1500, currency: 'usd' });
});

test('a deferred subscription: the first invoice is paid through its confirmation secret', async ({ page }) => {
  await page.goto('/?flow=deferred&mode=subscription&amount=1900');
  await expect(paymentElement(page).frame.getByText('allow Test Shop to charge your card for future payments')).toBeVisible();
  await paymentElement(page).fill({ number: CARDS.success });
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page.getByRole('status')).toHaveText(/^Payment succeeded: pi_/);
  const subscriptionId = (await page.getByTestId('created-id').textContent())!;

  const subscription = await stripe.subscriptions.retrieve(subscriptionId, { expand: ['latest_invoice'] });
  const invoice = subscription.latest_invoice as Stripe.Invoice;
  expect(subscription.status).toBe('active');
  expect(invoice.status).toBe('paid');
  expect(subscription.default_payment_method).toEqual(expect.stringMatching(/^pm_/));
  expect(await eventTypesFor(invoice.id)).toContain('invoice.paid');
});

test('a deferred SetupIntent (mode: setup) saves the card', async ({ page }) => {
  await page.goto('/?flow=deferred&mode=setup');
  await paymentElement(page).fill({ number: CARDS.success });
  await page.getByRole('button', { name: 'Save card' }).click();
  await expect(page.getByRole('status')).toHaveText(/^Setup succeeded: seti_/);
  const id = (await page.getByTestId('created-id').textContent())!;
  const si = await stripe.setupIntents.retrieve(id);
  expect(si).toMatchObject({ status: 'succeeded', usage: 'off_session' });
  expect(si.payment_method).toEqual(expect.stringMatching(/^pm_/));
});

test('a SetupIntent saves the card to the customer', async ({ page }) => {
  await page.goto('/?flow=setup');
  const id = (await page.getByTestId('intent-id').textContent())!;
  await expect(paymentElement(page).frame.getByText('allow Test Shop to charge your card for future payments')).toBeVisible();
  await paymentElement(page).fill({ number: CARDS.success });
  await page.getByRole('button', { name: 'Save card' }).click();
  await expect(page.getByRole('status')).toHaveText(`Setup succeeded: ${id}`);

  const si = await stripe.setupIntents.retrieve(id);
  expect(si.status).toBe('succeeded');
  const methods = await stripe.customers.listPaymentMethods(si.customer as string);
  expect(methods.data.map((m) => m.id)).toEqual([si.payment_method]);
  expect(await eventTypesFor(id)).toContain('setup_intent.succeeded');
});

test('the Card Element with confirmCardPayment', async ({ page }) => {
  await page.goto('/?flow=card');
  const id = (await page.getByTestId('intent-id').textContent())!;
  await cardElement(page).fill({ number: CARDS.success, expiry: '1234' });
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page.getByRole('status')).toHaveText(`Payment succeeded: ${id}`);
  expect((await stripe.paymentIntents.retrieve(id)).status).toBe('succeeded');
});

test('createToken with the Card Element', async ({ page }) => {
  await page.goto('/?flow=card');
  await cardElement(page).fill({ number: '5555555555554444', expiry: '1234' });
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByRole('status')).toHaveText(/^Token tok_\w+ for MasterCard 4444$/i);
  const id = (await page.getByRole('status').textContent())!.split(' ')[1]!;
  const token = await stripe.tokens.retrieve(id);
  expect(token.card).toMatchObject({ last4: '4444', exp_month: 12, exp_year: 2034 });
});
