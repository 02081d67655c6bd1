// Checkout Sessions: payment, subscription and setup modes, and their completion (by the hosted
// Checkout page or the control API) creating exactly what Stripe creates.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import { Params } from '../protocol/params.js';
import { invalidRequest, parameterMissing } from '../protocol/errors.js';
import { clientSecretFor, newId } from '../ids.js';
import { snapshot } from '../events.js';
import { idOf, mustGet, nowForCustomer } from './lookup.js';
import { createPriceFor, rejectMeteredQuantity } from './prices.js';
import { createProduct } from './products.js';
import { createCustomer } from './customers.js';
import { attachPaymentMethod, resolvePaymentMethod } from './payment-methods.js';
import { confirmPaymentIntent, createPaymentIntent, SUPPORTED_PAYMENT_METHOD_TYPES } from './payment-intents.js';
import { activeMandateOf, createSepaMandate, type MandateAcceptance } from './mandates.js';
import { confirmSetupIntent, createSetupIntent } from './setup-intents.js';
import { createSubscription } from './subscriptions.js';
import { createDiscount, discountAmount, redeemablesFromParams, type Redeemable } from './discounts.js';
import { addLines } from './invoice-lines.js';
import { attachPaymentToInvoice, draftInvoice, finalizeInvoice } from './invoices.js';

const DAY = 86_400;

export function lineItemsOf(emu: Emulator, sessionId: string): Stripe.LineItem[] {
  return emu.store.extras(sessionId).checkoutLineItems ?? [];
}

