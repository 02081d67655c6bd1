// The hosted Checkout page's markup: the order summary on the left, email and card on the right
// with Stripe Checkout's field names (`email`, `cardNumber`, `cardExpiry`, `cardCvc`, `billingName`,
// `billingCountry`, `billingPostalCode`) and submit button test id, and the pages for sessions that
// can no longer be paid.
import type Stripe from 'stripe';
import { billedText, formatMoney, intervalText } from './format.js';
import { html, jsonScript, page, type SafeHtml } from './html.js';
import { initials } from './merchant.js';
import { priceOf, trialText, unitPriceText } from './summary.js';

export interface CheckoutView {
  session: Stripe.Checkout.Session;
  lineItems: Stripe.LineItem[];
  trialDays: number;
  businessName: string;
  /** Prefilled, and read-only when the session belongs to a known customer. */
  email: string;
  emailLocked: boolean;
  /** The promotion code applied (sessions with `allow_promotion_codes`), and what it takes off. */
  promotion?: { code: string; name: string | null; amountOff: number } | null;
}

function header(businessName: string, cancelUrl: string | null | undefined): SafeHtml {
  const name = html`<span class="logo" aria-hidden="true">${initials(businessName)}</span><span>${businessName}</span>`;
  return html`<header class="merchant">${
    cancelUrl ? html`<a class="back" href="${cancelUrl}"><span aria-hidden="true">←</span> <span class="sr-only">Back to </span>${name}</a>` : name
  }</header>`;
}

function headline(view: CheckoutView): { label: string; amount: string; note: string | undefined } {
  const { session, lineItems, trialDays, businessName } = view;
  const currency = session.currency ?? 'usd';
  if (session.mode === 'setup') return { label: `Set up a payment method for ${businessName}`, amount: '', note: undefined };
  const recurring = lineItems.map(priceOf).find((p) => p?.recurring)?.recurring;
  const total = session.amount_total ?? 0;
  const first = lineItems[0];
  const product = first?.description ?? 'your order';
  if (session.mode === 'subscription' && recurring) {
    const recurringTotal = lineItems.reduce((sum, item) => sum + (priceOf(item)?.recurring ? item.amount_total : 0), 0);
    if (trialDays > 0) {
      return { label: `Try ${product}`, amount: `${trialDays} days free`, note: `Then ${formatMoney(recurringTotal, currency)} ${intervalText(recurring)}` };
    }
    return { label: `Subscribe to ${product}`, amount: formatMoney(total, currency), note: intervalText(recurring) };
  }
  return { label: `Pay ${businessName}`, amount: formatMoney(total, currency), note: undefined };
}

function itemRow(item: Stripe.LineItem, trialDays: number, currency: string): SafeHtml {
  const price = priceOf(item);
  const meta: string[] = [];
  if (item.quantity && item.quantity > 1) meta.push(`Qty ${item.quantity}`);
  if (price) {
    if (price.recurring && trialDays > 0) meta.push(trialText(trialDays, item.amount_total, currency, price.recurring));
    else if (price.recurring) meta.push(billedText(price.recurring));
    if (item.quantity && item.quantity > 1) meta.push(`${unitPriceText(price)} each`);
  }
  const amount = price?.recurring && trialDays > 0 ? formatMoney(0, currency) : formatMoney(item.amount_total, currency);
  return html`<li class="item">
    <div><div class="item-name">${item.description}</div>${meta.length ? html`<div class="item-meta">${meta.join(' · ')}</div>` : ''}</div>
    <div class="item-amount">${amount}</div>
  </li>`;
}

