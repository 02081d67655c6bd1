// /v1/billing_portal/configurations and /sessions: params in, state/billing-portal.ts does the rest.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import { type ApiRouter, listRoute, matchBool, retrieveRoute, updateRoute } from './api.js';
import { Params } from '../protocol/params.js';
import { mustGet } from '../state/lookup.js';
import { createPortalConfiguration, applyConfiguration, createPortalSession } from '../state/billing-portal.js';

export function registerBillingPortalRoutes(api: ApiRouter): void {
  api.add('POST', '/v1/billing_portal/configurations', { run: ({ emu, params }) => createPortalConfiguration(emu, params) });
  api.add('GET', '/v1/billing_portal/configurations', listRoute('billing_portal.configuration', { filters: { active: matchBool((c) => c.active), is_default: matchBool((c) => c.is_default) }, label: 'configuration' }));
  api.add('GET', '/v1/billing_portal/configurations/:id', retrieveRoute('billing_portal.configuration'));
  api.add('POST', '/v1/billing_portal/configurations/:id', updateRoute('billing_portal.configuration', {
    params: ['active', 'business_profile', 'default_return_url', 'features', 'login_page', 'metadata', 'name'],
    param: 'configuration',
    apply: (config, params, emu) => {
      applyConfiguration(config, params);
      params.assignBools(config, 'active');
      config.updated = emu.clock.now();
    },
  }));
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
