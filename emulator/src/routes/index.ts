// Every /v1 resource, registered on the API router.
import type { ApiRouter } from './api.js';
import { registerBillingPortalRoutes } from './billing-portal.js';
import { registerChargeRoutes } from './charges.js';
import { registerCheckoutSessionRoutes } from './checkout-sessions.js';
import { registerCouponRoutes } from './coupons.js';
import { registerCustomerRoutes } from './customers.js';
import { registerDisputeRoutes } from './disputes.js';
import { registerEventRoutes } from './events.js';
import { registerInvoiceItemRoutes } from './invoice-items.js';
import { registerInvoicePaymentRoutes } from './invoice-payments.js';
import { registerInvoiceRoutes } from './invoices.js';
import { registerPaymentIntentRoutes } from './payment-intents.js';
import { registerPaymentMethodRoutes } from './payment-methods.js';
import { registerPriceRoutes } from './prices.js';
import { registerProductRoutes } from './products.js';
import { registerRefundRoutes } from './refunds.js';
import { registerSearchRoutes } from './search.js';
import { registerSetupIntentRoutes } from './setup-intents.js';
import { registerSubscriptionRoutes } from './subscriptions.js';
import { registerTestClockRoutes } from './test-clocks.js';
import { registerTokenRoutes } from './tokens.js';
import { registerWebhookEndpointRoutes } from './webhook-endpoints.js';

export function registerApiRoutes(api: ApiRouter): void {
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
}
