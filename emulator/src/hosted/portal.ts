// The hosted customer portal at a portal session's `url`. It honours the session's configuration:
// subscriptions with price and next renewal; cancel (at period end or now, as configured) and
// renew; switch plan with a proration preview; update the default card; invoice history; and
// "Return to <business>" back to `return_url`. Plain forms post to the routes below; only the card
// update needs a script (the Payment Element).
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import type { HostedRequest, HostedRouter } from '../hosted-routes.js';
import { StripeError } from '../protocol/errors.js';
import { Params } from '../protocol/params.js';
import { updateCustomer } from '../state/customers.js';
import { currentPeriodEnd } from '../state/subscriptions.js';
import { brandName, formatDate, formatMoney, formatShortDate } from './format.js';
import { html, jsonScript, page, type SafeHtml } from './html.js';
import { readForm, readJson, redirect, sendHtml, sendJson } from './http.js';
import { invoiceStatusBadge } from './invoice.js';
import { businessName, initials } from './merchant.js';
import { cancelAtPeriodEnd, cancelNow, makeDefaultPaymentMethod, previewSwitch, startCardSetup, switchPrice, type ProrationBehavior } from './portal-actions.js';
import { unitPriceText } from './summary.js';

type Features = Stripe.BillingPortal.Configuration.Features;

interface Portal {
  session: Stripe.BillingPortal.Session;
  features: Features;
  customer: Stripe.Customer;
  base: string;
  headline: string | null;
}

const FLASH: Record<string, string> = {
  canceled: 'Your subscription has been canceled.',
  scheduled: 'Your subscription will be canceled at the end of the billing period.',
  renewed: 'Your subscription will continue to renew.',
  plan: 'Your plan has been updated.',
  payment_method: 'Your payment method has been updated.',
  customer: 'Your billing information has been updated.',
};

/** The customer fields the portal can edit when `customer_update` allows them. */
const EDITABLE = [
  { field: 'name', label: 'Name', type: 'text', autocomplete: 'name' },
  { field: 'email', label: 'Email', type: 'email', autocomplete: 'email' },
  { field: 'phone', label: 'Phone', type: 'tel', autocomplete: 'tel' },
] as const;

export function registerPortalRoutes(router: HostedRouter): void {
  router.add('GET', '/p/session/:id', withPortal(showHome));
  router.add('GET', '/p/session/:id/subscriptions/:sub/cancel', withPortal(showCancel));
  router.add('POST', '/p/session/:id/subscriptions/:sub/cancel', withPortal(doCancel));
  router.add('POST', '/p/session/:id/subscriptions/:sub/renew', withPortal(doRenew));
  router.add('GET', '/p/session/:id/subscriptions/:sub/update', withPortal(showPlans));
  router.add('GET', '/p/session/:id/subscriptions/:sub/update/confirm', withPortal(showSwitchPreview));
  router.add('POST', '/p/session/:id/subscriptions/:sub/update', withPortal(doSwitch));
  router.add('GET', '/p/session/:id/customer', withPortal(showCustomerForm));
  router.add('POST', '/p/session/:id/customer', withPortal(doUpdateCustomer));
  router.add('GET', '/p/session/:id/payment-method', withPortal(showCardForm));
  router.add('POST', '/p/session/:id/payment-method/setup', withPortal(doStartCardSetup));
  router.add('POST', '/p/session/:id/payment-method', withPortal(doSaveCard));
}

function loadPortal(emu: Emulator, id: string): Portal | undefined {
  const session = emu.store.get('billing_portal.session', id);
  if (!session) return undefined;
  const configId = typeof session.configuration === 'string' ? session.configuration : session.configuration?.id;
  const configuration = configId ? emu.store.get('billing_portal.configuration', configId) : undefined;
  const customer = emu.store.get('customer', session.customer);
  if (!customer || !configuration) return undefined;
  return {
    session,
    features: configuration.features,
    customer,
    base: `/p/session/${encodeURIComponent(session.id)}`,
    headline: configuration.business_profile?.headline ?? null,
  };
}

