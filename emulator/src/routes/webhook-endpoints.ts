// Webhook endpoints: where events are delivered. The signing secret is shown on create only.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import { type ApiRouter, listRoute, retrieveRoute } from './api.js';
import type { Params } from '../protocol/params.js';
import { invalidRequest, parameterMissing } from '../protocol/errors.js';
import { newId, randomToken } from '../ids.js';
import { API_VERSION } from '../protocol/version.js';
import { mustGet } from '../state/lookup.js';

export function registerWebhookEndpointRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/webhook_endpoints', { run: ({ emu, params }) => createWebhookEndpoint(emu, params) });
  api.add('GET', '/v1/webhook_endpoints', listRoute('webhook_endpoint', { label: 'webhook endpoint' }));
  api.add('GET', '/v1/webhook_endpoints/:id', retrieveRoute('webhook_endpoint'));
  api.add('POST', '/v1/webhook_endpoints/:id', {
    run: ({ emu, params, path }) => {
      params.only('url', 'enabled_events', 'description', 'metadata', 'disabled');
      const endpoint = mustGet(emu, 'webhook_endpoint', path.id);
      const url = params.str('url');
      if (url) endpoint.url = validUrl(url);
      if (params.has('enabled_events')) endpoint.enabled_events = enabledEvents(params);
      params.assignNullableStrs(endpoint, 'description');
      const disabled = params.bool('disabled');
      if (disabled !== undefined) endpoint.status = disabled ? 'disabled' : 'enabled';
      endpoint.metadata = params.metadata(endpoint.metadata);
      return endpoint;
    },
  });
  api.add('DELETE', '/v1/webhook_endpoints/:id', {
    run: ({ emu, params, path }) => {
      params.only();
      mustGet(emu, 'webhook_endpoint', path.id);
      emu.store.delete(path.id!);
      return { id: path.id, object: 'webhook_endpoint', deleted: true };
    },
  });
}

function createWebhookEndpoint(emu: Emulator, params: Params): Stripe.WebhookEndpoint {
  params.only('url', 'enabled_events', 'description', 'metadata', 'api_version', 'connect');
  const apiVersion = params.str('api_version');
  if (apiVersion && apiVersion !== API_VERSION) throw invalidRequest(`Invalid API version: ${apiVersion}. The emulator speaks ${API_VERSION}.`, 'api_version');
  const secret = `whsec_${randomToken(32)}`;
  const endpoint = emu.store.insert({
    id: newId('we'),
    object: 'webhook_endpoint',
    api_version: apiVersion ?? null,
    application: null,
    created: emu.clock.now(),
    description: params.str('description') ?? null,
    enabled_events: enabledEvents(params),
    livemode: false,
    metadata: params.metadata(),
    status: 'enabled',
    url: validUrl(params.requiredStr('url')),
  });
  emu.store.extras(endpoint.id).webhookSecret = secret;
  return { ...endpoint, secret };
}

function enabledEvents(params: Params): string[] {
  const events = params.strList('enabled_events');
  if (!events || events.length === 0) throw parameterMissing('enabled_events');
  return events;
}

function validUrl(url: string): string {
  if (!/^https?:\/\/\S+$/.test(url)) throw invalidRequest('Invalid URL: must be an http(s) URL.', 'url', 'url_invalid');
  return url;
}
