// PaymentIntents: the payment state machine (confirm, 3-D Secure, capture, cancel), charging
// test cards as Stripe test mode does, on-session and off-session.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import type { Params } from '../protocol/params.js';
import { cardError, invalidRequest, unexpectedState } from '../protocol/errors.js';
import { DECLINES, type Decline, type TestCard } from '../cards.js';
import { clientSecretFor, newId, randomToken } from '../ids.js';
import { snapshot } from '../events.js';
import { idOf, mustGet, nowForCustomer } from './lookup.js';
import { attachPaymentMethod, paymentMethodFromParams, resolvePaymentMethod, testCardOf } from './payment-methods.js';
import { recordCharge, settleDebitCharge } from './charges.js';
import { activeMandateOf, createSepaMandate, type MandateAcceptance } from './mandates.js';
import { SEPA_DELAY_SECONDS, sepaOutcome, type SepaFailureCode } from '../sepa.js';
import { openDisputeFor } from './disputes.js';
import { recordBalanceTransaction } from './balance-transactions.js';

const CONFIRMABLE: Stripe.PaymentIntent.Status[] = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
const CANCELABLE: Stripe.PaymentIntent.Status[] = ['requires_payment_method', 'requires_capture', 'requires_confirmation', 'requires_action', 'processing'];

export interface NewPaymentIntent {
  amount: number;
  currency: string;
  customer?: string | null;
  description?: string | null;
  metadata?: Record<string, string>;
  captureMethod?: Stripe.PaymentIntent.CaptureMethod;
  setupFutureUsage?: Stripe.PaymentIntent.SetupFutureUsage | null;
  automaticPaymentMethods?: boolean;
  receiptEmail?: string | null;
  paymentMethod?: string | null;
  /** `payment_method_types`; without it, cards (and, with automatic payment methods, sepa_debit for eur when confirmed with one). */
  paymentMethodTypes?: string[];
}

/** The payment method types the emulator can take. */
export const SUPPORTED_PAYMENT_METHOD_TYPES = ['card', 'sepa_debit'];

/** Creates a PaymentIntent in requires_payment_method / requires_confirmation and emits payment_intent.created. */
export function createPaymentIntent(emu: Emulator, init: NewPaymentIntent): Stripe.PaymentIntent {
  const id = newId('pi');
  const pi = emu.store.insert({
    id,
    object: 'payment_intent',
    allowed_payment_method_types: null,
    amount: init.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: init.automaticPaymentMethods ? { allow_redirects: 'always', enabled: true } : null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: init.captureMethod ?? 'automatic_async',
    client_secret: clientSecretFor(id),
    confirmation_method: 'automatic',
    created: nowForCustomer(emu, init.customer),
    currency: init.currency,
    customer: init.customer ?? null,
    customer_account: null,
    description: init.description ?? null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: init.metadata ?? {},
    next_action: null,
    on_behalf_of: null,
    payment_method: init.paymentMethod ?? null,
    payment_method_configuration_details: null,
    payment_method_options: paymentMethodOptionsFor(init.paymentMethodTypes ?? ['card']),
    payment_method_types: init.paymentMethodTypes ?? ['card'],
    payment_record: null,
    processing: null,
    receipt_email: init.receiptEmail ?? null,
    review: null,
    setup_future_usage: init.setupFutureUsage ?? null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: init.paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
    transfer_data: null,
    transfer_group: null,
  });
  emu.events.emit('payment_intent.created', pi);
  return pi;
}