function withPortal(handler: (request: HostedRequest, portal: Portal) => void | Promise<void>) {
  return async (request: HostedRequest) => {
    const portal = loadPortal(request.emu, request.pathParams.id!);
    if (!portal) {
      return sendHtml(request.res, 404, page({ title: 'Session not found', body: html`<main class="center"><h1>This link has expired</h1><p class="muted">Return to the business and open the billing portal again.</p></main>` }));
    }
    try {
      await handler(request, portal);
    } catch (err) {
      if (!(err instanceof StripeError)) throw err;
      const message = err.body.message;
      if (request.req.headers['content-type']?.includes('application/json')) return sendJson(request.res, err.status, { error: { message } });
      sendHtml(request.res, err.status, layout(portal, 'Something went wrong', html`<div class="card"><h2>That didn't work</h2><p role="alert" class="alert error">${message}</p><p><a href="${portal.base}?home=1">Back</a></p></div>`));
    }
  };
}

function layout(portal: Portal, title: string, content: SafeHtml, scripts: string[] = []): string {
  const business = businessName();
  const body = html`<main class="shell"><div class="split" style="grid-template-columns:1fr 1.6fr">
    <aside>
      <header class="merchant"><a class="back" data-testid="return-to-business-link" href="${portal.session.return_url ?? '#'}"><span aria-hidden="true">←</span> Return to ${business}</a></header>
      <p class="merchant" style="margin:0 0 8px"><span class="logo" aria-hidden="true">${initials(business)}</span><span>${business}</span></p>
      ${portal.headline ? html`<p class="muted">${portal.headline}</p>` : ''}
      <p class="fine" style="text-align:left">Powered by the Stripe emulator · Test mode</p>
    </aside>
    <div>${content}</div>
  </div></main>`;
  return page({ title: `${title} · ${business}`, body, scripts });
}

function productName(emu: Emulator, price: Stripe.Price): string {
  const id = typeof price.product === 'string' ? price.product : price.product.id;
  return emu.store.get('product', id)?.name ?? id;
}

function ownedSubscription(emu: Emulator, portal: Portal, id: string): Stripe.Subscription {
  const subscription = emu.store.get('subscription', id);
  if (!subscription || subscription.customer !== portal.customer.id) {
    throw new StripeError(404, { type: 'invalid_request_error', message: 'That subscription could not be found.' });
  }
  return subscription;
}

function liveSubscriptions(emu: Emulator, customerId: string): Stripe.Subscription[] {
  return emu.store.list('subscription').filter((s) => s.customer === customerId && !['canceled', 'incomplete_expired'].includes(s.status));
}

function statusLine(subscription: Stripe.Subscription): SafeHtml {
  if (subscription.cancel_at_period_end && subscription.cancel_at) {
    return html`<span class="badge warn">Cancels ${formatShortDate(subscription.cancel_at)}</span>`;
  }
  const labels: Record<string, [string, string]> = {
    active: ['Active', 'ok'],
    trialing: ['Trial', 'ok'],
    past_due: ['Past due', 'bad'],
    unpaid: ['Unpaid', 'bad'],
    incomplete: ['Incomplete', 'warn'],
    paused: ['Paused', ''],
  };
  const [label, style] = labels[subscription.status] ?? [subscription.status, ''];
  return html`<span class="badge ${style}">${label}</span>`;
}

function renewalText(subscription: Stripe.Subscription): string {
  const end = currentPeriodEnd(subscription);
  if (subscription.cancel_at_period_end) return `Your subscription will be canceled on ${formatDate(subscription.cancel_at ?? end)}.`;
  if (subscription.status === 'trialing' && subscription.trial_end) return `Your trial ends on ${formatDate(subscription.trial_end)}.`;
  return `Your plan renews on ${formatDate(end)}.`;
}

function cardText(pm: Stripe.PaymentMethod | undefined): string | undefined {
  const card = pm?.card;
  if (pm?.sepa_debit) return `SEPA Direct Debit •••• ${pm.sepa_debit.last4}`;
  return card ? `${brandName(card.brand)} •••• ${card.last4}` : undefined;
}

