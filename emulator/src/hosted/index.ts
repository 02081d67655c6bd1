// The browser surfaces the emulator serves from its own origin: the Stripe.js stand-in, the
// 3-D Secure challenge, hosted Checkout, the customer portal, and hosted invoices with their PDF.
import type { Emulator } from '../emulator.js';
import type { HostedRouter } from '../hosted-routes.js';
import { bundle, isAssetName, stripeJs } from './assets.js';
import { registerCheckoutRoutes } from './checkout.js';
import { registerElementFrameRoutes } from './elements-frame.js';
import { originOf, sendJson, sendScript } from './http.js';
import { registerInvoiceRoutes } from './invoice.js';
import { registerPortalRoutes } from './portal.js';
import { registerReceiptRoutes } from './receipt.js';
import { registerThreeDSecureRoutes } from './three-d-secure.js';

export function registerHostedRoutes(router: HostedRouter, emu: Emulator): void {
  for (const path of ['/v3', '/v3/stripe.js', '/endive/stripe.js']) {
    router.add('GET', path, async ({ req, res }) => sendScript(res, await stripeJs(originOf(req, emu.baseUrl))));
  }
  router.add('GET', '/_emulator/assets/:name', async ({ res, pathParams }) => {
    if (!isAssetName(pathParams.name!)) return sendJson(res, 404, { error: { type: 'invalid_request_error', message: 'No such asset.' } });
    sendScript(res, await bundle(pathParams.name));
  });
  registerElementFrameRoutes(router);
  registerThreeDSecureRoutes(router);
  registerCheckoutRoutes(router);
  registerInvoiceRoutes(router);
  registerPortalRoutes(router);
  registerReceiptRoutes(router);
}