function paymentMethodOptionsFor(types: string[]): Stripe.PaymentIntent.PaymentMethodOptions {
  const options: Stripe.PaymentIntent.PaymentMethodOptions = {};
  if (types.includes('card') || !types.includes('sepa_debit')) options.card = { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' };
  if (types.includes('sepa_debit')) options.sepa_debit = {};
  return options;
}

export interface ConfirmOptions {
  /** `mandate_data[customer_acceptance]` (or Checkout's own acceptance): makes a mandate for a bank debit. */
  mandate?: MandateAcceptance;
  paymentMethod?: string;
  returnUrl?: string;
  offSession?: boolean;
  setupFutureUsage?: Stripe.PaymentIntent.SetupFutureUsage | null;
  errorOnRequiresAction?: boolean;
  receiptEmail?: string;
  /**
   * Off-session, a card that needs 3-D Secure declines with authentication_required — except for
   * Billing's own payments, which wait in requires_action for the customer to authenticate.
   */
  requestAuthenticationOffSession?: boolean;
}

export function updatePaymentIntent(emu: Emulator, pi: Stripe.PaymentIntent, params: Params): Stripe.PaymentIntent {
  params.only('amount', 'currency', 'customer', 'description', 'metadata', 'payment_method', 'receipt_email', 'setup_future_usage', 'capture_method', 'shipping', 'statement_descriptor', 'statement_descriptor_suffix', 'payment_method_types', 'payment_method_data', 'payment_method_options', 'transfer_group', 'application_fee_amount', 'excluded_payment_method_types', 'amount_details', 'payment_details', 'hooks');
  const changesPayment = ['amount', 'currency', 'customer', 'payment_method', 'capture_method', 'setup_future_usage'].some((k) => params.has(k));
  if (changesPayment && !CONFIRMABLE.includes(pi.status)) {
    throw unexpectedState(`This PaymentIntent's ${Object.keys(params.raw)[0]} could not be updated because it has a status of ${pi.status}. You may only update the ${Object.keys(params.raw)[0]} of a PaymentIntent with one of the following statuses: requires_payment_method, requires_confirmation, requires_action.`);
  }
  const amount = params.int('amount', { min: 1 });
  if (amount !== undefined) pi.amount = amount;
  const currency = params.str('currency');
  if (currency) pi.currency = currency.toLowerCase();
  const customer = params.nullableStr('customer');
  if (customer) mustGet(emu, 'customer', customer, 'customer');
  if (customer !== undefined) pi.customer = customer;
  params.assignNullableStrs(pi, 'description', 'receipt_email');
  const captureMethod = params.oneOf('capture_method', ['automatic', 'automatic_async', 'manual'] as const);
  if (captureMethod) pi.capture_method = captureMethod;
  if (params.isCleared('setup_future_usage')) pi.setup_future_usage = null;
  const sfu = params.oneOf('setup_future_usage', ['off_session', 'on_session'] as const);
  if (sfu) pi.setup_future_usage = sfu;
  const pm = paymentMethodFromParams(emu, params);
  if (pm) {
    pi.payment_method = pm.id;
    pi.status = 'requires_confirmation';
  }
  pi.metadata = params.metadata(pi.metadata);
  return pi;
}

/**
 * Confirms a PaymentIntent: charges its card, or asks for 3-D Secure, or records the decline and
 * throws the 402 card error (with the PaymentIntent in it) as Stripe does.
 */
export function confirmPaymentIntent(emu: Emulator, id: string, options: ConfirmOptions = {}): Stripe.PaymentIntent {
  const pi = mustGet(emu, 'payment_intent', id, 'intent');
  if (!CONFIRMABLE.includes(pi.status)) {
    throw unexpectedState(
      `You cannot confirm this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be confirmed: requires_confirmation, requires_action, requires_payment_method.`,
    );
  }
  const pmId = options.paymentMethod ?? idOf(pi.payment_method);
  if (!pmId) {
    throw unexpectedState(
      "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
    );
  }
  const pm = resolvePaymentMethod(emu, pmId, 'payment_method');
  if (pm.customer && pi.customer && pm.customer !== pi.customer) {
    throw invalidRequest(`The provided PaymentMethod belongs to a different Customer than the one on this PaymentIntent.`, 'payment_method');
  }
  if (options.setupFutureUsage !== undefined) pi.setup_future_usage = options.setupFutureUsage;
  if (options.receiptEmail) pi.receipt_email = options.receiptEmail;
  pi.payment_method = pm.id;
  pi.last_payment_error = null;
  const extras = emu.store.extras(pi.id);
  extras.offSession = options.offSession ?? false;
  extras.threeDSecurePassed = false;
  if (pm.type === 'sepa_debit') return startDebit(emu, pi, pm, options);
  const card = testCardOf(emu, pm);

  if (needsAuthentication(emu, card, pm, pi)) {
    if ((extras.offSession && !options.requestAuthenticationOffSession) || options.errorOnRequiresAction) {
      return decline(emu, pi, pm, DECLINES.authenticationRequired, false);
    }
    pi.status = 'requires_action';
    pi.next_action = threeDSecureAction(emu, pi.id, options.returnUrl);
    emu.events.emit('payment_intent.requires_action', pi);
    return pi;
  }
  return charge(emu, pi, pm, card);
}

function needsAuthentication(emu: Emulator, card: TestCard, pm: Stripe.PaymentMethod, pi: Stripe.PaymentIntent): boolean {
  if (emu.store.extras(pi.id).threeDSecurePassed) return false;
  if (card.threeDSecure === 'always') return true;
  return card.threeDSecure === 'unless_set_up' && !emu.store.extras(pm.id).authenticatedForOffSession;
}

/** The challenge lives on the emulator's origin; the hosted pages render it. */
export function threeDSecureAction(emu: Emulator, intentId: string, returnUrl: string | undefined): Stripe.PaymentIntent.NextAction {
  const url = `${emu.baseUrl}/_emulator/3ds/${intentId}`;
  if (returnUrl) return { type: 'redirect_to_url', redirect_to_url: { url: `${url}?return_url=${encodeURIComponent(returnUrl)}`, return_url: returnUrl } };
  return { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: url, source: `src_${randomToken(24)}` } };
}