export function createCheckoutSession(emu: Emulator, params: Params): Stripe.Checkout.Session {
  params.only('allowed_payment_method_types', 'mode', 'line_items', 'customer', 'customer_email', 'customer_creation', 'client_reference_id', 'success_url', 'cancel_url', 'return_url', 'ui_mode', 'invoice_creation', 'subscription_data', 'payment_intent_data', 'setup_intent_data', 'metadata', 'expires_at', 'allow_promotion_codes', 'billing_address_collection', 'payment_method_types', 'locale', 'automatic_tax', 'tax_id_collection', 'phone_number_collection', 'custom_text', 'custom_fields', 'consent_collection', 'currency', 'payment_method_collection', 'saved_payment_method_options', 'customer_update', 'submit_type', 'discounts', 'shipping_address_collection', 'shipping_options', 'after_expiration', 'redirect_on_completion', 'origin_context', 'adaptive_pricing', 'payment_method_options', 'payment_method_configuration', 'excluded_payment_method_types', 'wallet_options', 'optional_items', 'permissions', 'branding_settings', 'name_collection', 'customer_account', 'managed_payments', 'integration_identifier');
  const mode = params.oneOf('mode', ['payment', 'setup', 'subscription'] as const);
  if (!mode) throw parameterMissing('mode');
  const customerId = params.str('customer');
  const customer = customerId ? mustGet(emu, 'customer', customerId, 'customer') : undefined;
  const customerEmail = params.str('customer_email');
  if (customer && customerEmail) throw invalidRequest('You may only specify one of these parameters: customer, customer_email.', 'customer_email');
  const customerCreation = params.oneOf('customer_creation', ['always', 'if_required'] as const);
  if (customerCreation && mode !== 'payment') throw invalidRequest('`customer_creation` can only be used in `payment` mode.', 'customer_creation');
  const uiMode = params.oneOf('ui_mode', ['hosted_page', 'embedded_page', 'elements', 'form'] as const) ?? 'hosted_page';
  const lineItems = params.objList('line_items').map((p) => lineItemFromParams(emu, p));
  if (mode !== 'setup' && lineItems.length === 0) throw parameterMissing('line_items');
  if (mode === 'payment' && lineItems.some((li) => li.price?.type === 'recurring')) {
    throw invalidRequest('You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.', 'line_items');
  }
  if (mode === 'subscription' && !lineItems.some((li) => li.price?.type === 'recurring')) {
    throw invalidRequest('You must provide at least one recurring price in `subscription` mode when using prices.', 'line_items');
  }
  const currency = lineItems[0]?.currency ?? params.str('currency')?.toLowerCase() ?? null;
  const now = nowForCustomer(emu, customer?.id);
  const expiresAt = params.int('expires_at') ?? now + DAY;
  if (expiresAt < now + 30 * 60 || expiresAt > now + DAY) {
    throw invalidRequest('The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.', 'expires_at');
  }
  const invoiceCreation = params.obj('invoice_creation')?.only('enabled', 'invoice_data');
  if (invoiceCreation && mode !== 'payment') throw invalidRequest('`invoice_creation` can only be used in `payment` mode.', 'invoice_creation');
  const invoiceData = invoiceCreation?.obj('invoice_data')?.only('description', 'metadata', 'footer', 'custom_fields', 'account_tax_ids', 'issuer', 'rendering_options');
  const subscriptionData = params.obj('subscription_data')?.only('trial_period_days', 'trial_end', 'metadata', 'description', 'default_tax_rates', 'billing_cycle_anchor', 'proration_behavior', 'trial_settings', 'application_fee_percent', 'on_behalf_of', 'transfer_data', 'invoice_settings', 'billing_mode', 'pending_invoice_item_interval');
  if (subscriptionData && mode !== 'subscription') throw invalidRequest('`subscription_data` can only be used in `subscription` mode.', 'subscription_data');
  const piData = params.obj('payment_intent_data')?.only('metadata', 'description', 'setup_future_usage', 'capture_method', 'receipt_email', 'statement_descriptor', 'statement_descriptor_suffix', 'shipping', 'transfer_group', 'on_behalf_of', 'application_fee_amount', 'transfer_data');
  const paymentMethodTypes = paymentMethodTypesFrom(params, currency);
  const amountSubtotal = mode === 'setup' ? null : lineItems.reduce((sum, li) => sum + li.amount_subtotal, 0);
  if (params.has('discounts') && params.bool('allow_promotion_codes')) {
    throw invalidRequest('You may only specify one of these parameters: allow_promotion_codes, discounts.', 'discounts');
  }
  const redeemables = redeemablesFromParams(emu, params.objList('discounts'), customer?.id ?? null, amountSubtotal !== null && currency ? { amount: amountSubtotal, currency } : undefined);
  const amountDiscount = amountSubtotal !== null && currency ? discountAmount(redeemables, amountSubtotal, currency) : 0;
  const id = `cs_test_${newId('x').slice(2)}${newId('x').slice(2, 30)}`;
  const hosted = uiMode === 'hosted_page';
  const session = emu.store.insert({
    id,
    object: 'checkout.session',
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: params.bool('allow_promotion_codes') ?? null,
    allowed_payment_method_types: paymentMethodTypes.allowed,
    amount_subtotal: amountSubtotal,
    amount_total: amountSubtotal === null ? null : amountSubtotal - amountDiscount,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: params.oneOf('billing_address_collection', ['auto', 'required'] as const) ?? null,
    cancel_url: params.str('cancel_url') ?? null,
    client_reference_id: params.str('client_reference_id') ?? null,
    client_secret: hosted ? null : clientSecretFor(id),
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: now,
    currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: customer?.id ?? null,
    customer_account: null,
    customer_creation: mode === 'payment' ? (customerCreation ?? 'if_required') : null,
    customer_details: customer ? { address: null, business_name: null, email: customer.email, individual_name: null, name: customer.name ?? null, phone: null, tax_exempt: 'none', tax_ids: [] } : null,
    customer_email: customerEmail ?? null,
    discounts: redeemables.map((r) => ({ coupon: r.coupon.id, promotion_code: r.promotionCode?.id ?? null })),
    expires_at: expiresAt,
    integration_identifier: null,
    invoice: null,
    invoice_creation:
      mode === 'payment'
        ? {
            enabled: invoiceCreation?.bool('enabled') ?? false,
            invoice_data: {
              account_tax_ids: null,
              custom_fields: null,
              description: invoiceData?.str('description') ?? null,
              footer: invoiceData?.str('footer') ?? null,
              issuer: null,
              metadata: invoiceData?.metadata() ?? {},
              rendering_options: null,
            },
          }
        : null,
    livemode: false,
    locale: null,
    managed_payments: null,
    metadata: params.metadata(),
    mode,
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: mode === 'payment' ? null : 'always',
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: paymentMethodTypes.types,
    payment_status: mode === 'setup' ? 'no_payment_required' : 'unpaid',
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: 'open',
    submit_type: null,
    subscription: null,
    success_url: params.str('success_url') ?? null,
    return_url: params.str('return_url'),
    total_details: mode === 'setup' ? null : { amount_discount: amountDiscount, amount_shipping: 0, amount_tax: 0 },
    ui_mode: uiMode,
    url: hosted ? `${emu.baseUrl}/c/pay/${id}` : null,
    wallet_options: null,
  });
  const extras = emu.store.extras(id);
  extras.checkoutLineItems = lineItems;
  extras.checkoutOptions = {
    trialPeriodDays: subscriptionData?.int('trial_period_days', { min: 1 }),
    trialEnd: subscriptionData?.int('trial_end'),
    subscriptionMetadata: subscriptionData?.metadata(),
    subscriptionDescription: subscriptionData?.str('description'),
    paymentIntentMetadata: piData?.metadata(),
    paymentIntentDescription: piData?.str('description'),
    setupFutureUsage: piData?.oneOf('setup_future_usage', ['off_session', 'on_session'] as const),
    captureMethod: piData?.oneOf('capture_method', ['automatic', 'automatic_async', 'manual'] as const),
  };
  return session;
}