function summary(view: CheckoutView): SafeHtml {
  const { session, lineItems, trialDays } = view;
  const currency = session.currency ?? 'usd';
  const { label, amount, note } = headline(view);
  const dueToday = trialDays > 0 ? 0 : (session.amount_total ?? 0);
  return html`<section aria-labelledby="summary-label">
    ${header(view.businessName, session.cancel_url)}
    <p class="summary-label" id="summary-label">${label}</p>
    ${amount ? html`<p class="summary-amount" data-testid="summary-amount">${amount}${note ? html`<small>${note}</small>` : ''}</p>` : ''}
    ${lineItems.length
      ? html`<ul class="items" aria-label="Order summary">${lineItems.map((item) => itemRow(item, trialDays, currency))}</ul>
        <dl class="totals">
          <div><dt>Subtotal</dt><dd>${formatMoney(trialDays > 0 ? 0 : (session.amount_subtotal ?? 0), currency)}</dd></div>
          ${promotionRow(view)}
          <div class="grand"><dt>Total due today</dt><dd data-testid="total-due">${formatMoney(dueToday, currency)}</dd></div>
        </dl>`
      : ''}
  </section>`;
}

/** With `allow_promotion_codes`: the applied code (and a way to remove it), or a field to add one. */
function promotionRow(view: CheckoutView): SafeHtml | '' {
  const { session, promotion } = view;
  if (!session.allow_promotion_codes || session.mode === 'setup') return '';
  const currency = session.currency ?? 'usd';
  if (promotion) {
    return html`<div class="promotion" data-testid="promotion-applied">
      <dt><span class="promotion-code">${promotion.code}</span>${promotion.name ? html` <small>${promotion.name}</small>` : ''}
        <button type="button" class="link" id="remove-promotion-code" aria-label="Remove promotion code ${promotion.code}">Remove</button></dt>
      <dd>−${formatMoney(promotion.amountOff, currency)}</dd>
    </div>`;
  }
  return html`<div class="promotion-entry">
    <dt class="sr-only">Promotion code</dt>
    <dd><form id="promotion-code-form" class="promotion-form" novalidate>
      <input id="promotionCode" name="promotionCode" type="text" autocomplete="off" placeholder="Add promotion code" aria-label="Add promotion code" aria-describedby="promotion-code-error">
      <button type="submit" class="button secondary">Apply</button>
    </form>
    <p id="promotion-code-error" class="field-error" role="alert"></p></dd>
  </div>`;
}

/** What Stripe's Checkout says under the card when it will be charged again later. */
function mandate(view: CheckoutView): SafeHtml | string {
  if (view.session.mode === 'payment') return '';
  return html`<p class="fine">By providing your card information, you allow ${view.businessName} to charge your card for future payments in accordance with their terms.</p>`;
}

function buttonLabel(view: CheckoutView): string {
  const { session, trialDays } = view;
  if (session.mode === 'setup') return 'Save card';
  if (session.mode === 'subscription') return trialDays > 0 ? 'Start trial' : 'Subscribe';
  const verbs: Record<string, string> = { book: 'Book', donate: 'Donate' };
  return `${verbs[session.submit_type ?? ''] ?? 'Pay'} ${formatMoney(session.amount_total ?? 0, session.currency ?? 'usd')}`;
}

/**
 * SEPA Direct Debit, for sessions whose payment method types include it: an IBAN and the account
 * holder's name, with the mandate the customer accepts by paying. With cards also allowed, a choice
 * between the two comes first (cards selected).
 */