/** Finishes (or fails) a PaymentIntent's 3-D Secure challenge: the hosted challenge page and the control API call this. */
export function resolvePaymentIntentThreeDSecure(emu: Emulator, pi: Stripe.PaymentIntent, outcome: 'complete' | 'fail'): Stripe.PaymentIntent {
  if (pi.status !== 'requires_action') {
    throw unexpectedState(`This PaymentIntent has a status of ${pi.status}; 3-D Secure can only be resolved in requires_action.`);
  }
  const pm = mustGet(emu, 'payment_method', idOf(pi.payment_method)!, 'payment_method');
  pi.next_action = null;
  if (outcome === 'fail') {
    pi.status = 'requires_payment_method';
    pi.last_payment_error = {
      code: 'payment_intent_authentication_failure',
      doc_url: 'https://stripe.com/docs/error-codes/payment-intent-authentication-failure',
      message: 'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
      payment_method: snapshot(pm),
      type: 'invalid_request_error',
    };
    emu.events.emit('payment_intent.payment_failed', pi);
    return pi;
  }
  emu.store.extras(pi.id).threeDSecurePassed = true;
  if (pi.setup_future_usage || testCardOf(emu, pm).threeDSecure === 'unless_set_up') {
    emu.store.extras(pm.id).authenticatedForOffSession = true;
  }
  try {
    return charge(emu, pi, pm, testCardOf(emu, pm));
  } catch (err) {
    // The browser sees the decline on the PaymentIntent itself, not as an API error.
    if (pi.status === 'requires_payment_method') return pi;
    throw err;
  }
}

function charge(emu: Emulator, pi: Stripe.PaymentIntent, pm: Stripe.PaymentMethod, card: TestCard): Stripe.PaymentIntent {
  const threeDSecure = emu.store.extras(pi.id).threeDSecurePassed ?? false;
  if (card.decline) return decline(emu, pi, pm, card.decline, true, threeDSecure);
  const manual = pi.capture_method === 'manual';
  const ch = recordCharge(emu, { paymentIntent: pi, paymentMethod: pm, capture: !manual, threeDSecure });
  pi.latest_charge = ch.id;
  pi.next_action = null;
  if (pi.setup_future_usage && pi.customer) {
    attachPaymentMethod(emu, pm.id, idOf(pi.customer)!, 'payment_method');
    emu.store.extras(pm.id).authenticatedForOffSession = true;
  }
  if (manual) {
    pi.status = 'requires_capture';
    pi.amount_capturable = pi.amount;
    emu.events.emit('charge.succeeded', ch);
    emu.events.emit('payment_intent.amount_capturable_updated', pi);
    return pi;
  }
  succeed(emu, pi, ch);
  afterSuccess(emu, pi, ch, card);
  return pi;
}

