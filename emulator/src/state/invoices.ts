// Invoices: draft → open → paid / void / uncollectible, numbering, payment (through a
// PaymentIntent linked by an InvoicePayment) and partial payments.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import type { Params } from '../protocol/params.js';
import { applyInvoiceDiscounts, consumeOnceDiscounts } from './discounts.js';
import { invalidRequest, StripeError } from '../protocol/errors.js';
import { newId } from '../ids.js';
import { snapshot } from '../events.js';
import { idOf, mustGet, nowForCustomer } from './lookup.js';
import { cancelPaymentIntent, confirmPaymentIntent, createPaymentIntent } from './payment-intents.js';
import { cancelOpenPayments, linkPayment, paymentsOfInvoice } from './invoice-payments.js';
import { invoiceLine, recomputeTotals } from './invoice-lines.js';
import { pendingInvoiceItems } from './invoice-items.js';

export function subscriptionOf(invoice: Stripe.Invoice): string | null {
  return idOf(invoice.parent?.subscription_details?.subscription);
}

export interface NewInvoice {
  customer: Stripe.Customer;
  subscription?: Stripe.Subscription;
  billingReason: Stripe.Invoice.BillingReason;
  collectionMethod?: Stripe.Invoice.CollectionMethod;
  daysUntilDue?: number | null;
  currency?: string;
  description?: string | null;
  metadata?: Record<string, string>;
  autoAdvance?: boolean;
  defaultPaymentMethod?: string | null;
  periodStart?: number;
  periodEnd?: number;
}

/** A stored draft invoice without lines; the caller adds lines, then emits invoice.created. */
export function draftInvoice(emu: Emulator, init: NewInvoice): Stripe.Invoice {
  return emu.store.insert(buildInvoice(emu, init, newId('in')));
}

/** The invoice object itself, unstored (previews use it as is). */
export function buildInvoice(emu: Emulator, init: NewInvoice, id: string): Stripe.Invoice & { object: 'invoice' } {
  const now = nowForCustomer(emu, init.customer.id);
  const collectionMethod = init.collectionMethod ?? 'charge_automatically';
  return {
    id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'Paydesk (emulated)',
    account_tax_ids: null,
    amount_due: 0,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: 0,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: init.autoAdvance ?? false,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: init.billingReason,
    collection_method: collectionMethod,
    created: now,
    currency: init.currency ?? init.subscription?.currency ?? 'usd',
    custom_fields: null,
    customer: init.customer.id,
    customer_account: null,
    customer_address: structuredClone(init.customer.address ?? null),
    customer_email: init.customer.email,
    customer_name: init.customer.name ?? null,
    customer_phone: init.customer.phone ?? null,
    customer_shipping: null,
    customer_tax_exempt: 'none',
    customer_tax_ids: [],
    default_payment_method: init.defaultPaymentMethod ?? null,
    default_source: null,
    default_tax_rates: [],
    description: init.description ?? null,
    discounts: [],
    due_date: collectionMethod === 'send_invoice' ? now + (init.daysUntilDue ?? 30) * 86_400 : null,
    effective_at: null,
    ending_balance: null,
    footer: init.customer.invoice_settings.footer,
    from_invoice: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    lines: { object: 'list', data: [], has_more: false, url: `/v1/invoices/${id}/lines` },
    livemode: false,
    metadata: init.metadata ?? {},
    next_payment_attempt: null,
    number: null,
    on_behalf_of: null,
    parent: init.subscription
      ? { type: 'subscription_details', quote_details: null, subscription_details: { metadata: { ...init.subscription.metadata }, subscription: init.subscription.id } }
      : null,
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: init.periodEnd ?? now,
    period_start: init.periodStart ?? now,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: 'draft',
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: 0,
    subtotal_excluding_tax: 0,
    test_clock: init.customer.test_clock ?? null,
    total: 0,
    total_discount_amounts: [],
    total_excluding_tax: 0,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: null,
  };
}

