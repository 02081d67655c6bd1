// Every selector a spec uses on a Stripe surface, in one place, shaped as real Stripe's: the
// Payment Element's and Card Element's cross-origin frames and input names, hosted Checkout's field
// ids and submit test id, the 3-D Secure test challenge inside Stripe.js's nested frames, and the
// customer portal's test ids. Specs drive Stripe only through this module, so the same specs run
// against the emulator and against a Stripe sandbox (E2E_STRIPE=live-test). The emulator's surfaces
// are checked to expose exactly these selectors (e2e/billing/stripe-surfaces.spec.ts), and the
// emulator's own browser specs (emulator/e2e) drive its pages through here too.
//
// Where the names come from: Stripe's documented test flows and public Playwright/Cypress specs
// that drive Stripe test mode (`iframe[title="Secure payment input frame"]` with `number`,
// `expiry`, `cvc`, `country`, `postalCode`; the Card Element's `cardnumber`, `exp-date`, `cvc`,
// `postal`; Checkout's `#cardNumber`, `#cardExpiry`, `#cardCvc`, `#billingName`,
// `#billingCountry`, `#billingPostalCode` and `data-testid="hosted-payment-submit-button"`;
// `#challengeFrame` with `#test-source-authorize-3ds` / `#test-source-fail-3ds`; the portal's
// `data-test="cancel-subscription"`, `data-testid="confirm"`, `data-testid="return-to-business-link"`).
import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';

export const STRIPE_SELECTORS = {
  paymentElement: {
    frame: 'iframe[title="Secure payment input frame"]',
    number: 'input[name="number"]',
    expiry: 'input[name="expiry"]',
    cvc: 'input[name="cvc"]',
    country: 'select[name="country"]',
    postalCode: 'input[name="postalCode"]',
  },
  cardElement: {
    frame: 'iframe[title="Secure card payment input frame"]',
    number: 'input[name="cardnumber"]',
    expiry: 'input[name="exp-date"]',
    cvc: 'input[name="cvc"]',
    postalCode: 'input[name="postal"]',
  },
  checkout: {
    email: 'input#email',
    number: 'input#cardNumber',
    expiry: 'input#cardExpiry',
    cvc: 'input#cardCvc',
    name: 'input#billingName',
    country: 'select#billingCountry',
    postalCode: 'input#billingPostalCode',
    promotionCode: 'input#promotionCode',
    submit: '[data-testid="hosted-payment-submit-button"]',
  },
  threeDSecure: {
    /** Stripe.js's frames are all named so; the challenge's modal is the last one in the page. */
    modal: 'iframe[name^="__privateStripeFrame"]',
    challenge: 'iframe#challengeFrame',
    complete: '#test-source-authorize-3ds',
    fail: '#test-source-fail-3ds',
  },
  portal: {
    cancelSubscription: '[data-test="cancel-subscription"]',
    confirm: '[data-testid="confirm"]',
    returnToBusiness: '[data-testid="return-to-business-link"]',
  },
} as const;

/** A test card as a customer types it. */
export interface CardEntry {
  number: string;
  expiry?: string;
  cvc?: string;
  postalCode?: string;
}

const DEFAULTS = { expiry: '12 / 34', cvc: '123', postalCode: '94107' };

type Scope = Page | Locator | FrameLocator;

/** Fills a card form's inputs; the postal code only where the form asks for one. */
async function fillInputs(fields: { number: Locator; expiry: Locator; cvc: Locator; postalCode: Locator }, card: CardEntry): Promise<void> {
  const { number, expiry = DEFAULTS.expiry, cvc = DEFAULTS.cvc, postalCode = DEFAULTS.postalCode } = card;
  await fields.number.fill(number);
  await fields.expiry.fill(expiry);
  await fields.cvc.fill(cvc);
  if (await fields.postalCode.count()) await fields.postalCode.fill(postalCode);
}

/** A card form's inputs inside one of Stripe.js's frames, and how a customer types a card into them. */
function framedCard(scope: Scope, s: typeof STRIPE_SELECTORS.paymentElement | typeof STRIPE_SELECTORS.cardElement) {
  const frame = scope.frameLocator(s.frame);
  const fields = { number: frame.locator(s.number), expiry: frame.locator(s.expiry), cvc: frame.locator(s.cvc), postalCode: frame.locator(s.postalCode) };
  return {
    frame,
    ...fields,
    /** Waits for the frame's inputs, then types the card. */
    async fill(card: CardEntry) {
      await expect(fields.number).toBeEditable();
      await fillInputs(fields, card);
    },
  };
}

/** The Payment Element inside `scope` (a page, or the form that holds it). */
export function paymentElement(scope: Scope) {
  const card = framedCard(scope, STRIPE_SELECTORS.paymentElement);
  return { ...card, country: card.frame.locator(STRIPE_SELECTORS.paymentElement.country) };
}

/** The Card Element (one line: number, expiry, CVC, postal code) inside `scope`. */
export function cardElement(scope: Scope) {
  return framedCard(scope, STRIPE_SELECTORS.cardElement);
}

/** Stripe-hosted Checkout (`checkout.stripe.com`, or the emulator's `/c/pay/cs_…`). */
export function hostedCheckout(page: Page) {
  const s = STRIPE_SELECTORS.checkout;
  const fields = { number: page.locator(s.number), expiry: page.locator(s.expiry), cvc: page.locator(s.cvc), postalCode: page.locator(s.postalCode) };
  const submit = page.locator(s.submit);
  return {
    ...fields,
    email: page.locator(s.email),
    name: page.locator(s.name),
    country: page.locator(s.country),
    submit,
    /** Types the card and the cardholder's name (the email too, when Checkout lets the customer edit it). */
    async fill(card: CardEntry & { email?: string; name?: string }) {
      await expect(fields.number).toBeEditable();
      if (card.email !== undefined) await page.locator(s.email).fill(card.email);
      await fillInputs(fields, card);
      await page.locator(s.name).fill(card.name ?? 'Jenny Rosen');
    },
    /** Pays (or subscribes, or starts the trial) with a test card; `label` is what the button must say. */
    async pay(number: string, label: string | RegExp = /^(Pay|Subscribe|Start trial)/) {
      await this.fill({ number });
      await expect(submit).toHaveText(label);
      await submit.click();
    },
  };
}

/** Stripe's test 3-D Secure challenge, inside the modal Stripe.js opens over the page. */
export function threeDSecure(page: Page) {
  const s = STRIPE_SELECTORS.threeDSecure;
  const challenge = page.locator(s.modal).last().contentFrame().locator(s.challenge).contentFrame();
  return {
    challenge,
    complete: challenge.locator(s.complete),
    fail: challenge.locator(s.fail),
    async answer(outcome: 'Complete' | 'Fail') {
      await challenge.locator(outcome === 'Complete' ? s.complete : s.fail).click();
    },
  };
}

/** The same test challenge as a whole page, where a redirect-based confirmation sends the customer. */
export function threeDSecurePage(page: Page) {
  const s = STRIPE_SELECTORS.threeDSecure;
  return { complete: page.locator(s.complete), fail: page.locator(s.fail) };
}

/** The Stripe-hosted customer portal: what the specs touch there. */
export function customerPortal(page: Page) {
  const s = STRIPE_SELECTORS.portal;
  return {
    cancelSubscription: page.locator(s.cancelSubscription),
    confirm: page.locator(s.confirm),
    returnToBusiness: page.locator(s.returnToBusiness),
  };
}