function afterSuccess(emu: Emulator, pi: Stripe.PaymentIntent, ch: Stripe.Charge, card: TestCard): void {
  emu.reactions.paymentSucceeded(emu, pi);
  if (card.dispute) openDisputeFor(emu, ch, card.dispute);
}

function isInvoicePayment(emu: Emulator, pi: Stripe.PaymentIntent): boolean {
  return emu.store.list('invoice_payment').some((p) => p.payment.payment_intent === pi.id);
}

function decline(emu: Emulator, pi: Stripe.PaymentIntent, pm: Stripe.PaymentMethod, reason: Decline, recordsCharge: boolean, threeDSecure = false): never {
  const ch = recordsCharge ? recordCharge(emu, { paymentIntent: pi, paymentMethod: pm, capture: true, decline: reason, threeDSecure }) : undefined;
  if (ch) pi.latest_charge = ch.id;
  pi.status = 'requires_payment_method';
  pi.next_action = null;
  pi.last_payment_error = {
    charge: ch?.id,
    code: reason.code as Stripe.PaymentIntent.LastPaymentError.Code,
    decline_code: reason.decline_code,
    doc_url: `https://stripe.com/docs/error-codes/${reason.code.replace(/_/g, '-')}`,
    message: reason.message,
    payment_method: snapshot(pm),
    type: 'card_error',
  };
  if (ch) emu.events.emit('charge.failed', ch);
  emu.events.emit('payment_intent.payment_failed', pi);
  throw cardError({
    code: reason.code,
    decline_code: reason.decline_code,
    message: reason.message,
    charge: ch?.id,
    payment_intent: snapshot(pi),
    payment_method: pm,
  });
}

export function capturePaymentIntent(emu: Emulator, pi: Stripe.PaymentIntent, amountToCapture?: number): Stripe.PaymentIntent {
  if (pi.status !== 'requires_capture') {
    throw unexpectedState(`This PaymentIntent could not be captured because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`);
  }
  const amount = amountToCapture ?? pi.amount_capturable;
  if (amount > pi.amount_capturable) {
    throw invalidRequest(`The amount to capture (${amount}) is greater than the amount capturable (${pi.amount_capturable}).`, 'amount_to_capture', 'amount_too_large');
  }
  const ch = mustGet(emu, 'charge', idOf(pi.latest_charge)!, 'charge');
  ch.captured = true;
  ch.amount_captured = amount;
  ch.amount_refunded = pi.amount - amount;
  ch.balance_transaction = recordBalanceTransaction(emu, {
    amount,
    currency: ch.currency,
    type: 'charge',
    reportingCategory: 'charge',
    source: ch.id,
    description: ch.description,
    created: nowForCustomer(emu, idOf(pi.customer)),
  }).id;
  pi.status = 'succeeded';
  pi.amount_received = amount;
  pi.amount_capturable = 0;
  emu.events.emit('charge.captured', ch);
  emu.events.emit('payment_intent.succeeded', pi);
  afterSuccess(emu, pi, ch, testCardOf(emu, mustGet(emu, 'payment_method', idOf(pi.payment_method)!)));
  return pi;
}

export function cancelPaymentIntent(emu: Emulator, pi: Stripe.PaymentIntent, reason: Stripe.PaymentIntent.CancellationReason | null): Stripe.PaymentIntent {
  if (!CANCELABLE.includes(pi.status)) {
    throw unexpectedState(`You cannot cancel this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`);
  }
  pi.status = 'canceled';
  pi.canceled_at = emu.clock.now();
  pi.cancellation_reason = reason;
  pi.next_action = null;
  pi.amount_capturable = 0;
  emu.events.emit('payment_intent.canceled', pi);
  return pi;
}

