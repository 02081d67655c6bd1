// SetupIntents: saving a card for later (off-session) use, with 3-D Secure where the card asks.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import { cardError, invalidRequest, unexpectedState } from '../protocol/errors.js';
import { clientSecretFor, newId } from '../ids.js';
import { snapshot } from '../events.js';
import { idOf, mustGet, nowForCustomer } from './lookup.js';
import { attachPaymentMethod, resolvePaymentMethod, testCardOf } from './payment-methods.js';
import { createSepaMandate, type MandateAcceptance } from './mandates.js';
import { threeDSecureAction } from './payment-intents.js';

const CONFIRMABLE: Stripe.SetupIntent.Status[] = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

export interface NewSetupIntent {
  customer: string | null;
  paymentMethod?: string | null;
  usage?: 'off_session' | 'on_session';
  description?: string | null;
  metadata?: Record<string, string>;
  automaticPaymentMethods?: boolean;
  /** `allowed_payment_method_types` / `payment_method_types` (card, sepa_debit). */
  paymentMethodTypes?: string[];
  allowedPaymentMethodTypes?: string[] | null;
}

export function createSetupIntent(emu: Emulator, init: NewSetupIntent): Stripe.SetupIntent {
  const id = newId('seti');
  const si = emu.store.insert({
    id,
    object: 'setup_intent',
    allowed_payment_method_types: (init.allowedPaymentMethodTypes ?? null) as Stripe.SetupIntent.AllowedPaymentMethodType[] | null,
    application: null,
    automatic_payment_methods: init.automaticPaymentMethods ? { allow_redirects: 'always', enabled: true } : null,
    cancellation_reason: null,
    client_secret: clientSecretFor(id),
    created: nowForCustomer(emu, init.customer),
    customer: init.customer,
    customer_account: null,
    description: init.description ?? null,
    excluded_payment_method_types: null,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: init.metadata ?? {},
    next_action: null,
    on_behalf_of: null,
    payment_method: init.paymentMethod ?? null,
    payment_method_configuration_details: null,
    payment_method_options: {
      ...(init.paymentMethodTypes && !init.paymentMethodTypes.includes('card') ? {} : { card: { mandate_options: null, network: null, request_three_d_secure: 'automatic' as const } }),
      ...(init.paymentMethodTypes?.includes('sepa_debit') ? { sepa_debit: {} } : {}),
    },
    payment_method_types: init.paymentMethodTypes ?? ['card'],
    single_use_mandate: null,
    status: init.paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
    usage: init.usage ?? 'off_session',
  });
  emu.events.emit('setup_intent.created', si);
  return si;
}

/** Verifies the card (declines fail here), asks for 3-D Secure where the card does, then attaches it. */
export function confirmSetupIntent(emu: Emulator, si: Stripe.SetupIntent, options: { paymentMethod?: string; returnUrl?: string; mandate?: MandateAcceptance }): Stripe.SetupIntent {
  if (!CONFIRMABLE.includes(si.status)) {
    throw invalidRequest(
      `You cannot confirm this SetupIntent because it has a status of ${si.status}. Only a SetupIntent with one of the following statuses may be confirmed: requires_confirmation, requires_action, requires_payment_method.`,
      undefined,
      'setup_intent_unexpected_state',
    );
  }
  const pmId = options.paymentMethod ?? idOf(si.payment_method);
  if (!pmId) {
    throw invalidRequest("You cannot confirm this SetupIntent because it's missing a payment method.", 'payment_method', 'setup_intent_unexpected_state');
  }
  const pm = resolvePaymentMethod(emu, pmId, 'payment_method');
  si.payment_method = pm.id;
  si.last_setup_error = null;
  if (pm.type === 'sepa_debit') return setUpSepaDebit(emu, si, pm, options.mandate);
  const card = testCardOf(emu, pm);
  if (card.declinesOnAttach && card.decline) {
    si.status = 'requires_payment_method';
    si.last_setup_error = { code: card.decline.code as Stripe.SetupIntent.LastSetupError.Code, decline_code: card.decline.decline_code, message: card.decline.message, payment_method: snapshot(pm), type: 'card_error' };
    emu.events.emit('setup_intent.setup_failed', si);
    throw cardError({ code: card.decline.code, decline_code: card.decline.decline_code, message: card.decline.message, setup_intent: snapshot(si), payment_method: pm });
  }
  if (card.threeDSecure) {
    si.status = 'requires_action';
    si.next_action = threeDSecureAction(emu, si.id, options.returnUrl) as Stripe.SetupIntent.NextAction;
    emu.events.emit('setup_intent.requires_action', si);
    return si;
  }
  return succeed(emu, si, pm);
}

