// /v1/payment_pages: the calls Stripe's hosted Checkout page makes for a session (and the Stripe
// CLI's checkout fixtures replay) — read the page, then confirm it with a PaymentMethod.
import { type ApiRouter } from './api.js';
import { invalidRequest } from '../protocol/errors.js';
import { mustGet } from '../state/lookup.js';
import { completeCheckoutSession } from '../state/checkout-sessions.js';

export function registerPaymentPageRoutes(api: ApiRouter): void {
  api.add('GET', '/v1/payment_pages/:id', {
    publishable: true,
    run: ({ emu, params, path }) => {
      params.only();
      return mustGet(emu, 'checkout.session', path.id, 'session');
    },
  });
  api.add('POST', '/v1/payment_pages/:id/confirm', {
    publishable: true,
    run: ({ emu, params, path }) => {
      params.only('payment_method', 'expected_amount', 'expected_payment_method_type', 'email', 'name');
      const session = mustGet(emu, 'checkout.session', path.id, 'session');
      const expected = params.int('expected_amount', { min: 0 });
      if (expected !== undefined && expected !== (session.amount_total ?? 0)) {
        throw invalidRequest(`The expected amount (${expected}) does not match the session's total (${session.amount_total ?? 0}).`, 'expected_amount');
      }
      const paymentMethod = mustGet(emu, 'payment_method', params.requiredStr('payment_method'), 'payment_method');
      return completeCheckoutSession(emu, session.id, {
        paymentMethod: paymentMethod.id,
        email: params.str('email') ?? paymentMethod.billing_details.email ?? undefined,
        name: params.str('name') ?? paymentMethod.billing_details.name ?? undefined,
      });
    },
  });
}
