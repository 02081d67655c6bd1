// The 3-D Secure challenge at `next_action`'s URL: "Complete" or "Fail" (ids `test-source-authorize-3ds`
// and `test-source-fail-3ds`, as on Stripe's test page), then the same transitions the control API
// causes. Embedded, it is shaped as Stripe.js's: the modal's frame (`?embedded=1`) holds the
// challenge in `iframe#challengeFrame` (`?challenge=1`), whose outcome is relayed to the merchant's
// page; as a full page it sends the customer to the intent's return_url with Stripe's query parameters.
import type Stripe from 'stripe';
import type { Emulator } from '../emulator.js';
import type { HostedRequest, HostedRouter } from '../hosted-routes.js';
import { resolvePaymentIntentThreeDSecure } from '../state/payment-intents.js';
import { resolveSetupIntentThreeDSecure } from '../state/setup-intents.js';
import { formatMoney } from './format.js';
import { html, page, SafeHtml } from './html.js';
import { readForm, redirect, sendHtml } from './http.js';
import { businessName } from './merchant.js';
import { CHALLENGE_MESSAGE, CHALLENGE_SIZE_MESSAGE } from './browser/challenge-message.js';
import { returnUrlWithOutcome } from './browser/return-url.js';

type Intent = Stripe.PaymentIntent | Stripe.SetupIntent;

export function registerThreeDSecureRoutes(router: HostedRouter): void {
  router.add('GET', '/_emulator/3ds/:id', showChallenge);
  // POST /_emulator/3ds/:id is the control API's (JSON); the page's form answers here.
  router.add('POST', '/_emulator/3ds/:id/answer', answerChallenge);
}

function findIntent(emu: Emulator, id: string): Intent | undefined {
  return id.startsWith('seti_') ? emu.store.get('setup_intent', id) : emu.store.get('payment_intent', id);
}

function showChallenge({ emu, res, pathParams, query }: HostedRequest): void {
  const intent = findIntent(emu, pathParams.id!);
  const modal = query.get('embedded') === '1';
  const embedded = query.get('challenge') === '1';
  const returnUrl = query.get('return_url') ?? '';
  if (!intent) return sendHtml(res, 404, notice('Authentication not found', 'This authentication link is not valid.'));
  if (intent.status !== 'requires_action') {
    if (modal || embedded) return sendHtml(res, 200, reportToParent(intent.id));
    return sendHtml(res, 409, notice('Nothing to authenticate', 'This payment no longer needs authentication.'));
  }
  if (modal) return sendHtml(res, 200, challengeHolder(intent.id));
  const what =
    intent.object === 'payment_intent'
      ? html`You are paying <strong>${formatMoney(intent.amount, intent.currency)}</strong> to <strong>${businessName()}</strong>.`
      : html`<strong>${businessName()}</strong> is saving your card for future payments.`;
  const form = (outcome: 'complete' | 'fail', label: string, style: string) => html`
    <form method="post" action="/_emulator/3ds/${intent.id}/answer">
      <input type="hidden" name="outcome" value="${outcome}">
      <input type="hidden" name="embedded" value="${embedded ? '1' : ''}">
      <input type="hidden" name="return_url" value="${returnUrl}">
      <button id="test-source-${outcome === 'complete' ? 'authorize' : 'fail'}-3ds" class="button ${style}" type="submit" ${outcome === 'complete' ? html`autofocus` : ''}>${label}</button>
    </form>`;
  const body = html`
    <main class="challenge ${embedded ? 'embedded' : ''}"><div class="${embedded ? '' : 'card'}">
      <div class="bank" aria-hidden="true">TEST BANK · 3D SECURE</div>
      <h1>Complete authentication</h1>
      <p>${what}</p>
      <p class="muted">This is a test-mode challenge served by the Stripe emulator. Choose how your bank should answer.</p>
      <div class="actions">${form('fail', 'Fail', 'secondary')}${form('complete', 'Complete', '')}</div>
    </div></main>${embedded ? reportSize(intent.id) : ''}`;
  sendHtml(res, 200, page({ title: '3D Secure authentication', body, testMode: !embedded }));
}

async function answerChallenge({ emu, req, res, pathParams }: HostedRequest): Promise<void> {
  const form = await readForm(req);
  const intent = findIntent(emu, pathParams.id!);
  if (!intent) return sendHtml(res, 404, notice('Authentication not found', 'This authentication link is not valid.'));
  const outcome = form.get('outcome') === 'complete' ? 'complete' : 'fail';
  if (intent.status === 'requires_action') {
    if (intent.object === 'payment_intent') resolvePaymentIntentThreeDSecure(emu, intent, outcome);
    else resolveSetupIntentThreeDSecure(emu, intent, outcome);
  }
  if (form.get('embedded') === '1') return sendHtml(res, 200, reportToParent(intent.id));
  const returnUrl = form.get('return_url');
  if (returnUrl && /^https?:\/\//.test(returnUrl)) return redirect(res, returnUrlWithOutcome(new URL(returnUrl), intent));
  sendHtml(res, 200, notice('Authentication finished', 'You can close this page and return to the merchant.'));
}

/**
 * The modal's own frame, as Stripe.js's: the challenge inside `iframe#challengeFrame`, whose messages
 * (its height, its outcome) are passed on to the merchant's page.
 */
function challengeHolder(intentId: string): string {
  const src = `/_emulator/3ds/${encodeURIComponent(intentId)}?challenge=1`;
  return page({
    title: '3D Secure authentication',
    testMode: false,
    body: html`<iframe id="challengeFrame" name="stripe-challenge-frame" title="3D Secure challenge" src="${src}" style="border:0;display:block;width:100%;height:100vh"></iframe>
      <script>
        var challenge = document.getElementById('challengeFrame');
        window.addEventListener('message', function (event) {
          if (event.source === challenge.contentWindow) window.parent.postMessage(event.data, '*');
        });
      </script>`,
  });
}

/** Tells the modal how tall the challenge is, now and whenever it reflows, so no empty space is left under it. */
function reportSize(intentId: string): SafeHtml {
  const message = JSON.stringify({ type: CHALLENGE_SIZE_MESSAGE, intent: intentId }).replace(/</g, '\\u003c');
  return html`<script>
    new ResizeObserver(function () {
      var main = document.querySelector('main');
      window.parent.postMessage(Object.assign(${new SafeHtml(message)}, { height: Math.ceil(main.getBoundingClientRect().height) }), '*');
    }).observe(document.querySelector('main'));
  </script>`;
}

function reportToParent(intentId: string): string {
  const message = JSON.stringify({ type: CHALLENGE_MESSAGE, intent: intentId }).replace(/</g, '\\u003c');
  return page({
    title: 'Authentication finished',
    testMode: false,
    body: html`<main class="challenge embedded"><p>Authentication finished. Returning to the merchant…</p></main>
      <script>window.parent.postMessage(${new SafeHtml(message)}, '*');</script>`,
  });
}

function notice(title: string, text: string): string {
  return page({ title, body: html`<main class="center"><div class="card"><h1>${title}</h1><p class="muted">${text}</p></div></main>` });
}
