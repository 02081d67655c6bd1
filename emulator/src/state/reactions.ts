// What a success sets off in the resources above the one it happens to. PaymentIntents, SetupIntents
// and invoices announce through `emu.reactions` instead of importing the modules that react, so the
// state modules import each other in one direction only.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import { invoiceDebitFailed, settleInvoicePayments } from './invoices.js';
import { renewalDebitFailed } from './billing/renewals.js';
import { activateAfterPayment, adoptSetupPaymentMethod } from './subscriptions.js';
import { checkoutPaymentFailed, checkoutPaymentProcessing, completeCheckoutAfterPayment, completeCheckoutAfterSetup } from './checkout-sessions.js';

export interface Reactions {
  paymentSucceeded(emu: Emulator, pi: Stripe.PaymentIntent): void;
  /** A bank debit was submitted (the PaymentIntent is `processing`). */
  paymentProcessing(emu: Emulator, pi: Stripe.PaymentIntent): void;
  /** A bank debit failed after processing. */
  paymentFailed(emu: Emulator, pi: Stripe.PaymentIntent): void;
  setupSucceeded(emu: Emulator, si: Stripe.SetupIntent): void;
  invoicePaid(emu: Emulator, invoice: Stripe.Invoice): void;
}

// The order within each reaction is the order of the events Stripe sends.
export const reactions: Reactions = {
  paymentSucceeded(emu, pi) {
    settleInvoicePayments(emu, pi);
    completeCheckoutAfterPayment(emu, pi);
  },
  paymentProcessing(emu, pi) {
    checkoutPaymentProcessing(emu, pi);
  },
  paymentFailed(emu, pi) {
    for (const invoice of invoiceDebitFailed(emu, pi)) renewalDebitFailed(emu, invoice);
    checkoutPaymentFailed(emu, pi);
  },
  setupSucceeded(emu, si) {
    adoptSetupPaymentMethod(emu, si);
    completeCheckoutAfterSetup(emu, si);
  },
  invoicePaid(emu, invoice) {
    activateAfterPayment(emu, invoice);
  },
};
