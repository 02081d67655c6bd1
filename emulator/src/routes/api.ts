// The shape of a /v1 endpoint: a synchronous handler over validated params, returning the Stripe
// object (the server applies expand and serialises it).
import type { Emulator } from '../emulator.js';
import type { Auth } from '../protocol/auth.js';
import type { Params } from '../protocol/params.js';
import { Router } from '../router.js';
import { invalidRequest } from '../protocol/errors.js';
import type { Kind } from '../store.js';
import { mustGet } from '../state/lookup.js';

export interface ApiCall {
  emu: Emulator;
  params: Params;
  path: Record<string, string>;
  auth: Auth;
  /** The request path without query, for list `url`s. */
  url: string;
}

export interface ApiRoute {
  run: (call: ApiCall) => unknown;
  /** Stripe allows this call with a publishable key plus the object's client secret. */
  publishable?: boolean;
}

export type ApiRouter = Router<ApiRoute>;

/** On publishable-key calls, the object's `client_secret` must be presented. */
export function requireClientSecret(call: ApiCall, object: { client_secret: string | null }): void {
  if (call.auth.kind !== 'publishable') return;
  const presented = call.params.str('client_secret');
  if (!presented || presented !== object.client_secret) {
    throw invalidRequest('The client_secret provided does not match the client_secret associated with this object.', 'client_secret');
  }
}

/** GET of a PaymentIntent or SetupIntent: a browser may read it with a publishable key and its client secret. */
export function retrieveIntentRoute(kind: 'payment_intent' | 'setup_intent'): ApiRoute {
  return {
    publishable: true,
    run: (call) => {
      call.params.only('client_secret');
      const intent = mustGet(call.emu, kind, call.path.id, 'intent');
      requireClientSecret(call, intent);
      return intent;
    },
  };
}

/** An endpoint that takes no parameters besides `expand` (Stripe rejects any other). */
export function withoutParams(run: (call: ApiCall) => unknown): ApiRoute {
  return {
    run: (call) => {
      call.params.only();
      return run(call);
    },
  };
}

/** GET /v1/<resource>/:id — takes only `expand`, like every Stripe retrieve. */
export function retrieveRoute<K extends Kind>(kind: K): ApiRoute {
  return withoutParams(({ emu, path }) => mustGet(emu, kind, path.id));
}
