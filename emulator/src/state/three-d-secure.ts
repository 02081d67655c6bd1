// The outcome of a 3-D Secure challenge, for a PaymentIntent or a SetupIntent.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import { mustGet } from './lookup.js';
import { resolvePaymentIntentThreeDSecure } from './payment-intents.js';
import { resolveSetupIntentThreeDSecure } from './setup-intents.js';

export type ThreeDSecureOutcome = 'complete' | 'fail';

/** What the hosted challenge page's buttons (and the control API) do. */
export function resolveThreeDSecure(emu: Emulator, intentId: string, outcome: ThreeDSecureOutcome): Stripe.PaymentIntent | Stripe.SetupIntent {
  if (intentId.startsWith('seti_')) return resolveSetupIntentThreeDSecure(emu, mustGet(emu, 'setup_intent', intentId, 'intent'), outcome);
  return resolvePaymentIntentThreeDSecure(emu, mustGet(emu, 'payment_intent', intentId, 'intent'), outcome);
}