export function resolveSetupIntentThreeDSecure(emu: Emulator, si: Stripe.SetupIntent, outcome: 'complete' | 'fail'): Stripe.SetupIntent {
  if (si.status !== 'requires_action') {
    throw invalidRequest(`This SetupIntent has a status of ${si.status}; 3-D Secure can only be resolved in requires_action.`, undefined, 'setup_intent_unexpected_state');
  }
  const pm = mustGet(emu, 'payment_method', idOf(si.payment_method)!, 'payment_method');
  si.next_action = null;
  if (outcome === 'fail') {
    si.status = 'requires_payment_method';
    si.last_setup_error = {
      code: 'setup_intent_authentication_failure',
      message: 'The latest attempt to set up the payment method has failed because authentication failed.',
      payment_method: snapshot(pm),
      type: 'invalid_request_error',
    };
    emu.events.emit('setup_intent.setup_failed', si);
    return si;
  }
  return succeed(emu, si, pm);
}

/** A SEPA Direct Debit setup: the customer accepts a mandate, and the SetupIntent succeeds with it (nothing is debited). */
function setUpSepaDebit(emu: Emulator, si: Stripe.SetupIntent, pm: Stripe.PaymentMethod, acceptance: MandateAcceptance | undefined): Stripe.SetupIntent {
  if (!si.payment_method_types.includes('sepa_debit') && !si.automatic_payment_methods?.enabled) {
    throw invalidRequest(
      `The provided PaymentMethod has type sepa_debit, which is not one of this SetupIntent's payment_method_types (${si.payment_method_types.join(', ')}).`,
      'payment_method',
      'setup_intent_invalid_parameter',
    );
  }
  if (!acceptance) {
    throw invalidRequest('Setting up SEPA Direct Debit needs a mandate: confirm with mandate_data[customer_acceptance] (type online or offline).', 'mandate_data', 'setup_intent_mandate_invalid');
  }
  si.mandate = createSepaMandate(emu, pm, acceptance, nowForCustomer(emu, idOf(si.customer))).id;
  return succeed(emu, si, pm);
}

function succeed(emu: Emulator, si: Stripe.SetupIntent, pm: Stripe.PaymentMethod): Stripe.SetupIntent {
  if (si.customer) attachPaymentMethod(emu, pm.id, idOf(si.customer)!, 'payment_method');
  emu.store.extras(pm.id).authenticatedForOffSession = true;
  si.status = 'succeeded';
  si.next_action = null;
  si.latest_attempt = null;
  emu.events.emit('setup_intent.succeeded', si);
  emu.reactions.setupSucceeded(emu, si);
  return si;
}

export function cancelSetupIntent(emu: Emulator, si: Stripe.SetupIntent, reason: Stripe.SetupIntent.CancellationReason | null): Stripe.SetupIntent {
  if (!CONFIRMABLE.includes(si.status)) {
    throw unexpectedState(`You cannot cancel this SetupIntent because it has a status of ${si.status}.`);
  }
  si.status = 'canceled';
  si.cancellation_reason = reason;
  si.next_action = null;
  emu.events.emit('setup_intent.canceled', si);
  return si;
}
