// Stripe's test cards: what each number does when attached, charged, or authenticated.

export interface Decline {
  code: string;
  decline_code: string;
  message: string;
  param?: string;
}

export const DECLINES = {
  generic: { code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' },
  insufficientFunds: { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  lostCard: { code: 'card_declined', decline_code: 'lost_card', message: 'Your card was declined.' },
  stolenCard: { code: 'card_declined', decline_code: 'stolen_card', message: 'Your card was declined.' },
  expiredCard: { code: 'expired_card', decline_code: 'expired_card', message: 'Your card has expired.', param: 'exp_month' },
  incorrectCvc: { code: 'incorrect_cvc', decline_code: 'incorrect_cvc', message: "Your card's security code is incorrect.", param: 'cvc' },
  processingError: {
    code: 'processing_error',
    decline_code: 'processing_error',
    message: 'An error occurred while processing your card. Try again in a little bit.',
  },
  authenticationRequired: {
    code: 'authentication_required',
    decline_code: 'authentication_required',
    message: 'Your card was declined. This transaction requires authentication.',
  },
} satisfies Record<string, Decline>;

export interface TestCard {
  number: string;
  brand: 'visa' | 'mastercard' | 'amex' | 'discover';
  funding: 'credit' | 'debit';
  country: string;
  /** Declined whenever it is charged. */
  decline?: Decline;
  /** Also declined when attached to a customer or set up (Stripe verifies the card then). */
  declinesOnAttach?: boolean;
  /**
   * 3-D Secure: 'unless_set_up' asks on-session until the card has been authenticated for
   * off-session use; 'always' asks on every payment (and fails off-session).
   */
  threeDSecure?: 'unless_set_up' | 'always';
  /** Charge succeeds, then the cardholder disputes it (a chargeback) or the issuer opens an inquiry. */
  dispute?: 'chargeback' | 'inquiry';
}

const CARDS = {
  visa: { number: '4242424242424242', brand: 'visa', funding: 'credit', country: 'US' },
  visaDebit: { number: '4000056655665556', brand: 'visa', funding: 'debit', country: 'US' },
  mastercard: { number: '5555555555554444', brand: 'mastercard', funding: 'credit', country: 'US' },
  amex: { number: '378282246310005', brand: 'amex', funding: 'credit', country: 'US' },
  discover: { number: '6011111111111117', brand: 'discover', funding: 'credit', country: 'US' },
  chargeDeclined: { number: '4000000000000002', brand: 'visa', funding: 'credit', country: 'US', decline: DECLINES.generic, declinesOnAttach: true },
  insufficientFunds: { number: '4000000000009995', brand: 'visa', funding: 'credit', country: 'US', decline: DECLINES.insufficientFunds, declinesOnAttach: true },
  lostCard: { number: '4000000000009987', brand: 'visa', funding: 'credit', country: 'US', decline: DECLINES.lostCard, declinesOnAttach: true },
  stolenCard: { number: '4000000000009979', brand: 'visa', funding: 'credit', country: 'US', decline: DECLINES.stolenCard, declinesOnAttach: true },
  expiredCard: { number: '4000000000000069', brand: 'visa', funding: 'credit', country: 'US', decline: DECLINES.expiredCard, declinesOnAttach: true },
  incorrectCvc: { number: '4000000000000127', brand: 'visa', funding: 'credit', country: 'US', decline: DECLINES.incorrectCvc, declinesOnAttach: true },
  processingError: { number: '4000000000000119', brand: 'visa', funding: 'credit', country: 'US', decline: DECLINES.processingError, declinesOnAttach: true },
  chargeCustomerFail: { number: '4000000000000341', brand: 'visa', funding: 'credit', country: 'US', decline: DECLINES.generic },
  createDispute: { number: '4000000000000259', brand: 'visa', funding: 'credit', country: 'US', dispute: 'chargeback' },
  createDisputeInquiry: { number: '4000000000001976', brand: 'visa', funding: 'credit', country: 'US', dispute: 'inquiry' },
  bypassPending: { number: '4000000000000077', brand: 'visa', funding: 'credit', country: 'US' },
  authenticationRequiredOnSetup: { number: '4000002500003155', brand: 'visa', funding: 'credit', country: 'US', threeDSecure: 'unless_set_up' },
  authenticationRequired: { number: '4000002760003184', brand: 'visa', funding: 'credit', country: 'US', threeDSecure: 'always' },
  threeDSecure2Required: { number: '4000000000003220', brand: 'visa', funding: 'credit', country: 'US', threeDSecure: 'always' },
  authenticationThenDecline: { number: '4000008400001629', brand: 'visa', funding: 'credit', country: 'US', threeDSecure: 'always', decline: DECLINES.generic },
} satisfies Record<string, TestCard>;

export type CardKey = keyof typeof CARDS;

/** Stripe's `pm_card_*` test PaymentMethods. */
const PAYMENT_METHOD_ALIASES: Record<string, CardKey> = {
  pm_card_visa: 'visa',
  pm_card_visa_debit: 'visaDebit',
  pm_card_mastercard: 'mastercard',
  pm_card_amex: 'amex',
  pm_card_discover: 'discover',
  pm_card_chargeDeclined: 'chargeDeclined',
  pm_card_visa_chargeDeclined: 'chargeDeclined',
  pm_card_chargeDeclinedInsufficientFunds: 'insufficientFunds',
  pm_card_visa_chargeDeclinedInsufficientFunds: 'insufficientFunds',
  pm_card_chargeDeclinedLostCard: 'lostCard',
  pm_card_visa_chargeDeclinedLostCard: 'lostCard',
  pm_card_chargeDeclinedStolenCard: 'stolenCard',
  pm_card_visa_chargeDeclinedStolenCard: 'stolenCard',
  pm_card_chargeDeclinedExpiredCard: 'expiredCard',
  pm_card_visa_chargeDeclinedExpiredCard: 'expiredCard',
  pm_card_chargeDeclinedIncorrectCvc: 'incorrectCvc',
  pm_card_visa_chargeDeclinedIncorrectCvc: 'incorrectCvc',
  pm_card_chargeDeclinedProcessingError: 'processingError',
  pm_card_visa_chargeDeclinedProcessingError: 'processingError',
  pm_card_chargeCustomerFail: 'chargeCustomerFail',
  pm_card_visa_chargeCustomerFail: 'chargeCustomerFail',
  pm_card_createDispute: 'createDispute',
  pm_card_createDisputeInquiry: 'createDisputeInquiry',
  pm_card_bypassPending: 'bypassPending',
  pm_card_authenticationRequiredOnSetup: 'authenticationRequiredOnSetup',
  pm_card_authenticationRequired: 'authenticationRequired',
  pm_card_threeDSecure2Required: 'threeDSecure2Required',
  pm_card_authenticationRequiredChargeDeclined: 'authenticationThenDecline',
};

/** Every test card the emulator knows, for the specs that type them into its card fields. */
export function testCards(): TestCard[] {
  return Object.values(CARDS);
}

export function cardByKey(key: CardKey): TestCard {
  return CARDS[key];
}

export function cardKeyForAlias(alias: string): CardKey | undefined {
  return PAYMENT_METHOD_ALIASES[alias];
}

/** The test card for a number; any other valid number behaves like a plain card of its brand. */
export function cardKeyForNumber(number: string): CardKey | undefined {
  for (const [key, card] of Object.entries(CARDS)) if (card.number === number) return key as CardKey;
  return undefined;
}

export function brandOf(number: string): TestCard['brand'] {
  if (/^3[47]/.test(number)) return 'amex';
  if (/^(5[1-5]|2[2-7])/.test(number)) return 'mastercard';
  if (/^6(011|5)/.test(number)) return 'discover';
  return 'visa';
}

export function passesLuhn(number: string): boolean {
  if (!/^\d{12,19}$/.test(number)) return false;
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}