/** Moves the customer's pending invoice items (for `subscription`, or standalone) onto the draft. */
export function pullPendingItems(emu: Emulator, invoice: Stripe.Invoice, subscription: string | null): void {
  for (const item of pendingInvoiceItems(emu, idOf(invoice.customer)!, subscription)) {
    item.invoice = invoice.id;
    const price = mustGet(emu, 'price', idOf(item.pricing?.price_details?.price)!, 'price');
    invoice.lines.data.push(
      invoiceLine(invoice.id, invoice.currency, {
        amount: item.amount,
        description: item.description,
        price,
        quantity: item.quantity,
        period: item.period,
        proration: item.proration,
        subscription: idOf(item.parent?.subscription_details?.subscription),
        invoiceItem: item.id,
        metadata: item.metadata ?? {},
      }),
    );
  }
  recomputeTotals(invoice);
}

export function updateInvoice(emu: Emulator, invoice: Stripe.Invoice, params: Params): Stripe.Invoice {
  params.only('auto_advance', 'collection_method', 'days_until_due', 'description', 'metadata', 'default_payment_method', 'footer', 'due_date', 'custom_fields', 'statement_descriptor', 'rendering', 'payment_settings', 'automatic_tax', 'discounts', 'number', 'shipping_cost', 'shipping_details', 'on_behalf_of', 'account_tax_ids', 'default_tax_rates', 'effective_at', 'issuer', 'transfer_data', 'application_fee_amount');
  const before = snapshot(invoice);
  const draftOnly = ['collection_method', 'days_until_due', 'due_date', 'footer', 'number'];
  const editingDraftOnly = draftOnly.find((k) => params.has(k));
  if (editingDraftOnly && invoice.status !== 'draft') {
    throw invalidRequest(`You can only update the \`${editingDraftOnly}\` of a draft invoice.`, editingDraftOnly, 'invoice_not_editable');
  }
  if (invoice.status === 'paid' || invoice.status === 'void') {
    if (Object.keys(params.raw).some((k) => k !== 'metadata' && k !== 'expand')) {
      throw invalidRequest(`This invoice is ${invoice.status}; only its metadata can be updated.`, undefined, 'invoice_not_editable');
    }
  }
  params.assignBools(invoice, 'auto_advance');
  params.assignNullableStrs(invoice, 'description', 'footer');
  const method = params.oneOf('collection_method', ['charge_automatically', 'send_invoice'] as const);
  if (method) invoice.collection_method = method;
  const pm = params.nullableStr('default_payment_method');
  if (pm) mustGet(emu, 'payment_method', pm, 'default_payment_method');
  if (pm !== undefined) invoice.default_payment_method = pm;
  const dueDate = params.int('due_date');
  if (dueDate !== undefined) invoice.due_date = dueDate;
  invoice.metadata = params.metadata(invoice.metadata ?? {});
  emu.events.emitUpdate('invoice.updated', invoice, before);
  return invoice;
}

/** Draft → open (numbered, with hosted URLs); an invoice with nothing to pay is paid at once. */
export function finalizeInvoice(emu: Emulator, invoice: Stripe.Invoice): Stripe.Invoice {
  if (invoice.status !== 'draft') {
    throw invalidRequest(`This invoice is already finalized, you can't re-finalize a non-draft invoice.`, undefined, 'invoice_not_editable');
  }
  const customer = mustGet(emu, 'customer', idOf(invoice.customer)!, 'customer');
  const now = nowForCustomer(emu, customer.id);
  applyInvoiceDiscounts(emu, invoice);
  invoice.number = nextInvoiceNumber(customer);
  invoice.status = 'open';
  invoice.status_transitions.finalized_at = now;
  invoice.effective_at = now;
  invoice.hosted_invoice_url = `${emu.baseUrl}/invoice/${invoice.id}`;
  invoice.invoice_pdf = `${emu.baseUrl}/invoice/${invoice.id}/pdf`;
  invoice.starting_balance = customer.balance;
  invoice.ending_balance = customer.balance;
  emu.events.emit('invoice.finalized', invoice);
  consumeOnceDiscounts(emu, invoice);
  if (invoice.amount_due === 0) markPaid(emu, invoice);
  return invoice;
}

