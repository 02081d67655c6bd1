// A promotion code the customer types on hosted Checkout (sessions created with
// `allow_promotion_codes`): looked up by its customer-facing code, checked against every
// restriction as Stripe does, and applied to the session's `discounts`, `amount_total` and
// `total_details.amount_discount`. The discount itself is made when the session completes.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import { invalidRequest } from '../protocol/errors.js';
import { discountAmount, redeemablePromotionCode } from './discounts.js';
import { idOf, mustGet } from './lookup.js';

/** Applies the active promotion code `code` (case-insensitive) to an open session; a refusal is a 400 naming why. */
export function applyCheckoutPromotionCode(emu: Emulator, sessionId: string, code: string): Stripe.Checkout.Session {
  const session = mustGet(emu, 'checkout.session', sessionId, 'session');
  if (session.status !== 'open') throw invalidRequest(`This Checkout Session is ${session.status} and can no longer be changed.`, undefined, 'status_transition_invalid');
  if (!session.allow_promotion_codes) throw invalidRequest('This Checkout Session does not accept promotion codes.', 'promotion_code');
  const wanted = code.trim().toLowerCase();
  const found = emu.store.list('promotion_code').find((p) => p.active && p.code.toLowerCase() === wanted);
  if (!wanted || !found) throw invalidRequest('This code is invalid.', 'promotion_code', 'resource_missing');
  const subtotal = session.amount_subtotal ?? 0;
  const currency = session.currency ?? 'usd';
  const redeemable = redeemablePromotionCode(emu, found.id, { customer: idOf(session.customer), amount: subtotal, currency, param: 'promotion_code' });
  setSessionDiscount(session, [{ coupon: redeemable.coupon.id, promotion_code: found.id }], discountAmount([redeemable], subtotal, currency));
  return session;
}

/** Takes the promotion code off an open session again. */
export function removeCheckoutPromotionCode(emu: Emulator, sessionId: string): Stripe.Checkout.Session {
  const session = mustGet(emu, 'checkout.session', sessionId, 'session');
  if (session.status !== 'open') throw invalidRequest(`This Checkout Session is ${session.status} and can no longer be changed.`, undefined, 'status_transition_invalid');
  setSessionDiscount(session, [], 0);
  return session;
}

function setSessionDiscount(session: Stripe.Checkout.Session, discounts: Stripe.Checkout.Session.Discount[], off: number): void {
  session.discounts = discounts;
  if (session.amount_subtotal === null) return;
  session.amount_total = session.amount_subtotal - off;
  session.total_details = { amount_discount: off, amount_shipping: session.total_details?.amount_shipping ?? 0, amount_tax: session.total_details?.amount_tax ?? 0 };
}
