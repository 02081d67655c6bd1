// PaymentMethods: cards (test card numbers and `pm_card_*` aliases) and SEPA Direct Debit (IBANs,
// Stripe's test IBANs deciding the outcome), attach/detach, lists.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import type { Params } from '../protocol/params.js';
import { cardError, invalidRequest, parameterMissing } from '../protocol/errors.js';
import { newId, randomToken } from '../ids.js';
import { snapshot } from '../events.js';
import { brandOf, cardByKey, cardKeyForAlias, cardKeyForNumber, passesLuhn, type CardKey, type TestCard } from '../cards.js';
import { mustGet } from './lookup.js';
import { addressFrom } from './address.js';
import { ibanDetails, ibanProblem, normalizeIban, type IbanProblem } from '../sepa.js';

/** Creates a PaymentMethod from `card[number|exp_month|exp_year|cvc]` or `card[token]=tok_visa`. */
export function createCardPaymentMethod(emu: Emulator, card: Params, billing?: Params, metadata: Record<string, string> = {}): Stripe.PaymentMethod {
  card.only('number', 'exp_month', 'exp_year', 'cvc', 'token', 'networks');
  const token = card.str('token');
  if (token) return paymentMethodFromToken(emu, token, card.path('token'), billing, metadata);
  const details = validCard(emu, card);
  return paymentMethodForCard(emu, cardKeyForNumber(details.number) ?? 'visa', details.number, details.expMonth, details.expYear, billing, metadata, details.cvc !== undefined);
}

export interface CardDetails {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string | undefined;
}

/** `card[number|exp_month|exp_year|cvc]`, checked as Stripe checks them (402 card errors). */
export function validCard(emu: Emulator, card: Params): CardDetails {
  const number = card.requiredStr('number').replace(/[\s-]/g, '');
  if (!passesLuhn(number)) throw cardError({ code: 'incorrect_number', message: 'Your card number is incorrect.', param: card.path('number') });
  const expMonth = card.requiredInt('exp_month');
  if (expMonth < 1 || expMonth > 12) throw cardError({ code: 'invalid_expiry_month', message: "Your card's expiration month is invalid.", param: card.path('exp_month') });
  let expYear = card.requiredInt('exp_year');
  if (expYear < 100) expYear += 2000;
  const now = new Date(emu.clock.now() * 1000);
  if (expYear < now.getUTCFullYear() || (expYear === now.getUTCFullYear() && expMonth < now.getUTCMonth() + 1)) {
    throw cardError({ code: 'invalid_expiry_year', message: "Your card's expiration year is invalid.", param: card.path('exp_year') });
  }
  const cvc = card.str('cvc');
  if (cvc !== undefined && !/^\d{3,4}$/.test(cvc)) throw cardError({ code: 'invalid_cvc', message: "Your card's security code is invalid.", param: card.path('cvc') });
  return { number, expMonth, expYear, cvc };
}

/** A card token (`tok_visa` or one from POST /v1/tokens) as a card PaymentMethod. */
export function resolveCardToken(emu: Emulator, tokenId: string, param: string): Stripe.PaymentMethod {
  return paymentMethodFromToken(emu, tokenId, param, undefined, {});
}

/** `card[token]`: a token from POST /v1/tokens (single use), or a test token such as `tok_visa`. */
function paymentMethodFromToken(emu: Emulator, tokenId: string, param: string, billing: Params | undefined, metadata: Record<string, string>): Stripe.PaymentMethod {
  const alias = cardKeyForAlias(tokenId.replace(/^tok_/, 'pm_card_'));
  if (alias) return paymentMethodForCard(emu, alias, cardByKey(alias).number, 12, nextYear() + 2, billing, metadata);
  const token = mustGet(emu, 'token', tokenId, param);
  if (token.used) throw invalidRequest(`You cannot use a Stripe token more than once: ${token.id}.`, param, 'token_already_used');
  token.used = true;
  const number = emu.store.extras(token.id).cardNumber!;
  return paymentMethodForCard(emu, cardKeyForNumber(number) ?? 'visa', number, token.card!.exp_month, token.card!.exp_year, billing, metadata, token.card!.cvc_check !== null);
}