function lineItemFromParams(emu: Emulator, p: Params): Stripe.LineItem {
  p.only('price', 'price_data', 'quantity', 'adjustable_quantity', 'dynamic_tax_rates', 'tax_rates', 'metadata');
  const quantity = p.int('quantity', { min: 1 }) ?? 1;
  let price: Stripe.Price;
  const priceId = p.str('price');
  if (priceId) {
    price = mustGet(emu, 'price', priceId, p.path('price'));
    if (!price.active) throw invalidRequest(`The price \`${priceId}\` is not active.`, p.path('price'));
  } else {
    const data = p.obj('price_data');
    if (!data) throw parameterMissing(p.path('price'));
    data.only('currency', 'product', 'product_data', 'unit_amount', 'unit_amount_decimal', 'recurring', 'tax_behavior');
    let productId = data.str('product');
    const productData = data.obj('product_data');
    if (!productId && productData) productId = createProduct(emu, productData).id;
    if (!productId) throw parameterMissing(data.path('product'));
    mustGet(emu, 'product', productId, data.path('product'));
    price = createPriceFor(emu, productId, data);
  }
  rejectMeteredQuantity(price, p);
  // A metered price is billed in arrears from its meter: nothing is due for it at checkout.
  const amount = price.recurring?.usage_type === 'metered' ? 0 : (price.unit_amount ?? 0) * quantity;
  const product = emu.store.get('product', price.product as string);
  return {
    id: newId('li'),
    object: 'item',
    adjustable_quantity: null,
    amount_discount: 0,
    amount_subtotal: amount,
    amount_tax: 0,
    amount_total: amount,
    currency: price.currency,
    description: product?.name ?? null,
    metadata: p.metadata(),
    price,
    quantity,
  };
}

export function expireIfDue(emu: Emulator, session: Stripe.Checkout.Session): Stripe.Checkout.Session {
  if (session.status === 'open' && session.expires_at <= nowForCustomer(emu, idOf(session.customer))) expire(emu, session);
  return session;
}

export function expireCheckoutSession(emu: Emulator, session: Stripe.Checkout.Session): Stripe.Checkout.Session {
  if (session.status !== 'open') {
    throw invalidRequest(`Only Checkout Sessions with a status in ["open"] can be expired.`, undefined, 'status_transition_invalid');
  }
  return expire(emu, session);
}

function expire(emu: Emulator, session: Stripe.Checkout.Session): Stripe.Checkout.Session {
  session.status = 'expired';
  session.url = null;
  emu.events.emit('checkout.session.expired', session);
  return session;
}