function defaultPaymentMethod(emu: Emulator, customer: Stripe.Customer): Stripe.PaymentMethod | undefined {
  const id = customer.invoice_settings.default_payment_method;
  const pmId = typeof id === 'string' ? id : id?.id;
  return pmId ? emu.store.get('payment_method', pmId) : emu.store.list('payment_method').find((pm) => pm.customer === customer.id);
}

/** A session created with `flow_data` opens on that flow's page instead of the home page. */
function flowPage(portal: Portal): string | undefined {
  const flow = portal.session.flow;
  if (!flow) return undefined;
  if (flow.type === 'payment_method_update') return `${portal.base}/payment-method`;
  if (flow.type === 'subscription_cancel' && flow.subscription_cancel) return `${portal.base}/subscriptions/${flow.subscription_cancel.subscription}/cancel`;
  if (flow.type === 'subscription_update' && flow.subscription_update) return `${portal.base}/subscriptions/${flow.subscription_update.subscription}/update`;
  return undefined;
}

function showHome({ emu, res, query }: HostedRequest, portal: Portal): void {
  const { features, customer, base } = portal;
  const flow = query.has('home') || query.has('updated') ? undefined : flowPage(portal);
  if (flow) return redirect(res, flow);
  const flash = FLASH[query.get('updated') ?? ''];
  const subscriptions = liveSubscriptions(emu, customer.id);
  const pm = defaultPaymentMethod(emu, customer);
  const invoices = emu.store.list('invoice').filter((i) => i.customer === customer.id && i.status !== 'draft');

  const subscriptionCard = (subscription: Stripe.Subscription) => {
    const item = subscription.items.data[0]!;
    const canSwitch = features.subscription_update.enabled && switchablePrices(emu, portal, subscription).length > 0;
    return html`<article class="card" aria-label="${productName(emu, item.price)} subscription">
      <div class="sub">
        <div>
          <h3>${productName(emu, item.price)} ${statusLine(subscription)}</h3>
          <p class="summary-amount" style="font-size:22px;margin:8px 0 4px">${unitPriceText(item.price)}${(item.quantity ?? 1) > 1 ? ` × ${item.quantity}` : ''}</p>
          <p class="muted" style="margin:0">${renewalText(subscription)}</p>
          ${cardText(pm) ? html`<p class="muted" style="margin:4px 0 0">${cardText(pm)}</p>` : ''}
        </div>
      </div>
      <div class="actions">
        ${canSwitch && !subscription.cancel_at_period_end ? html`<a class="button secondary small" href="${base}/subscriptions/${subscription.id}/update">Update subscription</a>` : ''}
        ${subscription.cancel_at_period_end
          ? html`<form method="post" action="${base}/subscriptions/${subscription.id}/renew"><button class="button small" type="submit">Renew subscription</button></form>`
          : features.subscription_cancel.enabled
            ? html`<a class="button danger small" data-test="cancel-subscription" href="${base}/subscriptions/${subscription.id}/cancel">Cancel subscription</a>`
            : ''}
      </div>
    </article>`;
  };

  const content = html`
    ${flash ? html`<p class="alert success" role="status">${flash}</p>` : ''}
    <section class="section" aria-labelledby="subs-heading">
      <h2 id="subs-heading">Current subscription${subscriptions.length === 1 ? '' : 's'}</h2>
      ${subscriptions.length ? subscriptions.map(subscriptionCard) : html`<div class="card"><p class="muted" style="margin:0">You have no active subscriptions.</p></div>`}
    </section>
    ${features.payment_method_update.enabled
      ? html`<section class="section" aria-labelledby="pm-heading">
          <h2 id="pm-heading">Payment method</h2>
          <div class="card"><div class="sub">
            <div>${pm?.card ? html`<strong>${cardText(pm)}</strong><div class="muted">Expires ${String(pm.card.exp_month).padStart(2, '0')}/${pm.card.exp_year}</div>` : pm?.sepa_debit ? html`<strong>${cardText(pm)}</strong>` : html`<span class="muted">No payment method on file.</span>`}</div>
            <a class="button secondary small" href="${base}/payment-method">${pm ? 'Update payment method' : 'Add payment method'}</a>
          </div></div>
        </section>`
      : ''}
    ${features.customer_update.enabled && editableFields(portal).length
      ? html`<section class="section" aria-labelledby="customer-heading">
          <h2 id="customer-heading">Billing information</h2>
          <div class="card"><div class="sub">
            <dl class="invoice-meta" style="margin:0">${editableFields(portal).map((f) => html`<dt>${f.label}</dt><dd>${customer[f.field] ?? '—'}</dd>`)}</dl>
            <a class="button secondary small" href="${base}/customer">Update information</a>
          </div></div>
        </section>`
      : ''}
    ${features.invoice_history.enabled
      ? html`<section class="section" aria-labelledby="invoices-heading">
          <h2 id="invoices-heading">Invoice history</h2>
          <div class="card">${invoices.length
            ? html`<table><thead><tr><th scope="col">Date</th><th scope="col" class="num">Amount</th><th scope="col">Status</th><th scope="col"><span class="sr-only">Link</span></th></tr></thead><tbody>
                ${invoices.map(
                  (invoice) => html`<tr>
                    <td>${formatShortDate(invoice.status_transitions.finalized_at ?? invoice.created)}</td>
                    <td class="num">${formatMoney(invoice.total, invoice.currency)}</td>
                    <td>${invoiceStatusBadge(invoice)}</td>
                    <td class="num">${invoice.hosted_invoice_url ? html`<a href="${invoice.hosted_invoice_url}">View invoice ${invoice.number ?? ''}</a>` : ''}</td>
                  </tr>`,
                )}</tbody></table>`
            : html`<p class="muted" style="margin:0">No invoices yet.</p>`}</div>
        </section>`
      : ''}`;
  sendHtml(res, 200, layout(portal, 'Billing', content));
}

