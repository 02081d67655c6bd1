// Every /v1 resource, registered on the API router.
import type { ApiRoute, ApiRouter } from './api.js';
import type { Emulator } from '../emulator.js';
import { settleDueDebits } from '../state/payment-intents.js';
import { registerMandateRoutes } from './mandates.js';
import { registerBalanceTransactionRoutes } from './balance-transactions.js';
import { registerBillingPortalRoutes } from './billing-portal.js';
import { registerChargeRoutes } from './charges.js';
import { registerCheckoutSessionRoutes } from './checkout-sessions.js';
import { registerCouponRoutes } from './coupons.js';
import { registerCreditNoteRoutes } from './credit-notes.js';
import { registerCustomerRoutes } from './customers.js';
import { registerDisputeRoutes } from './disputes.js';
import { registerEventRoutes } from './events.js';
import { registerInvoiceItemRoutes } from './invoice-items.js';
import { registerInvoicePaymentRoutes } from './invoice-payments.js';
import { registerInvoiceRoutes } from './invoices.js';
import { registerMeterRoutes } from './meters.js';
import { registerPaymentIntentRoutes } from './payment-intents.js';
import { registerPaymentMethodRoutes } from './payment-methods.js';
import { registerPaymentPageRoutes } from './payment-pages.js';
import { registerPlanRoutes } from './plans.js';
import { registerPriceRoutes } from './prices.js';
import { registerProductRoutes } from './products.js';
import { registerRefundRoutes } from './refunds.js';
import { registerSearchRoutes } from './search.js';
import { registerSetupIntentRoutes } from './setup-intents.js';
import { registerSubscriptionRoutes } from './subscriptions.js';
import { registerSubscriptionScheduleRoutes } from './subscription-schedules.js';
import { registerTaxRateRoutes } from './tax-rates.js';
import { registerTestClockRoutes } from './test-clocks.js';
import { registerTokenRoutes } from './tokens.js';
import { registerWebhookEndpointRoutes } from './webhook-endpoints.js';

export function registerApiRoutes(router: ApiRouter): void {
  const api = settlingDebitsFirst(router);
  registerMandateRoutes(api);
  registerSearchRoutes(api);
  registerCustomerRoutes(api);
  registerProductRoutes(api);
  registerPriceRoutes(api);
  registerTokenRoutes(api);
  registerPaymentMethodRoutes(api);
  registerPaymentIntentRoutes(api);
  registerSetupIntentRoutes(api);
  registerChargeRoutes(api);
  registerRefundRoutes(api);
  registerDisputeRoutes(api);
  registerInvoiceRoutes(api);
  registerInvoiceItemRoutes(api);
  registerInvoicePaymentRoutes(api);
  registerSubscriptionRoutes(api);
  registerCheckoutSessionRoutes(api);
  registerBillingPortalRoutes(api);
  registerTestClockRoutes(api);
  registerEventRoutes(api);
  registerWebhookEndpointRoutes(api);
  registerCouponRoutes(api);
  registerPlanRoutes(api);
  registerTaxRateRoutes(api);
  registerCreditNoteRoutes(api);
  registerSubscriptionScheduleRoutes(api);
  registerPaymentPageRoutes(api);
  registerBalanceTransactionRoutes(api);
  registerMeterRoutes(api);
}

/**
 * Every call first settles the bank debits whose time has come on their clock, so a debit that
 * Stripe settles moments (or three minutes) after confirmation has settled by the next request.
 */
function settlingDebitsFirst(router: ApiRouter): ApiRouter {
  const settling = (route: ApiRoute): ApiRoute => ({
    ...route,
    run: (call) => {
      settleQuietly(call.emu);
      return route.run(call);
    },
  });
  return { add: (method: string, pattern: string, route: ApiRoute) => router.add(method, pattern, settling(route)), match: router.match.bind(router) } as unknown as ApiRouter;
}

/** Settlement is Stripe's doing, not the caller's: its events carry no request. */
function settleQuietly(emu: Emulator): void {
  const request = emu.request;
  emu.request = null;
  try {
    settleDueDebits(emu);
  } finally {
    emu.request = request;
  }
}
