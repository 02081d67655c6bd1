// What a success sets off in the resources above the one it happens to. PaymentIntents, SetupIntents
// and invoices announce through `emu.reactions` instead of importing the modules that react, so the
// state modules import each other in one direction only.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import { settleInvoicePayments } from './invoices.js';
import { activateAfterPayment, adoptSetupPaymentMethod } from './subscriptions.js';
import { completeCheckoutAfterPayment, completeCheckoutAfterSetup } from './checkout-sessions.js';

export interface Reactions {
  paymentSucceeded(emu: Emulator, pi: Stripe.PaymentIntent): void;
  setupSucceeded(emu: Emulator, si: Stripe.SetupIntent): void;
  invoicePaid(emu: Emulator, invoice: Stripe.Invoice): void;
}

// The order within each reaction is the order of the events Stripe sends.
export const reactions: Reactions = {
  paymentSucceeded(emu, pi) {
    settleInvoicePayments(emu, pi);
    completeCheckoutAfterPayment(emu, pi);
  },
  setupSucceeded(emu, si) {
    adoptSetupPaymentMethod(emu, si);
    completeCheckoutAfterSetup(emu, si);
  },
  invoicePaid(emu, invoice) {
    activateAfterPayment(emu, invoice);
  },
};