function showCancel({ emu, res, pathParams }: HostedRequest, portal: Portal): void {
  const subscription = ownedSubscription(emu, portal, pathParams.sub!);
  const item = subscription.items.data[0]!;
  const atPeriodEnd = portal.features.subscription_cancel.mode !== 'immediately';
  const consequence = atPeriodEnd
    ? `Your subscription will be canceled, but is still available until the end of your billing period on ${formatDate(currentPeriodEnd(subscription))}.`
    : 'Your subscription will be canceled immediately.';
  const content = html`<div class="card">
    <h2 id="cancel-heading">Cancel your subscription</h2>
    <p><strong>${productName(emu, item.price)}</strong> · ${unitPriceText(item.price)}</p>
    <p class="muted">${consequence}</p>
    <p class="muted">If you change your mind, you can renew your subscription.</p>
    <form method="post" action="${portal.base}/subscriptions/${subscription.id}/cancel" aria-labelledby="cancel-heading" class="actions">
      <button class="button danger" type="submit" data-testid="confirm">Cancel subscription</button>
      <a class="button secondary" href="${portal.base}?home=1">Go back</a>
    </form>
  </div>`;
  sendHtml(res, 200, layout(portal, 'Cancel subscription', content));
}

function doCancel({ emu, res, pathParams }: HostedRequest, portal: Portal): void {
  const cancel = portal.features.subscription_cancel;
  if (!cancel.enabled) throw new StripeError(403, { type: 'invalid_request_error', message: 'Cancelling is not enabled in this portal.' });
  const subscription = ownedSubscription(emu, portal, pathParams.sub!);
  if (cancel.mode === 'immediately') {
    cancelNow(emu, subscription);
    return redirect(res, `${portal.base}?updated=canceled`);
  }
  cancelAtPeriodEnd(emu, subscription, true);
  redirect(res, `${portal.base}?updated=scheduled`);
}

function doRenew({ emu, res, pathParams }: HostedRequest, portal: Portal): void {
  const subscription = ownedSubscription(emu, portal, pathParams.sub!);
  cancelAtPeriodEnd(emu, subscription, false);
  redirect(res, `${portal.base}?updated=renewed`);
}

/** The prices the configuration offers, other than the one the subscription is on. */
function switchablePrices(emu: Emulator, portal: Portal, subscription: Stripe.Subscription): Stripe.Price[] {
  const current = subscription.items.data[0]?.price.id;
  const offered = (portal.features.subscription_update.products ?? []).flatMap((p) => p.prices);
  return offered
    .map((id) => emu.store.get('price', id))
    .filter((price): price is Stripe.Price => Boolean(price && price.active && price.id !== current && price.currency === subscription.currency));
}