/**
 * Emails a `send_invoice` invoice to its customer (test mode sends no email, only `invoice.sent`);
 * a draft is finalized first, as Stripe does.
 */
export function sendInvoice(emu: Emulator, invoice: Stripe.Invoice): Stripe.Invoice {
  if (invoice.collection_method !== 'send_invoice') {
    throw invalidRequest("You can only manually send an invoice if its collection method is 'send_invoice'.", undefined, 'invoice_not_editable');
  }
  if (invoice.status === 'void') throw invalidRequest('You cannot send a voided invoice.', undefined, 'invoice_not_editable');
  if (invoice.status === 'draft') finalizeInvoice(emu, invoice);
  emu.events.emit('invoice.sent', invoice);
  return invoice;
}

/** The invoice's own PaymentIntent and default InvoicePayment, created on first need. */
export function ensureInvoicePaymentIntent(emu: Emulator, invoice: Stripe.Invoice): Stripe.PaymentIntent {
  const existing = paymentsOfInvoice(emu, invoice.id).find((p) => p.is_default && p.status === 'open');
  if (existing) return mustGet(emu, 'payment_intent', existing.payment.payment_intent as string);
  const subscription = subscriptionOf(invoice);
  const pi = createPaymentIntent(emu, {
    amount: invoice.amount_remaining,
    currency: invoice.currency,
    customer: idOf(invoice.customer),
    description: subscription ? (invoice.billing_reason === 'subscription_create' ? 'Subscription creation' : 'Subscription update') : `Invoice ${invoice.number ?? invoice.id}`,
    // Subscription payments save the card for the renewals that follow.
    setupFutureUsage: subscription ? 'off_session' : null,
    // Invoices accept bank debits where Stripe offers them (SEPA Direct Debit for eur).
    paymentMethodTypes: invoice.currency === 'eur' ? ['card', 'sepa_debit'] : ['card'],
  });
  linkPayment(emu, invoice, pi, true);
  return pi;
}

export type CollectionOutcome = 'paid' | 'failed' | 'requires_action' | 'processing';

/**
 * Tries to collect an open invoice with `paymentMethod` (or the invoice's, subscription's or
 * customer's default). Declines are recorded on the invoice and returned as 'failed'.
 */
export function collectInvoice(emu: Emulator, invoice: Stripe.Invoice, options: { paymentMethod?: string; offSession: boolean }): { outcome: CollectionOutcome; error?: StripeError } {
  const pmId = options.paymentMethod ?? defaultPaymentMethodFor(emu, invoice);
  const pi = ensureInvoicePaymentIntent(emu, invoice);
  invoice.attempted = true;
  invoice.attempt_count += 1;
  if (!pmId) {
    const error = invalidRequest(
      'This customer has no attached payment source or default payment method. Please consider adding a default payment method.',
      undefined,
      'invoice_no_payment_method_types',
    );
    recordFailedAttempt(emu, invoice);
    return { outcome: 'failed', error };
  }
  try {
    confirmPaymentIntent(emu, pi.id, { paymentMethod: pmId, offSession: options.offSession, requestAuthenticationOffSession: true });
  } catch (err) {
    if (!(err instanceof StripeError)) throw err;
    if (err.status === 402) {
      recordFailedAttempt(emu, invoice);
      return { outcome: 'failed', error: err };
    }
    invoice.attempt_count -= 1;
    throw err;
  }
  if (pi.status === 'requires_action') {
    emu.events.emit('invoice.payment_action_required', invoice);
    return { outcome: 'requires_action' };
  }
  // A bank debit: the invoice stays open until it settles (paid then, or a failed attempt).
  if (pi.status === 'processing') return { outcome: 'processing' };
  return { outcome: invoice.status === 'paid' ? 'paid' : 'failed' };
}

