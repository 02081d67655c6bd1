// Customer portal configurations and sessions; the hosted portal page (part 2) acts on sessions.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import { Params } from '../protocol/params.js';
import { newId } from '../ids.js';

export function createPortalConfiguration(emu: Emulator, params: Params, isDefault = false): Stripe.BillingPortal.Configuration {
  params.only('business_profile', 'default_return_url', 'features', 'login_page', 'metadata', 'name');
  const now = emu.clock.now();
  const config = emu.store.insert({
    id: newId('bpc'),
    object: 'billing_portal.configuration',
    active: true,
    application: null,
    business_profile: { headline: null, privacy_policy_url: null, terms_of_service_url: null },
    created: now,
    default_return_url: null,
    features: {
      customer_update: { allowed_updates: ['email', 'address', 'phone', 'name'], enabled: true },
      invoice_history: { enabled: true },
      payment_method_update: { enabled: true, payment_method_configuration: null },
      subscription_cancel: {
        cancellation_reason: { enabled: false, feedback_options: [], options: [] },
        enabled: true,
        mode: 'at_period_end',
        proration_behavior: 'none',
      },
      subscription_pause: { duration: { interval_options: [], type: 'indefinite' }, enabled: false },
      subscription_update: {
        billing_cycle_anchor: null,
        default_allowed_updates: ['price'],
        enabled: false,
        products: [],
        proration_behavior: 'create_prorations',
        schedule_at_period_end: { conditions: [] },
        trial_update_behavior: 'end_trial',
      },
    },
    is_default: isDefault || !emu.store.list('billing_portal.configuration').some((c) => c.is_default),
    livemode: false,
    login_page: { enabled: false, url: null },
    metadata: {},
    name: null,
    updated: now,
  });
  applyConfiguration(config, params);
  emu.events.emit('billing_portal.configuration.created', config);
  return config;
}

export function applyConfiguration(config: Stripe.BillingPortal.Configuration, params: Params): void {
  const profile = params.obj('business_profile')?.only('headline', 'privacy_policy_url', 'terms_of_service_url');
  if (profile) {
    for (const field of ['headline', 'privacy_policy_url', 'terms_of_service_url'] as const) {
      const value = profile.nullableStr(field);
      if (value !== undefined) config.business_profile[field] = value;
    }
  }
  params.assignNullableStrs(config, 'default_return_url', 'name');
  const features = params.obj('features')?.only('customer_update', 'invoice_history', 'payment_method_update', 'subscription_cancel', 'subscription_update', 'subscription_pause');
  if (features) {
    const f = config.features;
    const toggle = (key: 'customer_update' | 'invoice_history' | 'payment_method_update' | 'subscription_cancel' | 'subscription_update') => {
      const enabled = features.obj(key)?.bool('enabled');
      if (enabled !== undefined) f[key].enabled = enabled;
    };
    toggle('customer_update');
    toggle('invoice_history');
    toggle('payment_method_update');
    toggle('subscription_cancel');
    toggle('subscription_update');
    const cancel = features.obj('subscription_cancel');
    const mode = cancel?.oneOf('mode', ['at_period_end', 'immediately'] as const);
    if (mode) f.subscription_cancel.mode = mode;
    const update = features.obj('subscription_update');
    const allowed = update?.strList('default_allowed_updates');
    if (allowed) f.subscription_update.default_allowed_updates = allowed as Stripe.BillingPortal.Configuration.Features.SubscriptionUpdate.DefaultAllowedUpdate[];
    const products = update?.objList('products');
    if (products?.length) {
      f.subscription_update.products = products.map((p) => ({ adjustable_quantity: { enabled: false, maximum: null, minimum: 1 }, prices: p.strList('prices') ?? [], product: p.requiredStr('product') }));
    }
    const proration = update?.oneOf('proration_behavior', ['always_invoice', 'create_prorations', 'none'] as const);
    if (proration) f.subscription_update.proration_behavior = proration;
  }
  config.metadata = params.metadata(config.metadata ?? {});
}

export interface NewPortalSession {
  customer: string;
  returnUrl: string | null;
  configuration?: string;
  flow?: { type: Stripe.BillingPortal.Session.Flow.Type; subscription: string | null };
}

/** A portal session at `<emulator>/p/session/<id>`; the default configuration is created on first use. */
export function createPortalSession(emu: Emulator, init: NewPortalSession): Stripe.BillingPortal.Session {
  const configuration = init.configuration ?? defaultConfiguration(emu).id;
  const id = newId('bps');
  const session = emu.store.insert({
    id,
    object: 'billing_portal.session',
    configuration,
    created: emu.clock.now(),
    customer: init.customer,
    customer_account: null,
    flow: init.flow ? sessionFlow(init.flow) : null,
    livemode: false,
    locale: null,
    on_behalf_of: null,
    return_url: init.returnUrl,
    url: `${emu.baseUrl}/p/session/${id}`,
  });
  emu.events.emit('billing_portal.session.created', session);
  return session;
}

function sessionFlow(flow: NonNullable<NewPortalSession['flow']>): Stripe.BillingPortal.Session.Flow {
  return {
    type: flow.type,
    after_completion: { hosted_confirmation: null, redirect: null, type: 'portal_homepage' },
    customer_update: null,
    subscription_cancel: flow.type === 'subscription_cancel' && flow.subscription ? { retention: null, subscription: flow.subscription } : null,
    subscription_pause: null,
    subscription_update: flow.type === 'subscription_update' && flow.subscription ? { subscription: flow.subscription } : null,
    subscription_update_confirm: null,
  };
}

function defaultConfiguration(emu: Emulator): Stripe.BillingPortal.Configuration {
  return emu.store.list('billing_portal.configuration').find((c) => c.is_default) ?? createPortalConfiguration(emu, new Params({}), true);
}
