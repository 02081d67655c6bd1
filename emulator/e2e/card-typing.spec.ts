// Every test card the emulator knows, typed key by key as a customer types it, into each card form
// it serves: the number field must wait for the brand's full length before moving on (a 3-D Secure
// Visa is valid at 13 digits, yet Stripe waits for 16), so expiry and CVC get what was typed.
import { expect, test, type Locator } from '@playwright/test';
import { testCards, type TestCard } from '../src/cards.js';
import { TEST_PAGE_URL } from './ports.js';
import { stripe } from './support.js';
import { cardElement, hostedCheckout, paymentElement } from '../../e2e/support/stripe-surfaces.js';

const EXPIRY = '1234';

function cvcFor(card: TestCard): string {
  return card.brand === 'amex' ? '1234' : '123';
}

/** Types the card the way a person does: one key at a time, trusting the fields to move focus. */
async function typeCard({ number, expiry, cvc }: { number: Locator; expiry: Locator; cvc: Locator }, card: TestCard): Promise<void> {
  await number.pressSequentially(card.number);
  await expect(expiry, `${card.number}: focus moves to the expiry once the number is whole`).toBeFocused();
  await expiry.pressSequentially(EXPIRY);
  await expect(cvc, `${card.number}: focus moves to the CVC after a whole expiry`).toBeFocused();
  await cvc.pressSequentially(cvcFor(card));

  const typed = (await number.inputValue()).replaceAll(' ', '');
  expect(typed, 'card number field').toBe(card.number);
  await expect(expiry).toHaveValue('12 / 34');
  await expect(cvc).toHaveValue(cvcFor(card));
}

// The three forms share one card-field module: every card goes through the Payment Element, and
// one card of each brand plus the 3-D Secure cards a newcomer types first go through the others.
const everyBrandAndThreeDSecure = testCards().filter(
  (card, i, all) => all.findIndex((other) => other.brand === card.brand) === i || ['4000002500003155', '4000002760003184'].includes(card.number),
);

for (const card of testCards()) {
  test(`Payment Element: ${card.number} typed key by key`, async ({ page }) => {
    await page.goto('/?flow=payment');
    await expect(page.getByRole('button', { name: 'Pay' })).toBeEnabled();
    await typeCard(paymentElement(page), card);
    await paymentElement(page).postalCode.pressSequentially('94107');
    await expect(page.getByTestId('complete')).toHaveText('Card details complete');
  });
}

for (const card of everyBrandAndThreeDSecure) {
  test(`Card Element: ${card.number} typed key by key`, async ({ page }) => {
    await page.goto('/?flow=card');
    await expect(page.getByRole('button', { name: 'Pay' })).toBeEnabled();
    await typeCard(cardElement(page), card);
  });

  test(`hosted Checkout: ${card.number} typed key by key`, async ({ page }) => {
    const product = await stripe.products.create({ name: 'Typing test' });
    const price = await stripe.prices.create({ product: product.id, unit_amount: 500, currency: 'usd' });
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price: price.id, quantity: 1 }],
      customer_email: 'typist@example.com',
      success_url: `${TEST_PAGE_URL}/merchant/success`,
      cancel_url: `${TEST_PAGE_URL}/merchant/cancel`,
    });
    await page.goto(session.url!);
    await typeCard(hostedCheckout(page), card);
  });
}