/** An invoice's bank debit failed after processing: a failed payment attempt, as a decline is. */
export function invoiceDebitFailed(emu: Emulator, pi: Stripe.PaymentIntent): Stripe.Invoice[] {
  const failed: Stripe.Invoice[] = [];
  for (const payment of emu.store.list('invoice_payment')) {
    if (payment.payment.payment_intent !== pi.id) continue;
    const invoice = emu.store.get('invoice', payment.invoice as string);
    if (invoice?.status !== 'open') continue;
    recordFailedAttempt(emu, invoice);
    failed.push(invoice);
  }
  return failed;
}

function recordFailedAttempt(emu: Emulator, invoice: Stripe.Invoice): void {
  emu.events.emit('invoice.payment_failed', invoice);
}

function defaultPaymentMethodFor(emu: Emulator, invoice: Stripe.Invoice): string | undefined {
  const subscriptionId = subscriptionOf(invoice);
  const subscription = subscriptionId ? emu.store.get('subscription', subscriptionId) : undefined;
  const customer = emu.store.get('customer', idOf(invoice.customer)!);
  return (
    idOf(invoice.default_payment_method) ??
    idOf(subscription?.default_payment_method) ??
    idOf(customer?.invoice_settings.default_payment_method) ??
    idOf(customer?.default_source) ??
    undefined
  );
}

/** POST /v1/invoices/:id/pay: collects now; a decline is a 402 card error, as Stripe answers. */
export function payInvoice(emu: Emulator, invoice: Stripe.Invoice, options: { paymentMethod?: string; offSession: boolean }): Stripe.Invoice {
  if (invoice.status === 'draft') {
    finalizeInvoice(emu, invoice);
  }
  if (invoice.status === 'paid') throw invalidRequest('Invoice is already paid', undefined, 'status_transition_invalid');
  if (invoice.status !== 'open') throw invalidRequest(`This invoice can no longer be paid because it is ${invoice.status}.`, undefined, 'invoice_not_editable');
  if (options.paymentMethod) mustGet(emu, 'payment_method', options.paymentMethod, 'payment_method');
  const result = collectInvoice(emu, invoice, options);
  if (result.error) throw result.error;
  return invoice;
}

export function payOutOfBand(emu: Emulator, invoice: Stripe.Invoice): Stripe.Invoice {
  if (invoice.status === 'draft') finalizeInvoice(emu, invoice);
  if (invoice.status !== 'open') throw invalidRequest(`This invoice can no longer be paid because it is ${invoice.status}.`, undefined, 'invoice_not_editable');
  invoice.amount_remaining = 0;
  markPaid(emu, invoice);
  return invoice;
}

/**
 * POST /v1/invoices/:id/attach_payment, with the rules Stripe documents for partial payments: the
 * invoice is open (a draft is finalized first) and not a subscription invoice charged
 * automatically; the PaymentIntent has the invoice's customer and currency, is not canceled, is
 * not attached to it yet, and asks for at most what the invoice still owes (for one that already
 * succeeded: what it has not yet paid towards other invoices).
 */