function sepaChoice(view: CheckoutView): { choice: SafeHtml | string; section: SafeHtml | string; cardHidden: boolean } {
  const types = view.session.payment_method_types;
  if (!types.includes('sepa_debit')) return { choice: '', section: '', cardHidden: false };
  const withCard = types.includes('card');
  const choice = withCard
    ? html`<fieldset class="field" id="payment-method-type"><legend class="label">Payment method</legend>
        <label><input type="radio" name="paymentMethodType" value="card" checked> Card</label>
        <label><input type="radio" name="paymentMethodType" value="sepa_debit"> SEPA Direct Debit</label>
      </fieldset>`
    : '';
  const section = html`<div id="sepa-section" ${withCard ? html`hidden` : ''}>
      <div class="field">
        <label for="iban">IBAN</label>
        <input id="iban" name="iban" type="text" autocomplete="off" spellcheck="false" placeholder="DE89 3704 0044 0532 0130 00">
      </div>
      <div class="field">
        <label for="sepaName">Account holder name</label>
        <input id="sepaName" name="sepaName" type="text" autocomplete="name" placeholder="Full name">
      </div>
      <p class="fine">By paying with SEPA Direct Debit you authorise ${view.businessName} to send instructions to your bank to debit your account, and your bank to debit it accordingly. You may ask your bank for a refund within eight weeks of the debit, under the terms of your agreement with your bank.</p>
    </div>`;
  return { choice, section, cardHidden: !withCard };
}

export function checkoutPage(view: CheckoutView): string {
  const { session, businessName } = view;
  const sepa = sepaChoice(view);
  const cardFields = html`<div class="field">
          <span class="label" id="card-label">Card information</span>
          <div id="card-fields" class="emu-element" role="group" aria-labelledby="card-label"></div>
        </div>
        <div class="field">
          <label for="billingName">Cardholder name</label>
          <input id="billingName" name="billingName" type="text" autocomplete="cc-name" placeholder="Full name on card">
        </div>
        <div id="billing-address" class="emu-element" role="group" aria-label="Billing address"></div>`;
  const heading = session.mode === 'setup' ? (sepa.cardHidden ? 'Bank details' : 'Card details') : sepa.cardHidden ? 'Pay with SEPA Direct Debit' : 'Pay with card';
  const body = html`<main class="shell"><div class="split">
    ${summary(view)}
    <section class="card" aria-labelledby="pay-heading">
      <h2 id="pay-heading">${heading}</h2>
      <form id="checkout-form" novalidate>
        <div class="field">
          <label for="email">Email</label>
          <input id="email" name="email" type="email" autocomplete="email" required value="${view.email}" ${view.emailLocked ? html`readonly aria-readonly="true"` : ''}>
        </div>
        ${sepa.choice}
        ${sepa.section ? html`<div id="card-section" ${sepa.cardHidden ? html`hidden` : ''}>${cardFields}</div>${sepa.section}` : cardFields}
        ${mandate(view)}
        <button id="submit" class="button block SubmitButton" type="submit" data-testid="hosted-payment-submit-button"><span class="spinner" aria-hidden="true"></span><span>${buttonLabel(view)}</span></button>
        <div id="form-error" class="alert error" role="alert"></div>
        <p class="fine">Powered by the Stripe emulator · Test mode</p>
      </form>
    </section>
  </div></main>
  ${jsonScript('checkout-config', { sessionId: session.id })}`;
  return page({ title: `${businessName} · Checkout`, body, scripts: ['/v3/stripe.js', '/_emulator/assets/checkout.js'] });
}

/** Expired, already paid, or unknown: say so plainly and offer the way back. */
export function checkoutClosedPage(kind: 'expired' | 'complete' | 'missing', businessName: string, backUrl: string | null | undefined): string {
  const text = {
    expired: { title: 'This checkout session has expired', body: 'The link you followed is no longer valid. Return to the merchant to start again.', icon: '!' },
    complete: { title: 'This checkout session is already complete', body: 'Your payment has already been processed. There is nothing more to do here.', icon: '✓' },
    missing: { title: 'Something went wrong', body: 'The page you were looking for could not be found.', icon: '?' },
  }[kind];
  const body = html`<main class="center">
    <div class="status-icon ${kind === 'complete' ? 'ok' : 'warn'}" aria-hidden="true">${text.icon}</div>
    <h1>${text.title}</h1>
    <p class="muted">${text.body}</p>
    ${backUrl ? html`<p><a class="button" href="${backUrl}">Return to ${businessName}</a></p>` : ''}
  </main>`;
  return page({ title: text.title, body });
}
