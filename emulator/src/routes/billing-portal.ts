// /v1/billing_portal/configurations and /sessions: params in, state/billing-portal.ts does the rest.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import { type ApiRouter, retrieveRoute } from './api.js';
import { Params } from '../protocol/params.js';
import { LIST_PARAMS, paginate } from '../protocol/list.js';
import { snapshot } from '../events.js';
import { mustGet } from '../state/lookup.js';
import { createPortalConfiguration, applyConfiguration, createPortalSession } from '../state/billing-portal.js';

export function registerBillingPortalRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/billing_portal/configurations', { run: ({ emu, params }) => createPortalConfiguration(emu, params) });
  api.add('GET', '/v1/billing_portal/configurations', {
    run: ({ emu, params, url }) => {
      params.only(...LIST_PARAMS, 'active', 'is_default');
      const active = params.bool('active');
      const isDefault = params.bool('is_default');
      const items = emu.store.list('billing_portal.configuration').filter((c) => (active === undefined || c.active === active) && (isDefault === undefined || c.is_default === isDefault));
      return paginate(items, params, url, 'configuration');
    },
  });
  api.add('GET', '/v1/billing_portal/configurations/:id', retrieveRoute('billing_portal.configuration'));
  api.add('POST', '/v1/billing_portal/configurations/:id', {
    run: ({ emu, params, path }) => {
      params.only('active', 'business_profile', 'default_return_url', 'features', 'login_page', 'metadata', 'name');
      const config = mustGet(emu, 'billing_portal.configuration', path.id, 'configuration');
      const before = snapshot(config);
      applyConfiguration(config, params);
      const active = params.bool('active');
      if (active !== undefined) config.active = active;
      config.updated = emu.clock.now();
      emu.events.emitUpdate('billing_portal.configuration.updated', config, before);
      return config;
    },
  });
  api.add('POST', '/v1/billing_portal/sessions', { run: ({ emu, params }) => createPortalSessionFromParams(emu, params) });
}

function createPortalSessionFromParams(emu: Emulator, params: Params): Stripe.BillingPortal.Session {
  params.only('customer', 'return_url', 'configuration', 'flow_data', 'locale', 'on_behalf_of', 'customer_account');
  const customer = mustGet(emu, 'customer', params.requiredStr('customer'), 'customer');
  const configId = params.str('configuration');
  const configuration = configId ? mustGet(emu, 'billing_portal.configuration', configId, 'configuration') : undefined;
  const flow = params.obj('flow_data');
  const flowType = flow?.oneOf('type', ['payment_method_update', 'subscription_cancel', 'subscription_update', 'subscription_update_confirm'] as const);
  const flowSubscription = flowType && flowType !== 'payment_method_update' ? flow!.obj(flowType)?.requiredStr('subscription') : undefined;
  if (flowSubscription) mustGet(emu, 'subscription', flowSubscription, `flow_data[${flowType}][subscription]`);
  return createPortalSession(emu, {
    customer: customer.id,
    returnUrl: params.str('return_url') ?? null,
    configuration: configuration?.id,
    flow: flowType ? { type: flowType, subscription: flowSubscription ?? null } : undefined,
  });
}
