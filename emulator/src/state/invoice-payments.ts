// InvoicePayments: the many-to-many link between invoices and the PaymentIntents that pay them
// (one invoice, several partial payments; one PaymentIntent, several invoices).
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import { newId } from '../ids.js';
import { nowForCustomer, idOf } from './lookup.js';

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