export interface CheckoutCompletion {
  /** A PaymentMethod id or `pm_card_*` alias. */
  paymentMethod: string;
  email?: string;
  name?: string;
}

/**
 * The customer pays on the hosted page (or the control API does it for them): creates the
 * customer, PaymentMethod, PaymentIntent / SetupIntent / Subscription as Stripe's Checkout does.
 * Returns the session (complete, or still open when 3-D Secure is pending on its intent).
 * Card declines throw the 402 card error and leave the session open.
 */
/** The session's coupons and promotion codes, counted when it completes. */
function sessionRedeemables(emu: Emulator, session: Stripe.Checkout.Session): Redeemable[] {
  return (session.discounts ?? []).map((d) => ({
    coupon: mustGet(emu, 'coupon', idOf(d.coupon)!, 'discounts'),
    promotionCode: d.promotion_code ? mustGet(emu, 'promotion_code', idOf(d.promotion_code)!, 'discounts') : null,
  }));
}

export function completeCheckoutSession(emu: Emulator, id: string, completion: CheckoutCompletion): Stripe.Checkout.Session {
  const session = expireIfDue(emu, mustGet(emu, 'checkout.session', id, 'session'));
  if (session.status !== 'open') throw invalidRequest(`This Checkout Session is ${session.status} and can no longer be completed.`, undefined, 'status_transition_invalid');
  const existing = session.customer ? mustGet(emu, 'customer', idOf(session.customer)!, 'customer') : undefined;
  const email = existing?.email ?? session.customer_email ?? completion.email ?? null;
  if (!email && !existing) throw parameterMissing('email');
  session.customer_details = { address: null, business_name: null, email, individual_name: null, name: completion.name ?? existing?.name ?? null, phone: null, tax_exempt: 'none', tax_ids: [] };
  const options = emu.store.extras(session.id).checkoutOptions ?? {};
  switch (session.mode) {
    case 'payment': {
      const needsCustomer = session.customer_creation === 'always' || session.invoice_creation?.enabled || options.setupFutureUsage;
      const customer = existing ?? (needsCustomer ? customerFor(emu, email!, completion.name) : undefined);
      session.customer = customer?.id ?? null;
      const pm = resolvePaymentMethod(emu, completion.paymentMethod, 'payment_method');
      // The first payment attempt redeems the session's coupons (a retry after a decline does not again).
      if (!session.payment_intent) {
        for (const r of sessionRedeemables(emu, session)) createDiscount(emu, r.coupon, r.promotionCode, { customer: customer?.id ?? null, checkoutSession: session.id });
      }
      const pi =
        (session.payment_intent && emu.store.get('payment_intent', idOf(session.payment_intent)!)) ||
        createPaymentIntent(emu, {
          amount: session.amount_total ?? 0,
          currency: session.currency ?? 'usd',
          customer: customer?.id ?? null,
          description: options.paymentIntentDescription ?? null,
          metadata: options.paymentIntentMetadata ?? {},
          setupFutureUsage: options.setupFutureUsage ?? null,
          captureMethod: options.captureMethod,
          receiptEmail: email,
          paymentMethodTypes: session.payment_method_types,
        });
      session.payment_intent = pi.id;
      emu.store.extras(pi.id).checkoutSession = session.id;
      confirmPaymentIntent(emu, pi.id, { paymentMethod: pm.id, returnUrl: session.url ?? session.return_url ?? undefined, mandate: checkoutMandate(emu, customer?.id) });
      return session;
    }
    case 'subscription': {
      const customer = existing ?? customerFor(emu, email!, completion.name);
      session.customer = customer.id;
      const pm = attachPaymentMethod(emu, completion.paymentMethod, customer.id, 'payment_method');
      // Checkout shows the SEPA mandate text and records the customer's acceptance for the renewals.
      if (pm.type === 'sepa_debit' && !activeMandateOf(emu, pm)) createSepaMandate(emu, pm, checkoutMandate(emu, customer.id), nowForCustomer(emu, customer.id));
      const before = snapshot(customer);
      customer.invoice_settings.default_payment_method = pm.id;
      emu.events.emitUpdate('customer.updated', customer, before);
      const items = lineItemsOf(emu, session.id);
      const now = nowForCustomer(emu, customer.id);
      const subscription = createSubscription(emu, {
        customer,
        items: items.filter((li) => li.price?.type === 'recurring').map((li) => ({ price: li.price!, quantity: li.quantity ?? 1 })),
        addInvoiceItems: items.filter((li) => li.price?.type === 'one_time').map((li) => ({ price: li.price!, quantity: li.quantity ?? 1 })),
        defaultPaymentMethod: pm.id,
        paymentBehavior: 'error_if_incomplete',
        trialEnd: options.trialEnd ?? (options.trialPeriodDays ? now + options.trialPeriodDays * DAY : null),
        metadata: options.subscriptionMetadata ?? {},
        description: options.subscriptionDescription ?? null,
        offSession: false,
        discounts: sessionRedeemables(emu, session),
      });
      session.subscription = subscription.id;
      session.invoice = idOf(subscription.latest_invoice);
      const invoice = emu.store.get('invoice', session.invoice!);
      if (invoice?.status === 'paid') return finish(emu, session, invoice.amount_paid > 0 ? 'paid' : 'no_payment_required');
      const pending = invoice && emu.store.list('invoice_payment').find((p) => p.invoice === invoice.id && p.is_default);
      if (pending) {
        const piId = pending.payment.payment_intent as string;
        emu.store.extras(piId).checkoutSession = session.id;
        // A bank debit is processing: the session completes now, unpaid until the debit settles.
        if (emu.store.get('payment_intent', piId)?.status === 'processing') return finish(emu, session, 'unpaid');
      }
      return session;
    }
    case 'setup': {
      const si = createSetupIntent(emu, { customer: existing?.id ?? null, usage: 'off_session', paymentMethodTypes: session.payment_method_types });
      session.setup_intent = si.id;
      emu.store.extras(si.id).checkoutSession = session.id;
      confirmSetupIntent(emu, si, { paymentMethod: completion.paymentMethod, returnUrl: session.url ?? undefined, mandate: checkoutMandate(emu, existing?.id) });
      return session;
    }
    default:
      throw invalidRequest(`Unsupported Checkout mode: ${session.mode}`);
  }
}