function nextYear(): number {
  return new Date().getUTCFullYear() + 1;
}

function paymentMethodForCard(
  emu: Emulator,
  key: CardKey,
  number: string,
  expMonth: number,
  expYear: number,
  billing: Params | undefined,
  metadata: Record<string, string>,
  cvcGiven = true,
): Stripe.PaymentMethod {
  const brand = cardKeyForNumber(number) ? cardByKey(key).brand : brandOf(number);
  const testCard: TestCard = cardByKey(key);
  billing?.only('name', 'email', 'phone', 'address', 'tax_id');
  const pm = emu.store.insert({
    id: newId('pm'),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: {
      address: addressFrom(billing?.obj('address')),
      email: billing?.str('email') ?? null,
      name: billing?.str('name') ?? null,
      phone: billing?.str('phone') ?? null,
      tax_id: null,
    },
    card: {
      brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: cvcGiven ? 'pass' : null },
      country: testCard.country,
      display_brand: brand,
      exp_month: expMonth,
      exp_year: expYear,
      fingerprint: fingerprintOf(number),
      funding: testCard.funding,
      generated_from: null,
      last4: number.slice(-4),
      networks: { available: [brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: emu.clock.now(),
    customer: null,
    customer_account: null,
    livemode: false,
    metadata,
    type: 'card',
  });
  emu.store.extras(pm.id).card = key;
  return pm;
}

const IBAN_MESSAGES: Record<IbanProblem, string> = {
  format: 'The IBAN you provided is invalid: an IBAN starts with a two-letter country code and two check digits, followed by letters and digits only.',
  country: 'The IBAN you provided is invalid: its country code is not one of the countries SEPA Direct Debit supports.',
  length: 'The IBAN you provided is invalid: it has the wrong number of characters for its country.',
  checksum: 'The IBAN you provided is invalid: its check digits do not match (checksum failed).',
};

/** Creates a `sepa_debit` PaymentMethod from `sepa_debit[iban]`; Stripe requires the holder's name and email. */
export function createSepaDebitPaymentMethod(emu: Emulator, sepa: Params, billing: Params | undefined, metadata: Record<string, string> = {}): Stripe.PaymentMethod {
  sepa.only('iban');
  const iban = normalizeIban(sepa.requiredStr('iban'));
  const problem = ibanProblem(iban);
  if (problem) throw invalidRequest(IBAN_MESSAGES[problem], sepa.path('iban'));
  billing?.only('name', 'email', 'phone', 'address', 'tax_id');
  const name = billing?.str('name');
  if (!name) throw invalidRequest('A SEPA Direct Debit PaymentMethod needs the account holder\'s name: billing_details[name] is required.', 'billing_details[name]', 'parameter_missing');
  const email = billing?.str('email');
  if (!email) throw invalidRequest('A SEPA Direct Debit PaymentMethod needs the account holder\'s email: billing_details[email] is required.', 'billing_details[email]', 'parameter_missing');
  const details = ibanDetails(iban);
  const pm = emu.store.insert({
    id: newId('pm'),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: { address: addressFrom(billing?.obj('address')), email, name, phone: billing?.str('phone') ?? null, tax_id: null },
    created: emu.clock.now(),
    customer: null,
    customer_account: null,
    livemode: false,
    metadata,
    sepa_debit: { ...details, fingerprint: fingerprintOf(iban), generated_from: { charge: null, setup_attempt: null } },
    type: 'sepa_debit',
  });
  emu.store.extras(pm.id).iban = iban;
  return pm;
}

const fingerprints = new Map<string, string>();
function fingerprintOf(number: string): string {
  let fingerprint = fingerprints.get(number);
  if (!fingerprint) fingerprints.set(number, (fingerprint = randomToken(16)));
  return fingerprint;
}

/** A PaymentMethod by id, or a fresh one for a `pm_card_*` alias (as Stripe does for each use). */
export function resolvePaymentMethod(emu: Emulator, idOrAlias: string, param: string): Stripe.PaymentMethod {
  const key = cardKeyForAlias(idOrAlias);
  if (key) return paymentMethodForCard(emu, key, cardByKey(key).number, 12, nextYear() + 2, undefined, {});
  return mustGet(emu, 'payment_method', idOrAlias, param);
}

export function testCardOf(emu: Emulator, pm: Stripe.PaymentMethod): TestCard {
  return cardByKey(emu.store.extras(pm.id).card ?? 'visa');
}

/** Attaches to a customer; Stripe verifies the card then, so cards that always decline fail here. */
export function attachPaymentMethod(emu: Emulator, idOrAlias: string, customerId: string, param: string): Stripe.PaymentMethod {
  const pm = resolvePaymentMethod(emu, idOrAlias, param);
  if (pm.customer === customerId) return pm;
  if (pm.customer) {
    throw invalidRequest('The payment method you provided has already been attached to a customer.', param, 'payment_method_unexpected_state');
  }
  const card = pm.type === 'card' ? testCardOf(emu, pm) : undefined;
  if (card?.declinesOnAttach && card.decline) {
    throw cardError({ ...card.decline, param: card.decline.param ? `card[${card.decline.param}]` : undefined });
  }
  pm.customer = customerId;
  emu.events.emit('payment_method.attached', pm);
  return pm;
}

export function detachPaymentMethod(emu: Emulator, pm: Stripe.PaymentMethod): Stripe.PaymentMethod {
  if (!pm.customer) throw invalidRequest('The payment method you provided is not attached to a customer so detachment is impossible.', undefined, 'payment_method_unexpected_state');
  const customer = emu.store.get('customer', pm.customer as string);
  pm.customer = null;
  emu.events.emit('payment_method.detached', pm, { customer: customer?.id ?? null });
  if (customer && customer.invoice_settings.default_payment_method === pm.id) {
    const before = snapshot(customer);
    customer.invoice_settings.default_payment_method = null;
    emu.events.emitUpdate('customer.updated', customer, before);
  }
  return pm;
}

export function updatePaymentMethod(emu: Emulator, pm: Stripe.PaymentMethod, params: Params): Stripe.PaymentMethod {
  params.only('billing_details', 'card', 'metadata', 'allow_redisplay');
  const before = snapshot(pm);
  const card = params.obj('card')?.only('exp_month', 'exp_year', 'networks');
  if (card && pm.card) {
    pm.card.exp_month = card.int('exp_month', { min: 1, max: 12 }) ?? pm.card.exp_month;
    pm.card.exp_year = card.int('exp_year') ?? pm.card.exp_year;
  }
  const billing = params.obj('billing_details')?.only('name', 'email', 'phone', 'address', 'tax_id');
  if (billing) {
    for (const field of ['name', 'email', 'phone'] as const) {
      const value = billing.nullableStr(field);
      if (value !== undefined) pm.billing_details[field] = value;
    }
    if (billing.has('address')) pm.billing_details.address = addressFrom(billing.obj('address'));
  }
  pm.metadata = params.metadata(pm.metadata ?? {});
  emu.events.emitUpdate('payment_method.updated', pm, before);
  return pm;
}

/** The PaymentMethod an intent call names: `payment_method_data[card]` creates one, `payment_method` resolves an id or alias. */
export function paymentMethodFromParams(emu: Emulator, params: Params): Stripe.PaymentMethod | undefined {
  const data = params.obj('payment_method_data')?.only('type', 'card', 'sepa_debit', 'billing_details', 'metadata', 'allow_redisplay');
  if (data) {
    if (data.str('type') === 'sepa_debit') {
      const sepa = data.obj('sepa_debit');
      if (!sepa) throw parameterMissing(data.path('sepa_debit'));
      return createSepaDebitPaymentMethod(emu, sepa, data.obj('billing_details'), data.metadata());
    }
    const card = data.obj('card');
    if (!card) throw parameterMissing(data.path('card'));
    return createCardPaymentMethod(emu, card, data.obj('billing_details'), data.metadata());
  }
  const id = params.str('payment_method');
  return id ? resolvePaymentMethod(emu, id, 'payment_method') : undefined;
}
