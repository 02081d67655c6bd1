// Mandates: the customer's authorisation to debit a bank account (SEPA Direct Debit), made when a
// PaymentIntent is confirmed with `mandate_data` (or by Checkout, which collects the acceptance).
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import type { Params } from '../protocol/params.js';
import { invalidRequest, parameterMissing } from '../protocol/errors.js';
import { newId, randomToken } from '../ids.js';

export interface MandateAcceptance {
  type: 'online' | 'offline';
  acceptedAt: number | null;
  ipAddress?: string | null;
  userAgent?: string | null;
}

/** `mandate_data[customer_acceptance]` as Stripe takes it: `type` online (with `online[ip_address|user_agent]`) or offline. */
export function mandateAcceptanceFrom(mandateData: Params): MandateAcceptance {
  mandateData.only('customer_acceptance');
  const acceptance = mandateData.obj('customer_acceptance')?.only('type', 'accepted_at', 'online', 'offline');
  if (!acceptance) throw parameterMissing(mandateData.path('customer_acceptance'));
  const type = acceptance.oneOf('type', ['online', 'offline'] as const);
  if (!type) throw parameterMissing(acceptance.path('type'));
  const acceptedAt = acceptance.int('accepted_at', { min: 0 }) ?? null;
  if (type === 'offline') {
    if (acceptance.has('online')) throw invalidRequest('`online` can only be given when `customer_acceptance[type]` is `online`.', acceptance.path('online'));
    return { type, acceptedAt };
  }
  const online = acceptance.obj('online')?.only('ip_address', 'user_agent');
  if (!online) throw parameterMissing(acceptance.path('online'));
  return { type, acceptedAt, ipAddress: online.requiredStr('ip_address'), userAgent: online.requiredStr('user_agent') };
}

/** A multi-use SEPA Direct Debit mandate for `pm`, active at once (as in test mode). */
export function createSepaMandate(emu: Emulator, pm: Stripe.PaymentMethod, acceptance: MandateAcceptance, now: number): Stripe.Mandate {
  const id = newId('mandate');
  const reference = randomToken(16).toUpperCase();
  const mandate = emu.store.insert({
    id,
    object: 'mandate',
    customer_acceptance: {
      accepted_at: acceptance.acceptedAt ?? now,
      type: acceptance.type,
      ...(acceptance.type === 'online' ? { online: { ip_address: acceptance.ipAddress ?? null, user_agent: acceptance.userAgent ?? null } } : { offline: {} }),
    },
    livemode: false,
    multi_use: {},
    payment_method: pm.id,
    payment_method_details: { type: 'sepa_debit', sepa_debit: { reference, url: `${emu.baseUrl}/mandates/${id}/${reference}` } },
    status: 'active',
    type: 'multi_use',
  });
  emu.store.extras(pm.id).mandate = mandate.id;
  return mandate;
}

/** The PaymentMethod's active mandate, if it has one. */
export function activeMandateOf(emu: Emulator, pm: Stripe.PaymentMethod): Stripe.Mandate | undefined {
  const id = emu.store.extras(pm.id).mandate;
  const mandate = id ? emu.store.get('mandate', id) : undefined;
  return mandate?.status === 'active' ? mandate : undefined;
}