/**
 * `allowed_payment_method_types` (the endive name: kept, the compatible ones offered) or the older
 * `payment_method_types` (every type must fit): card, and sepa_debit for eur.
 */
function paymentMethodTypesFrom(params: Params, currency: string | null): { allowed: string[] | null; types: string[] } {
  const allowed = params.strList('allowed_payment_method_types');
  const legacy = params.strList('payment_method_types');
  const name = allowed ? 'allowed_payment_method_types' : 'payment_method_types';
  const types = allowed ?? legacy;
  if (!types) return { allowed: null, types: ['card'] };
  if (allowed && legacy) throw invalidRequest('You may only specify one of these parameters: allowed_payment_method_types, payment_method_types.', 'payment_method_types');
  if (types.length === 0) throw invalidRequest(`${name} must name at least one payment method type.`, name);
  for (const type of types) {
    if (!SUPPORTED_PAYMENT_METHOD_TYPES.includes(type)) throw invalidRequest(`The payment method type ${type} is not supported by the emulator; use card or sepa_debit.`, name);
  }
  const compatible = types.filter((type) => type !== 'sepa_debit' || currency === null || currency === 'eur');
  if (!allowed && compatible.length < types.length) throw invalidRequest(`The payment method type sepa_debit only supports eur; this session's currency is ${currency}.`, name);
  if (compatible.length === 0) throw invalidRequest(`None of the allowed_payment_method_types can be used for this session: sepa_debit only supports eur, and its currency is ${currency}.`, name);
  return { allowed: allowed ?? null, types: compatible };
}

/** The acceptance Checkout collects on its page (online, from the customer's browser). */
function checkoutMandate(emu: Emulator, customerId: string | undefined): MandateAcceptance {
  return { type: 'online', acceptedAt: nowForCustomer(emu, customerId), ipAddress: '127.0.0.1', userAgent: 'Stripe emulator hosted Checkout' };
}

