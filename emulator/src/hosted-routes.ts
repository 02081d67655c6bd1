// The plug-in point for browser surfaces (hosted Checkout, portal, 3-D Secure, invoice pages,
// the Stripe.js-compatible script): `src/hosted/index.ts` registers its routes here.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Emulator } from './emulator.js';
import { Router } from './router.js';

export interface HostedRequest {
  emu: Emulator;
  req: IncomingMessage;
  res: ServerResponse;
  pathParams: Record<string, string>;
  query: URLSearchParams;
}

export type HostedHandler = (request: HostedRequest) => void | Promise<void>;

export type HostedRouter = Router<HostedHandler>;
