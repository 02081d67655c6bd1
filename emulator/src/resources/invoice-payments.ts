// InvoicePayments: the many-to-many link between invoices and the PaymentIntents that pay them
// (one invoice, several partial payments; one PaymentIntent, several invoices).
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import type { ApiRouter } from '../api.js';
import { LIST_PARAMS, paginate } from '../protocol/list.js';
import { invalidRequest } from '../protocol/errors.js';
import { newId } from '../ids.js';
import { mustGet, nowForCustomer, idOf, retrieveRoute } from './lookup.js';
import { recordInvoicePaid, recordPartialPayment } from './invoices.js';

export function registerInvoicePaymentRoutes(api: ApiRouter): void {
  api.add('GET', '/v1/invoice_payments', {
    run: ({ emu, params, url }) => {
      params.only(...LIST_PARAMS, 'invoice', 'payment', 'status');
      const invoice = params.str('invoice');
      const payment = params.obj('payment')?.only('type', 'payment_intent', 'payment_record');
      const type = payment?.oneOf('type', ['payment_intent', 'payment_record'] as const);
      if (payment && !type) throw invalidRequest('Missing required param: payment[type].', 'payment[type]', 'parameter_missing');
      const paymentIntent = payment?.str('payment_intent');
      const status = params.oneOf('status', ['canceled', 'open', 'paid'] as const);
      const items = emu.store.list('invoice_payment').filter(
        (p) =>
          (invoice === undefined || p.invoice === invoice) &&
          (type === undefined || p.payment.type === type) &&
          (paymentIntent === undefined || p.payment.payment_intent === paymentIntent) &&
          (status === undefined || p.status === status),
      );
      return paginate(items, params, url, 'invoice_payment');
    },
  });
  api.add('GET', '/v1/invoice_payments/:id', retrieveRoute('invoice_payment'));
}

export function paymentsOfInvoice(emu: Emulator, invoiceId: string): Stripe.InvoicePayment[] {
  return emu.store.list('invoice_payment').filter((p) => p.invoice === invoiceId);
}

/** Links a PaymentIntent to an invoice; `isDefault` marks the one the invoice created for itself. */
export function linkPayment(emu: Emulator, invoice: Stripe.Invoice, pi: Stripe.PaymentIntent, isDefault: boolean): Stripe.InvoicePayment {
  return emu.store.insert({
    id: newId('inpay'),
    object: 'invoice_payment',
    amount_paid: null,
    amount_requested: Math.min(pi.amount, invoice.amount_remaining),
    created: nowForCustomer(emu, idOf(invoice.customer)),
    currency: invoice.currency,
    invoice: invoice.id,
    is_default: isDefault,
    livemode: false,
    payment: { type: 'payment_intent', payment_intent: pi.id },
    status: 'open',
    status_transitions: { canceled_at: null, paid_at: null },
  });
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
    if (invoice.status !== 'open') continue;
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

/** Cancels the invoice's other open payments once it no longer needs them (paid or voided). */
export function cancelOpenPayments(emu: Emulator, invoice: Stripe.Invoice): Stripe.InvoicePayment[] {
  const canceled: Stripe.InvoicePayment[] = [];
  for (const link of paymentsOfInvoice(emu, invoice.id)) {
    if (link.status !== 'open') continue;
    link.status = 'canceled';
    link.status_transitions.canceled_at = nowForCustomer(emu, idOf(invoice.customer));
    canceled.push(link);
  }
  return canceled;
}