function customerFor(emu: Emulator, email: string, name: string | undefined): Stripe.Customer {
  return createCustomer(emu, new Params(name ? { email, name } : { email }));
}

/** A PaymentIntent succeeded: if it pays for a Checkout Session (payment or subscription mode), complete it. */
export function completeCheckoutAfterPayment(emu: Emulator, pi: Stripe.PaymentIntent): void {
  const sessionId = emu.store.extras(pi.id).checkoutSession;
  const session = sessionId ? emu.store.get('checkout.session', sessionId) : undefined;
  if (session?.status === 'complete' && session.payment_status === 'unpaid') {
    // A bank debit that was processing when the session completed has now settled.
    session.payment_status = 'paid';
    emu.events.emit('checkout.session.async_payment_succeeded', session);
    return;
  }
  if (!session || session.status !== 'open') return;
  if (session.mode === 'payment' && session.invoice_creation?.enabled) {
    session.invoice = invoiceForPayment(emu, session, pi).id;
  }
  finish(emu, session, 'paid');
}

/**
 * A bank debit for a session was submitted: the session completes at once with payment_status
 * `unpaid`; `checkout.session.async_payment_succeeded` or `_failed` follows when the debit settles.
 */
export function checkoutPaymentProcessing(emu: Emulator, pi: Stripe.PaymentIntent): void {
  const sessionId = emu.store.extras(pi.id).checkoutSession;
  const session = sessionId ? emu.store.get('checkout.session', sessionId) : undefined;
  if (!session || session.status !== 'open') return;
  if (session.mode === 'payment' && session.invoice_creation?.enabled) session.invoice = invoiceForPayment(emu, session, pi).id;
  finish(emu, session, 'unpaid');
}

/** A session's bank debit failed after the session completed. */
export function checkoutPaymentFailed(emu: Emulator, pi: Stripe.PaymentIntent): void {
  const sessionId = emu.store.extras(pi.id).checkoutSession;
  const session = sessionId ? emu.store.get('checkout.session', sessionId) : undefined;
  if (session?.status !== 'complete' || session.payment_status !== 'unpaid') return;
  emu.events.emit('checkout.session.async_payment_failed', session);
}

/** A SetupIntent succeeded for a setup-mode session. */
export function completeCheckoutAfterSetup(emu: Emulator, si: Stripe.SetupIntent): void {
  const sessionId = emu.store.extras(si.id).checkoutSession;
  const session = sessionId ? emu.store.get('checkout.session', sessionId) : undefined;
  if (!session || session.status !== 'open') return;
  finish(emu, session, 'no_payment_required');
}

/** `invoice_creation`: a paid invoice for a one-time Checkout payment, linked to its PaymentIntent. */
function invoiceForPayment(emu: Emulator, session: Stripe.Checkout.Session, pi: Stripe.PaymentIntent): Stripe.Invoice {
  const customer = mustGet(emu, 'customer', idOf(session.customer)!, 'customer');
  const data = session.invoice_creation!.invoice_data;
  const invoice = draftInvoice(emu, { customer, billingReason: 'manual', description: data.description, metadata: data.metadata ?? {}, currency: session.currency ?? 'usd' });
  const now = nowForCustomer(emu, customer.id);
  addLines(
    invoice,
    lineItemsOf(emu, session.id).map((li) => ({ amount: li.amount_total, description: li.description, price: li.price!, quantity: li.quantity ?? 1, period: { start: now, end: now } })),
  );
  // The session's discounts (made when it was paid) price the invoice as they priced the payment.
  invoice.discounts = emu.store.list('discount').filter((d) => d.checkout_session === session.id).map((d) => d.id);
  emu.events.emit('invoice.created', invoice);
  finalizeInvoice(emu, invoice);
  attachPaymentToInvoice(emu, invoice, pi);
  return invoice;
}

function finish(emu: Emulator, session: Stripe.Checkout.Session, paymentStatus: Stripe.Checkout.Session.PaymentStatus): Stripe.Checkout.Session {
  session.status = 'complete';
  session.payment_status = paymentStatus;
  session.url = null;
  emu.events.emit('checkout.session.completed', session);
  return session;
}
