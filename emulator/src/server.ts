// The HTTP front door: /v1 (Stripe's wire protocol), /_emulator (control API), and hosted pages.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Emulator } from './emulator.js';
import type { ApiRoute } from './routes/api.js';
import { registerApiRoutes } from './routes/index.js';
import { registerControlRoutes, type ControlHandler } from './control.js';
import type { HostedHandler } from './hosted-routes.js';
import { registerHostedRoutes } from './hosted/index.js';
import { Router } from './router.js';
import { authenticate, rejectPublishable } from './protocol/auth.js';
import { apiError, invalidRequest, notFound, rateLimited, StripeError } from './protocol/errors.js';
import { applyExpand } from './protocol/expand.js';
import { Params } from './protocol/params.js';
import { MalformedParamsError, parseForm, type ParamObject } from './protocol/qs.js';
import { API_VERSION, checkVersion } from './protocol/version.js';
import { pickFault } from './faults.js';
import { newId } from './ids.js';

const MAX_BODY_BYTES = 1_000_000;

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Idempotency-Key, Stripe-Version, Stripe-Account, X-Stripe-Client-User-Agent',
  'Access-Control-Expose-Headers': 'Request-Id, Idempotent-Replayed, Stripe-Version',
};

export function createEmulatorServer(emu: Emulator): Server {
  const api = new Router<ApiRoute>();
  registerApiRoutes(api);
  const control = new Router<ControlHandler>();
  registerControlRoutes(control);
  const hosted = new Router<HostedHandler>();
  registerHostedRoutes(hosted, emu);

  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const handled = url.pathname.startsWith('/v1/')
      ? handleApi(emu, api, req, res, url)
      : url.pathname.startsWith('/_emulator/') && control.match(req.method ?? 'GET', url.pathname)
        ? handleControl(emu, control, req, res, url)
        : handleHosted(emu, hosted, req, res, url);
    handled.catch((err: unknown) => {
      console.error('[stripe-emulator] unhandled error', err);
      if (!res.headersSent) sendJson(res, 500, { error: apiError().body });
      else res.end();
    });
  });
}

async function handleApi(emu: Emulator, api: Router<ApiRoute>, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? 'GET';
  const requestId = newId('req').slice(0, 18);
  const headers: Record<string, string> = { ...CORS_HEADERS, 'Request-Id': requestId, 'Stripe-Version': API_VERSION };
  if (method === 'OPTIONS') {
    res.writeHead(204, headers).end();
    return;
  }
  const idempotencyKey = method === 'POST' || method === 'DELETE' ? headerOf(req, 'idempotency-key') : undefined;
  const endpoint = `${method} ${url.pathname}`;
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  const respond = (status: number, body: string) => {
    res.writeHead(status, { ...headers, 'Content-Type': 'application/json' }).end(body);
  };
  const body = await readBody(req);

  if (emu.faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, emu.faults.latencyMs));
  const fault = pickFault(emu.faults);
  if (fault === 'connection_reset') {
    req.socket.destroy();
    return;
  }
  let ran = false;
  let raw: ParamObject = {};
  try {
    if (fault === 'rate_limit') throw rateLimited();
    if (fault === 'server_error') throw apiError();
    const auth = authenticate(headerOf(req, 'authorization'));
    if (!emu.rateLimiter.admit(auth.key)) {
      // Stripe asks clients to retry a rate-limited request after backing off.
      headers['Stripe-Should-Retry'] = 'true';
      throw rateLimited();
    }
    checkVersion(headerOf(req, 'stripe-version'));
    const match = api.match(method, url.pathname);
    if (!match) throw notFound(method, url.pathname);
    if (!match.handler.publishable) rejectPublishable(auth);
    raw = parseParams(url, body);
    if (idempotencyKey) {
      const replay = emu.idempotency.replay(idempotencyKey, endpoint, raw, emu.clock.now());
      if (replay) {
        headers['Idempotent-Replayed'] = 'true';
        respond(replay.status, replay.body);
        return;
      }
    }
    const params = new Params(raw);
    emu.request = { id: requestId, idempotency_key: idempotencyKey ?? null };
    ran = true;
    let result: unknown;
    try {
      result = match.handler.run({ emu, params, path: match.pathParams, auth, url: url.pathname });
      result = applyExpand(emu, result, params.expand());
    } finally {
      emu.request = null;
      if (method !== 'GET') emu.onChange();
    }
    const text = JSON.stringify(result);
    if (idempotencyKey) emu.idempotency.remember(idempotencyKey, endpoint, raw, { status: 200, body: text }, emu.clock.now());
    respond(200, text);
  } catch (err) {
    const error = err instanceof StripeError ? err : unexpected(err);
    const text = JSON.stringify({ error: error.body });
    // Stripe keeps the outcome of a request that ran (declines included), not of one refused at the door or crashed.
    if (idempotencyKey && ran && error.status < 500) emu.idempotency.remember(idempotencyKey, endpoint, raw, { status: error.status, body: text }, emu.clock.now());
    respond(error.status, text);
  }
}

function unexpected(err: unknown): StripeError {
  if (err instanceof MalformedParamsError) return invalidRequest(err.message);
  console.error('[stripe-emulator] internal error', err);
  return apiError();
}

function parseParams(url: URL, body: string): ParamObject {
  const query = parseForm(url.search.slice(1));
  return { ...query, ...parseForm(body) };
}

async function handleControl(emu: Emulator, control: Router<ControlHandler>, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const match = control.match(req.method ?? 'GET', url.pathname)!;
  const text = await readBody(req);
  try {
    const body: unknown = text ? JSON.parse(text) : {};
    const result = await match.handler({ emu, body: (body ?? {}) as Record<string, unknown>, path: match.pathParams, query: url.searchParams });
    if (req.method !== 'GET') emu.onChange();
    sendJson(res, 200, result ?? { ok: true });
  } catch (err) {
    if (err instanceof StripeError) sendJson(res, err.status, { error: err.body });
    else if (err instanceof SyntaxError) sendJson(res, 400, { error: { type: 'invalid_request_error', message: `Invalid JSON body: ${err.message}` } });
    else throw err;
  }
}

async function handleHosted(emu: Emulator, hosted: Router<HostedHandler>, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const match = hosted.match(req.method ?? 'GET', url.pathname);
  if (!match) {
    sendJson(res, 404, { error: notFound(req.method ?? 'GET', url.pathname).body });
    return;
  }
  await match.handler({ emu, req, res, pathParams: match.pathParams, query: url.searchParams });
  emu.onChange();
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' }).end(JSON.stringify(body));
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(invalidRequest('Request body too large.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