// ---------------------------------------------------------------------------------------------
// Bank debits (SEPA Direct Debit): confirm → `processing` (charge `pending`), then on the
// customer's clock the debit settles as the IBAN's row in Stripe's test table says.

const pendingDebits = new WeakMap<Emulator, Set<string>>();

function pendingSet(emu: Emulator): Set<string> {
  let set = pendingDebits.get(emu);
  if (!set) {
    set = new Set(emu.store.list('payment_intent').filter((pi) => pi.status === 'processing').map((pi) => pi.id));
    pendingDebits.set(emu, set);
  }
  return set;
}

function startDebit(emu: Emulator, pi: Stripe.PaymentIntent, pm: Stripe.PaymentMethod, options: ConfirmOptions): Stripe.PaymentIntent {
  // With automatic payment methods, Stripe offers SEPA Direct Debit for eur (where the account enables it).
  const automaticEur = pi.automatic_payment_methods?.enabled === true && pi.currency === 'eur';
  if (!pi.payment_method_types.includes('sepa_debit') && !automaticEur) {
    throw invalidRequest(
      `The provided PaymentMethod has type sepa_debit, which is not one of this PaymentIntent's payment_method_types (${pi.payment_method_types.join(', ')}). Create the PaymentIntent with payment_method_types including sepa_debit.`,
      'payment_method',
      'payment_intent_incompatible_payment_method',
    );
  }
  if (pi.currency !== 'eur') {
    throw invalidRequest(`SEPA Direct Debit payments must be in eur; this PaymentIntent is in ${pi.currency}.`, 'payment_method', 'payment_intent_incompatible_payment_method');
  }
  const now = nowForCustomer(emu, idOf(pi.customer));
  let mandate = options.mandate ? undefined : activeMandateOf(emu, pm);
  // An existing mandate serves off-session payments (and Billing's own); on-session, the customer accepts one now.
  if (mandate && !options.offSession && !options.requestAuthenticationOffSession) mandate = undefined;
  if (!mandate) {
    if (!options.mandate) {
      throw invalidRequest(
        'A SEPA Direct Debit payment needs a mandate: confirm with mandate_data[customer_acceptance] (type online or offline), or off_session with a PaymentMethod that already has an active mandate.',
        'mandate_data',
        'payment_intent_mandate_invalid',
      );
    }
    mandate = createSepaMandate(emu, pm, options.mandate, now);
  }
  const ch = recordCharge(emu, { paymentIntent: pi, paymentMethod: pm, capture: true, threeDSecure: false, mandate: mandate.id });
  pi.latest_charge = ch.id;
  pi.next_action = null;
  pi.status = 'processing';
  if (pi.setup_future_usage && pi.customer) attachPaymentMethod(emu, pm.id, idOf(pi.customer)!, 'payment_method');
  const outcome = sepaOutcome(emu.store.extras(pm.id).iban ?? '');
  emu.store.extras(pi.id).debitSettlesAt = now + (outcome.delayed ? SEPA_DELAY_SECONDS : 0);
  pendingSet(emu).add(pi.id);
  emu.events.emit('charge.pending', ch);
  emu.events.emit('payment_intent.processing', pi);
  emu.reactions.paymentProcessing(emu, pi);
  return pi;
}

/** The failure codes that are also in the API's list of error codes (the others exist only as a charge's failure_code). */
const API_ERROR_CODES = new Set<string>(['insufficient_funds', 'charge_exceeds_source_limit']);

const FAILURE_MESSAGES: Record<SepaFailureCode, string> = {
  generic_could_not_process: 'The payment could not be processed: the bank returned the debit.',
  charge_exceeds_source_limit: 'This payment would take the account over its weekly payment volume limit for SEPA Direct Debit.',
  charge_exceeds_weekly_limit: "This payment exceeds the account's SEPA Direct Debit transaction volume limit.",
  insufficient_funds: "The customer's account has insufficient funds to cover this payment.",
};

