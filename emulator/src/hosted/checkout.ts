// Hosted Checkout at a session's `url`: the page, and its pay button, which completes the session
// through the same function as the control API (`completeCheckoutSession`), so the objects and
// events are the ones an API-level completion leaves.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import type { HostedRequest, HostedRouter } from '../hosted-routes.js';
import { StripeError } from '../protocol/errors.js';
import { completeCheckoutSession, expireCheckoutSession, lineItemsOf } from '../state/checkout-sessions.js';
import { applyCheckoutPromotionCode, removeCheckoutPromotionCode } from '../state/checkout-promotion-codes.js';
import { checkoutClosedPage, checkoutPage, type CheckoutView } from './checkout-page.js';
import { readJson, sendHtml, sendJson } from './http.js';
import { businessName } from './merchant.js';

const DAY = 86_400;

export function registerCheckoutRoutes(router: HostedRouter): void {
  router.add('GET', '/c/pay/:id', showCheckout);
  router.add('POST', '/c/pay/:id/confirm', confirmCheckout);
  router.add('POST', '/c/pay/:id/promotion_code', changePromotionCode);
}

/** The session, expired first if its time is up (as Stripe does when it is next looked at). */
function findSession(emu: Emulator, id: string): Stripe.Checkout.Session | undefined {
  const session = emu.store.get('checkout.session', id);
  if (session?.status === 'open' && session.expires_at <= emu.clock.now()) expireCheckoutSession(emu, session);
  return session;
}

function successUrl(session: Stripe.Checkout.Session): string | null {
  return session.success_url?.replaceAll('{CHECKOUT_SESSION_ID}', session.id) ?? session.return_url?.replaceAll('{CHECKOUT_SESSION_ID}', session.id) ?? null;
}

function trialDays(emu: Emulator, session: Stripe.Checkout.Session): number {
  if (session.mode !== 'subscription') return 0;
  const options = emu.store.extras(session.id).checkoutOptions;
  if (options?.trialPeriodDays) return options.trialPeriodDays;
  if (options?.trialEnd) return Math.max(1, Math.round((options.trialEnd - emu.clock.now()) / DAY));
  return 0;
}

function knownEmail(emu: Emulator, session: Stripe.Checkout.Session): string | null {
  const customerId = typeof session.customer === 'string' ? session.customer : session.customer?.id;
  const customer = customerId ? emu.store.get('customer', customerId) : undefined;
  return customer?.email ?? session.customer_email ?? null;
}

function showCheckout({ emu, res, pathParams }: HostedRequest): void {
  const session = findSession(emu, pathParams.id!);
  const business = businessName();
  if (!session) return sendHtml(res, 404, checkoutClosedPage('missing', business, null));
  if (session.status === 'expired') return sendHtml(res, 410, checkoutClosedPage('expired', business, session.cancel_url));
  if (session.status === 'complete') return sendHtml(res, 200, checkoutClosedPage('complete', business, successUrl(session)));
  const email = knownEmail(emu, session);
  sendHtml(
    res,
    200,
    checkoutPage({
      session,
      lineItems: lineItemsOf(emu, session.id),
      trialDays: trialDays(emu, session),
      businessName: business,
      email: email ?? '',
      emailLocked: email !== null,
      promotion: appliedPromotion(emu, session),
    }),
  );
}

/** The promotion code applied to the session, as the summary names it. */
function appliedPromotion(emu: Emulator, session: Stripe.Checkout.Session): CheckoutView['promotion'] {
  const applied = session.discounts?.find((d) => d.promotion_code);
  const promotionCode = applied ? emu.store.get('promotion_code', typeof applied.promotion_code === 'string' ? applied.promotion_code : applied.promotion_code!.id) : undefined;
  if (!promotionCode) return null;
  const couponId = typeof promotionCode.promotion.coupon === 'string' ? promotionCode.promotion.coupon : promotionCode.promotion.coupon?.id;
  const coupon = couponId ? emu.store.get('coupon', couponId) : undefined;
  return { code: promotionCode.code, name: coupon?.name ?? null, amountOff: session.total_details?.amount_discount ?? 0 };
}

/** `{ code }` applies a promotion code to the open session, `{ remove: true }` takes it off; the page then reloads. */
async function changePromotionCode({ emu, req, res, pathParams }: HostedRequest): Promise<void> {
  const body = await readJson(req);
  const session = findSession(emu, pathParams.id!);
  if (!session) return sendJson(res, 404, { error: { message: 'This checkout session could not be found.' } });
  try {
    if (body.remove === true) removeCheckoutPromotionCode(emu, session.id);
    else applyCheckoutPromotionCode(emu, session.id, typeof body.code === 'string' ? body.code : '');
  } catch (err) {
    if (err instanceof StripeError) return sendJson(res, err.status, { error: { message: err.body.message, code: err.body.code } });
    throw err;
  }
  sendJson(res, 200, { amount_total: session.amount_total });
}

/** The intent waiting on the customer (3-D Secure) after a completion attempt left the session open. */
function pendingIntent(emu: Emulator, session: Stripe.Checkout.Session): Stripe.PaymentIntent | Stripe.SetupIntent | undefined {
  const id = (ref: string | { id: string } | null | undefined) => (typeof ref === 'string' ? ref : ref?.id);
  if (session.mode === 'setup') return emu.store.get('setup_intent', id(session.setup_intent) ?? '');
  if (session.mode === 'payment') return emu.store.get('payment_intent', id(session.payment_intent) ?? '');
  const invoiceId = id(session.invoice);
  const payment = invoiceId ? emu.store.list('invoice_payment').find((p) => p.invoice === invoiceId && p.is_default) : undefined;
  return payment ? emu.store.get('payment_intent', id(payment.payment.payment_intent) ?? '') : undefined;
}

/**
 * `{ payment_method, email }` from the page → `{ redirect }` when the session completed,
 * `{ next_action: { client_secret } }` when 3-D Secure must run first, or `{ error }` to show.
 * With `?after_action=1` (after 3-D Secure) it only reports where the session stands.
 */
async function confirmCheckout({ emu, req, res, pathParams, query }: HostedRequest): Promise<void> {
  const body = await readJson(req);
  let session = findSession(emu, pathParams.id!);
  if (!session) return sendJson(res, 404, { error: { message: 'This checkout session could not be found.' } });
  if (query.get('after_action') !== '1') {
    if (session.status !== 'open') return sendJson(res, 409, { error: { message: 'This checkout session is no longer available.' } });
    try {
      session = completeCheckoutSession(emu, session.id, { paymentMethod: String(body.payment_method ?? ''), email: typeof body.email === 'string' && body.email ? body.email : undefined });
    } catch (err) {
      if (err instanceof StripeError) return sendJson(res, err.status, { error: { message: err.body.message, code: err.body.code, decline_code: err.body.decline_code } });
      throw err;
    }
  }
  if (session.status === 'complete') return sendJson(res, 200, { redirect: successUrl(session) ?? `/c/pay/${session.id}` });
  const intent = pendingIntent(emu, session);
  if (intent?.status === 'requires_action' && intent.client_secret) return sendJson(res, 200, { next_action: { client_secret: intent.client_secret } });
  const lastError = intent && ('last_payment_error' in intent ? intent.last_payment_error : intent.last_setup_error);
  sendJson(res, 402, { error: { message: lastError?.message ?? 'Your payment could not be completed. Please try another card.' } });
}