export function attachPaymentByRequest(emu: Emulator, invoice: Stripe.Invoice, pi: Stripe.PaymentIntent): Stripe.Invoice {
  if (invoice.status !== 'open' && invoice.status !== 'draft') {
    throw invalidRequest(`You cannot attach a payment to an invoice with status ${invoice.status}.`, 'payment_intent', 'invoice_not_editable');
  }
  if (subscriptionOf(invoice) && invoice.collection_method === 'charge_automatically') {
    throw invalidRequest(
      'Partial payments are not supported for subscription invoices that are charged automatically. Use collection_method=send_invoice to accept them.',
      'payment_intent',
      'invoice_not_editable',
    );
  }
  if (!pi.customer || idOf(pi.customer) !== idOf(invoice.customer)) {
    throw invalidRequest('The PaymentIntent must have the same customer as the invoice.', 'payment_intent');
  }
  if (pi.currency !== invoice.currency) {
    throw invalidRequest(`The PaymentIntent's currency (${pi.currency}) must match the invoice's currency (${invoice.currency}).`, 'payment_intent');
  }
  if (pi.status === 'canceled') {
    throw invalidRequest(`You cannot attach a PaymentIntent with status ${pi.status}.`, 'payment_intent', 'payment_intent_unexpected_state');
  }
  if (paymentsOfInvoice(emu, invoice.id).some((p) => p.payment.payment_intent === pi.id)) {
    throw invalidRequest(`The PaymentIntent ${pi.id} is already attached to this invoice.`, 'payment_intent');
  }
  const asked = pi.status === 'succeeded' ? pi.amount_received - appliedElsewhere(emu, pi.id) : pi.amount;
  const owed = invoice.status === 'draft' ? invoice.amount_due : invoice.amount_remaining;
  if (asked > owed) {
    throw invalidRequest(
      `The PaymentIntent's amount (${asked}) is greater than the amount remaining on the invoice (${owed}).`,
      'payment_intent',
      'amount_too_large',
    );
  }
  return attachPaymentToInvoice(emu, invoice, pi);
}

/** What a PaymentIntent has already paid towards invoices. */
function appliedElsewhere(emu: Emulator, piId: string): number {
  return emu.store
    .list('invoice_payment')
    .filter((p) => p.payment.payment_intent === piId && p.status === 'paid')
    .reduce((sum, p) => sum + (p.amount_paid ?? 0), 0);
}

/** Links another PaymentIntent to the invoice (partial payments); it counts once it succeeds. */
export function attachPaymentToInvoice(emu: Emulator, invoice: Stripe.Invoice, pi: Stripe.PaymentIntent): Stripe.Invoice {
  if (invoice.status !== 'open' && invoice.status !== 'draft') {
    throw invalidRequest(`You cannot attach a payment to an invoice with status ${invoice.status}.`, 'payment_intent', 'invoice_not_editable');
  }
  if (invoice.status === 'draft') finalizeInvoice(emu, invoice);
  linkPayment(emu, invoice, pi, false);
  if (pi.status === 'succeeded') settleInvoicePayments(emu, pi);
  return invoice;
}

/** Called when an InvoicePayment settles the whole remaining amount. */
function recordInvoicePaid(emu: Emulator, invoice: Stripe.Invoice, link: Stripe.InvoicePayment): void {
  invoice.amount_paid += link.amount_paid ?? 0;
  markPaid(emu, invoice, link);
}

/** Called when an InvoicePayment covers only part of what the invoice owes. */
function recordPartialPayment(emu: Emulator, invoice: Stripe.Invoice, link: Stripe.InvoicePayment): void {
  const before = snapshot(invoice);
  invoice.amount_paid += link.amount_paid ?? 0;
  invoice.amount_remaining = Math.max(0, invoice.amount_due - invoice.amount_paid);
  askForTheRest(emu, invoice);
  emu.events.emit('invoice_payment.paid', link);
  emu.events.emitUpdate('invoice.updated', invoice, before);
}

/**
 * After a partial payment the invoice's own (default) PaymentIntent asks for what is left, so
 * paying the invoice in full afterwards charges the remainder, not the original total.
 */
function askForTheRest(emu: Emulator, invoice: Stripe.Invoice): void {
  const link = paymentsOfInvoice(emu, invoice.id).find((p) => p.is_default && p.status === 'open');
  const pi = link ? emu.store.get('payment_intent', link.payment.payment_intent as string) : undefined;
  if (!link || !pi || !['requires_payment_method', 'requires_confirmation'].includes(pi.status)) return;
  pi.amount = invoice.amount_remaining;
  link.amount_requested = invoice.amount_remaining;
}