/** Settles one processing debit now: succeeded (maybe then disputed) or back to requires_payment_method. */
export function settleDebit(emu: Emulator, pi: Stripe.PaymentIntent): void {
  pendingSet(emu).delete(pi.id);
  if (pi.status !== 'processing') return;
  const pm = mustGet(emu, 'payment_method', idOf(pi.payment_method)!, 'payment_method');
  const ch = mustGet(emu, 'charge', idOf(pi.latest_charge)!, 'charge');
  const at = nowForCustomer(emu, idOf(pi.customer));
  const outcome = sepaOutcome(emu.store.extras(pm.id).iban ?? '');
  delete emu.store.extras(pi.id).debitSettlesAt;
  if (outcome.kind === 'fail') {
    const failure = { code: outcome.code, message: FAILURE_MESSAGES[outcome.code] };
    settleDebitCharge(emu, ch, failure, at);
    pi.status = 'requires_payment_method';
    pi.last_payment_error = {
      charge: ch.id,
      // The charge always carries the failure code; the error repeats it when it is one of the API's error codes.
      ...(API_ERROR_CODES.has(failure.code) ? { code: failure.code as Stripe.PaymentIntent.LastPaymentError.Code } : {}),
      doc_url: `https://stripe.com/docs/error-codes/${failure.code.replace(/_/g, '-')}`,
      message: failure.message,
      payment_method: snapshot(pm),
      type: 'invalid_request_error',
    };
    emu.events.emit('charge.failed', ch);
    emu.events.emit('payment_intent.payment_failed', pi);
    emu.reactions.paymentFailed(emu, pi);
    return;
  }
  settleDebitCharge(emu, ch, undefined, at);
  succeed(emu, pi, ch);
  emu.reactions.paymentSucceeded(emu, pi);
  if (outcome.dispute) openDisputeFor(emu, ch, 'chargeback');
}

/** The intent succeeded with `ch`: its status and the two events, in Stripe's order. */
function succeed(emu: Emulator, pi: Stripe.PaymentIntent, ch: Stripe.Charge): void {
  pi.status = 'succeeded';
  pi.amount_received = pi.amount;
  // Billing's own PaymentIntents announce success before the charge, as Stripe's invoice flow does.
  if (isInvoicePayment(emu, pi)) {
    emu.events.emit('payment_intent.succeeded', pi);
    emu.events.emit('charge.succeeded', ch);
  } else {
    emu.events.emit('charge.succeeded', ch);
    emu.events.emit('payment_intent.succeeded', pi);
  }
}

/** When the next processing debit on `testClock` (null: the global clock) settles, if any. */
export function dueDebits(emu: Emulator, testClock: string | null, upTo: number): { at: number; pi: Stripe.PaymentIntent }[] {
  const due: { at: number; pi: Stripe.PaymentIntent }[] = [];
  for (const id of pendingSet(emu)) {
    const pi = emu.store.get('payment_intent', id);
    const at = pi && emu.store.extras(id).debitSettlesAt;
    if (!pi || pi.status !== 'processing' || at === undefined) {
      pendingSet(emu).delete(id);
      continue;
    }
    const customer = pi.customer ? emu.store.get('customer', idOf(pi.customer)!) : undefined;
    if ((idOf(customer?.test_clock ?? null) ?? null) !== testClock) continue;
    if (at <= upTo) due.push({ at, pi });
  }
  return due.sort((a, b) => a.at - b.at);
}

/**
 * Settles every debit whose time has come on its own clock (the global clock, or its customer's
 * test clock). The API runs this before each request, so a debit settles "moments later" as on
 * Stripe, and a delayed one once its three minutes have passed on its clock.
 */
export function settleDueDebits(emu: Emulator): void {
  const set = pendingSet(emu);
  if (set.size === 0) return;
  for (const id of [...set]) {
    const pi = emu.store.get('payment_intent', id);
    const at = pi && emu.store.extras(id).debitSettlesAt;
    if (!pi || pi.status !== 'processing' || at === undefined) {
      set.delete(id);
      continue;
    }
    if (at <= nowForCustomer(emu, idOf(pi.customer))) settleDebit(emu, pi);
  }
}