function prorationBehavior(portal: Portal): ProrationBehavior {
  return (portal.features.subscription_update.proration_behavior as ProrationBehavior | undefined) ?? 'create_prorations';
}

function showPlans({ emu, res, pathParams }: HostedRequest, portal: Portal): void {
  const subscription = ownedSubscription(emu, portal, pathParams.sub!);
  const current = subscription.items.data[0]!.price;
  const prices = switchablePrices(emu, portal, subscription);
  const content = html`<div class="card">
    <h2 id="plans-heading">Update your plan</h2>
    <p class="muted">Current plan: <strong>${productName(emu, current)}</strong> · ${unitPriceText(current)}</p>
    <form method="get" action="${portal.base}/subscriptions/${subscription.id}/update/confirm">
      <fieldset style="border:0;padding:0;margin:0"><legend class="sr-only">Choose a plan</legend>
        <div class="plans">${prices.map(
          (price, i) => html`<label class="plan"><input type="radio" name="price" value="${price.id}" ${i === 0 ? html`checked` : ''}><span>${productName(emu, price)}</span><span class="plan-price">${unitPriceText(price)}</span></label>`,
        )}</div>
      </fieldset>
      <div class="actions"><button class="button" type="submit">Continue</button><a class="button secondary" href="${portal.base}?home=1">Go back</a></div>
    </form>
  </div>`;
  sendHtml(res, 200, layout(portal, 'Update plan', content));
}

function chosenPrice(emu: Emulator, portal: Portal, subscription: Stripe.Subscription, id: string | null): Stripe.Price {
  const price = switchablePrices(emu, portal, subscription).find((p) => p.id === id);
  if (!price) throw new StripeError(400, { type: 'invalid_request_error', message: 'That plan is not available.' });
  return price;
}

function showSwitchPreview({ emu, res, pathParams, query }: HostedRequest, portal: Portal): void {
  const subscription = ownedSubscription(emu, portal, pathParams.sub!);
  const price = chosenPrice(emu, portal, subscription, query.get('price'));
  const behavior = prorationBehavior(portal);
  const preview = previewSwitch(emu, subscription, price, behavior);
  const prorations = preview.lines.data.filter((line) => line.parent?.subscription_item_details?.proration);
  const prorationTotal = prorations.reduce((sum, line) => sum + line.amount, 0);
  const money = (amount: number) => formatMoney(amount, preview.currency);
  const dueText =
    behavior === 'always_invoice'
      ? `You'll be charged ${money(Math.max(prorationTotal, 0))} today.`
      : behavior === 'none'
        ? `Your next invoice on ${formatDate(currentPeriodEnd(subscription))} will be ${money(preview.total)}.`
        : `Your next invoice on ${formatDate(currentPeriodEnd(subscription))} will be ${money(preview.total)}, including ${money(prorationTotal)} in adjustments for this change.`;
  const content = html`<div class="card">
    <h2 id="confirm-heading">Confirm your new plan</h2>
    <p><strong>${productName(emu, price)}</strong> · ${unitPriceText(price)}</p>
    ${prorations.length
      ? html`<ul class="items" aria-label="Proration">${prorations.map((line) => html`<li class="item"><div class="item-meta">${line.description}</div><div class="item-amount">${money(line.amount)}</div></li>`)}</ul>`
      : ''}
    <p data-testid="proration-summary">${dueText}</p>
    <form method="post" action="${portal.base}/subscriptions/${subscription.id}/update" aria-labelledby="confirm-heading" class="actions">
      <input type="hidden" name="price" value="${price.id}">
      <button class="button" type="submit">Confirm</button>
      <a class="button secondary" href="${portal.base}/subscriptions/${subscription.id}/update">Go back</a>
    </form>
  </div>`;
  sendHtml(res, 200, layout(portal, 'Confirm plan', content));
}

