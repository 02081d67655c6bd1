// The shape of a /v1 endpoint: a synchronous handler over validated params, returning the Stripe
// object (the server applies expand and serialises it).
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import type { Auth } from '../protocol/auth.js';
import type { Params } from '../protocol/params.js';
import { Router } from '../router.js';
import { invalidRequest } from '../protocol/errors.js';
import { LIST_PARAMS, paginate } from '../protocol/list.js';
import type { Kind, ObjectKinds } from '../store.js';
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

/** One list filter: reads its param (`undefined` when absent) and returns the test an item must pass. */
export type ListFilter<T> = (params: Params, name: string) => ((item: T) => boolean) | undefined;

/** `name=value`: items whose field equals the string. */
export function matchStr<T>(field: (item: T) => unknown): ListFilter<T> {
  return (params, name) => {
    const value = params.str(name);
    return value === undefined ? undefined : (item) => field(item) === value;
  };
}

/** `name=true|false`: items whose flag has that value. */
export function matchBool<T>(field: (item: T) => boolean): ListFilter<T> {
  return (params, name) => {
    const value = params.bool(name);
    return value === undefined ? undefined : (item) => field(item) === value;
  };
}

/** `name=<one of values>`: items whose field equals it (other values are rejected). */
export function matchOneOf<T>(values: readonly string[], field: (item: T) => unknown): ListFilter<T> {
  return (params, name) => {
    const value = params.oneOf(name, values);
    return value === undefined ? undefined : (item) => field(item) === value;
  };
}

/** `name[]=a&name[]=b`: items whose field is one of the strings. */
export function matchAnyOf<T>(field: (item: T) => string | null): ListFilter<T> {
  return (params, name) => {
    const values = params.strList(name);
    if (values === undefined) return undefined;
    return (item) => {
      const value = field(item);
      return value !== null && values.includes(value);
    };
  };
}

interface ListSpec<T, V> {
  /** The list's filter params, read in this order; an item must pass every one sent. */
  filters?: Record<string, ListFilter<T>>;
  /** Params Stripe accepts on this list that do not narrow it here. */
  accepts?: readonly string[];
  /** Items the list never shows, whatever the params. */
  where?: (item: T) => boolean;
  /** What the list shows for each stored item. */
  view?: (emu: Emulator, item: T) => V;
  /** The name in "No such …" cursor errors; the kind by default. */
  label?: string;
}

/** GET /v1/<resource> — the stored objects of a kind, filtered by params, newest first, paged. */
export function listRoute<K extends Kind, V extends { id: string; created?: number } = ObjectKinds[K]>(kind: K, spec: ListSpec<ObjectKinds[K], V> = {}): ApiRoute {
  const { filters = {}, accepts = [], where = () => true, view = (_emu, item) => item as unknown as V, label = kind } = spec;
  return {
    run: ({ emu, params, url }) => {
      params.only(...LIST_PARAMS, ...Object.keys(filters), ...accepts);
      const tests = Object.entries(filters).flatMap(([name, filter]) => filter(params, name) ?? []);
      const items = emu.store.list(kind).filter((item) => where(item) && tests.every((test) => test(item)));
      return paginate(items.map((item) => view(emu, item)), params, url, label);
    },
  };
}

/** The kinds whose changes Stripe announces as `<kind>.updated`. */
type UpdatableKind = { [K in Kind]: `${K}.updated` extends Stripe.Event.Type ? K : never }[Kind];

interface UpdateSpec<T> {
  /** Every param the endpoint accepts (the ones `apply` ignores included). */
  params: readonly string[];
  /** Sets the fields the sent params change. */
  apply: (object: T, params: Params, emu: Emulator) => void;
  /** The param named in a "No such …" error; `id` by default. */
  param?: string;
}

/** POST /v1/<resource>/:id — changes the object and emits `<kind>.updated` with what changed. */
export function updateRoute<K extends UpdatableKind>(kind: K, { params: allowed, apply, param }: UpdateSpec<ObjectKinds[K]>): ApiRoute {
  return {
    run: ({ emu, params, path }) => {
      params.only(...allowed);
      const object = mustGet(emu, kind, path.id, param);
      return emu.events.update(`${kind}.updated` as Stripe.Event.Type, object, (o) => apply(o, params, emu));
    },
  };
}