function markPaid(emu: Emulator, invoice: Stripe.Invoice, link?: Stripe.InvoicePayment): void {
  const now = nowForCustomer(emu, idOf(invoice.customer));
  invoice.status = 'paid';
  invoice.amount_remaining = 0;
  invoice.attempted = true;
  invoice.next_payment_attempt = null;
  invoice.status_transitions.paid_at = now;
  emu.store.extras(invoice.id).retryIndex = undefined;
  const unused = cancelOpenPayments(emu, invoice);
  emu.events.emit('invoice.paid', invoice);
  emu.events.emit('invoice.payment_succeeded', invoice);
  if (link) emu.events.emit('invoice_payment.paid', link);
  for (const other of unused) cancelUnusedIntent(emu, other);
  emu.reactions.invoicePaid(emu, invoice);
}

function cancelUnusedIntent(emu: Emulator, link: Stripe.InvoicePayment): void {
  const pi = emu.store.get('payment_intent', link.payment.payment_intent as string);
  if (pi && ['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(pi.status)) cancelPaymentIntent(emu, pi, 'abandoned');
}

export function voidInvoice(emu: Emulator, invoice: Stripe.Invoice): Stripe.Invoice {
  if (invoice.status !== 'open' && invoice.status !== 'uncollectible') {
    throw invalidRequest(`You can only void open or uncollectible invoices; this one is ${invoice.status}.`, undefined, 'invoice_not_editable');
  }
  invoice.status = 'void';
  invoice.status_transitions.voided_at = nowForCustomer(emu, idOf(invoice.customer));
  invoice.next_payment_attempt = null;
  const unused = cancelOpenPayments(emu, invoice);
  emu.events.emit('invoice.voided', invoice);
  for (const link of unused) cancelUnusedIntent(emu, link);
  return invoice;
}

export function markUncollectible(emu: Emulator, invoice: Stripe.Invoice): Stripe.Invoice {
  if (invoice.status !== 'open') {
    throw invalidRequest(`You can only mark open invoices as uncollectible; this one is ${invoice.status}.`, undefined, 'invoice_not_editable');
  }
  invoice.status = 'uncollectible';
  invoice.status_transitions.marked_uncollectible_at = nowForCustomer(emu, idOf(invoice.customer));
  invoice.next_payment_attempt = null;
  emu.events.emit('invoice.marked_uncollectible', invoice);
  return invoice;
}

/**
 * A PaymentIntent succeeded: its open invoice payments become paid, each taking what is left of
 * the PaymentIntent up to what its invoice still owes; fully paid invoices are marked paid.
 */
export function settleInvoicePayments(emu: Emulator, pi: Stripe.PaymentIntent): void {
  const links = emu.store
    .list('invoice_payment')
    .filter((p) => p.payment.payment_intent === pi.id)
    .reverse();
  let available = pi.amount_received - links.filter((p) => p.status === 'paid').reduce((sum, p) => sum + (p.amount_paid ?? 0), 0);
  for (const link of links) {
    if (link.status !== 'open') continue;
    const invoice = mustGet(emu, 'invoice', link.invoice as string);
    // Nothing left of the PaymentIntent for this invoice: its link stays open, counting nothing.
    if (invoice.status !== 'open' || available <= 0) continue;
    const amount = Math.min(available, invoice.amount_remaining);
    available -= amount;
    const now = nowForCustomer(emu, idOf(invoice.customer));
    link.status = 'paid';
    link.amount_paid = amount;
    link.status_transitions.paid_at = now;
    if (amount >= invoice.amount_remaining) recordInvoicePaid(emu, invoice, link);
    else recordPartialPayment(emu, invoice, link);
  }
}

/** The customer's invoice number prefix and next sequence, e.g. `ABCD1234-0001`. */
function nextInvoiceNumber(customer: Stripe.Customer): string {
  const sequence = customer.next_invoice_sequence ?? 1;
  customer.next_invoice_sequence = sequence + 1;
  return `${customer.invoice_prefix}-${String(sequence).padStart(4, '0')}`;
}