async function doSwitch({ emu, req, res, pathParams }: HostedRequest, portal: Portal): Promise<void> {
  if (!portal.features.subscription_update.enabled) throw new StripeError(403, { type: 'invalid_request_error', message: 'Plan changes are not enabled in this portal.' });
  const form = await readForm(req);
  const subscription = ownedSubscription(emu, portal, pathParams.sub!);
  switchPrice(emu, subscription, chosenPrice(emu, portal, subscription, form.get('price')), prorationBehavior(portal));
  redirect(res, `${portal.base}?updated=plan`);
}

function showCardForm({ emu, res }: HostedRequest, portal: Portal): void {
  const current = cardText(defaultPaymentMethod(emu, portal.customer));
  const content = html`<div class="card">
    <h2 id="card-heading">Update payment method</h2>
    ${current ? html`<p class="muted">Current: ${current}</p>` : ''}
    <form id="card-form" aria-labelledby="card-heading" novalidate>
      <div id="payment-element"></div>
      <div class="actions">
        <button id="save-card" class="button" type="submit"><span class="spinner" aria-hidden="true"></span><span>Save payment method</span></button>
        <a class="button secondary" href="${portal.base}?home=1">Go back</a>
      </div>
      <div id="card-error" class="alert error" role="alert"></div>
    </form>
  </div>
  ${jsonScript('portal-config', { sessionId: portal.session.id, businessName: businessName() })}`;
  sendHtml(res, 200, layout(portal, 'Payment method', content, ['/v3/stripe.js', '/_emulator/assets/portal.js']));
}

function doStartCardSetup({ emu, res }: HostedRequest, portal: Portal): void {
  if (!portal.features.payment_method_update.enabled) throw new StripeError(403, { type: 'invalid_request_error', message: 'Updating the payment method is not enabled in this portal.' });
  sendJson(res, 200, { client_secret: startCardSetup(emu, portal.customer.id).client_secret });
}

async function doSaveCard({ emu, req, res }: HostedRequest, portal: Portal): Promise<void> {
  const body = await readJson(req);
  const si = emu.store.get('setup_intent', String(body.setup_intent ?? ''));
  if (!si || si.customer !== portal.customer.id || si.status !== 'succeeded' || !si.payment_method) {
    return sendJson(res, 400, { error: { message: 'Your card could not be saved. Please try again.' } });
  }
  makeDefaultPaymentMethod(emu, portal.customer, typeof si.payment_method === 'string' ? si.payment_method : si.payment_method.id);
  sendJson(res, 200, { ok: true });
}

function editableFields(portal: Portal): (typeof EDITABLE)[number][] {
  const allowed: string[] = portal.features.customer_update.allowed_updates ?? [];
  return EDITABLE.filter((f) => allowed.includes(f.field));
}

function showCustomerForm({ res }: HostedRequest, portal: Portal): void {
  const fields = editableFields(portal);
  const content = html`<div class="card">
    <h2 id="customer-heading">Update billing information</h2>
    <form method="post" action="${portal.base}/customer" aria-labelledby="customer-heading">
      ${fields.map(
        (f) => html`<div class="field"><label for="customer-${f.field}">${f.label}</label><input id="customer-${f.field}" name="${f.field}" type="${f.type}" autocomplete="${f.autocomplete}" value="${portal.customer[f.field] ?? ''}" ${f.field === 'email' ? html`required` : ''}></div>`,
      )}
      <div class="actions"><button class="button" type="submit">Save</button><a class="button secondary" href="${portal.base}?home=1">Go back</a></div>
    </form>
  </div>`;
  sendHtml(res, 200, layout(portal, 'Billing information', content));
}

async function doUpdateCustomer({ emu, req, res }: HostedRequest, portal: Portal): Promise<void> {
  if (!portal.features.customer_update.enabled) throw new StripeError(403, { type: 'invalid_request_error', message: 'Updating billing information is not enabled in this portal.' });
  const form = await readForm(req);
  const changes: Record<string, string> = {};
  for (const { field } of editableFields(portal)) {
    const value = form.get(field)?.trim();
    if (value === undefined) continue;
    if (field === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
      throw new StripeError(400, { type: 'invalid_request_error', message: 'Please enter a valid email address.' });
    }
    changes[field] = value;
  }
  updateCustomer(emu, portal.customer, new Params(changes));
  redirect(res, `${portal.base}?updated=customer`);
}
