// The hosted Checkout page's behaviour: the card inputs in the page itself, named as Stripe
// Checkout's are; a PaymentMethod from them, then the session's own confirm endpoint; 3-D Secure
// through Stripe.js; then off to success_url.
import { StripeApi, type ApiResult } from '../api.js';
import { CardFields } from '../card-fields.js';
import { injectElementStyles } from '../element-styles.js';
import { HOSTED_PUBLISHABLE_KEY, postJson, readConfig, setBusy, showError, stripeFactory } from './hosted-form.js';

interface CheckoutConfig {
  sessionId: string;
}

interface ConfirmAnswer {
  error?: { message: string };
  next_action?: { client_secret: string };
  redirect?: string;
}

const config = readConfig<CheckoutConfig>('checkout-config');
const stripe = stripeFactory()(HOSTED_PUBLISHABLE_KEY);
const api = new StripeApi(window.location.origin, HOSTED_PUBLISHABLE_KEY, undefined);

injectElementStyles();
const shared = { numberDigits: '' };
const card = new CardFields({ layout: 'payment', naming: 'checkout', fields: ['number', 'expiry', 'cvc'], idPrefix: 'checkout', shared }, () => {});
const address = new CardFields({ layout: 'payment', naming: 'checkout', fields: ['postal'], idPrefix: 'checkout', shared }, () => {});
document.getElementById('card-fields')!.append(card.root);
document.getElementById('billing-address')!.append(address.root);

const form = document.getElementById('checkout-form') as HTMLFormElement;
const button = document.getElementById('submit') as HTMLButtonElement;
const errors = document.getElementById('form-error')!;
const email = document.getElementById('email') as HTMLInputElement;
const name = document.getElementById('billingName') as HTMLInputElement;

// SEPA Direct Debit (sessions that allow it): an IBAN and the account holder's name instead of the card.
const sepaSection = document.getElementById('sepa-section');
const cardSection = document.getElementById('card-section');
const typeChoices = [...document.querySelectorAll<HTMLInputElement>('input[name="paymentMethodType"]')];
const iban = document.getElementById('iban') as HTMLInputElement | null;
const sepaName = document.getElementById('sepaName') as HTMLInputElement | null;

function chosenType(): 'card' | 'sepa_debit' {
  if (!sepaSection) return 'card';
  if (typeChoices.length === 0) return 'sepa_debit';
  return typeChoices.find((choice) => choice.checked)?.value === 'sepa_debit' ? 'sepa_debit' : 'card';
}

for (const choice of typeChoices) {
  choice.addEventListener('change', () => {
    const sepa = chosenType() === 'sepa_debit';
    if (sepaSection) sepaSection.hidden = !sepa;
    if (cardSection) cardSection.hidden = sepa;
  });
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  showError(errors, undefined);
  if (!email.reportValidity()) return;
  setBusy(button, true);
  try {
    const message = await pay();
    if (message) showError(errors, message);
  } catch {
    showError(errors, 'Something went wrong. Please try again.');
  }
  setBusy(button, false);
});

/** Resolves with a message to show, or navigates away on success. */
async function pay(): Promise<string | undefined> {
  let created: ApiResult<{ id: string }>;
  if (chosenType() === 'sepa_debit') {
    if (!iban?.value.trim()) return 'Enter your IBAN.';
    if (!sepaName?.value.trim()) return "Enter the account holder's name.";
    created = await api.post<{ id: string }>('/v1/payment_methods', {
      type: 'sepa_debit',
      sepa_debit: { iban: iban.value },
      billing_details: { email: email.value, name: sepaName.value.trim() },
    });
  } else {
    // Both groups show their messages; the inline ones say what is wrong.
    const invalid = [card.validate(), address.validate()].some(Boolean);
    if (invalid) return undefined;
    const { number, exp_month, exp_year, cvc, postal_code, country } = { ...card.values(), ...address.values() };
    created = await api.post<{ id: string }>('/v1/payment_methods', {
      type: 'card',
      card: { number, exp_month, exp_year, cvc },
      billing_details: { email: email.value, name: name.value.trim() || undefined, address: { postal_code, country } },
    });
  }
  if (created.error) return created.error.message;
  const confirmUrl = `/c/pay/${encodeURIComponent(config.sessionId)}/confirm`;
  const answer = await postJson<ConfirmAnswer>(confirmUrl, { payment_method: created.body.id, email: email.value });
  if (answer.error) return answer.error.message;
  if (answer.next_action) {
    const handled = await stripe.handleNextAction({ clientSecret: answer.next_action.client_secret });
    if (handled.error) return handled.error.message;
    const after = await postJson<ConfirmAnswer>(`${confirmUrl}?after_action=1`, {});
    if (after.error) return after.error.message;
    if (after.redirect) window.location.assign(after.redirect);
    return undefined;
  }
  if (answer.redirect) window.location.assign(answer.redirect);
  return undefined;
}

// The promotion code field (sessions with `allow_promotion_codes`): applied or removed on the
// session, then the page reloads so the summary and the amount to pay show the new total.
const promotionForm = document.getElementById('promotion-code-form') as HTMLFormElement | null;
const promotionError = document.getElementById('promotion-code-error');
const promotionUrl = `/c/pay/${encodeURIComponent(config.sessionId)}/promotion_code`;
promotionForm?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = document.getElementById('promotionCode') as HTMLInputElement;
  const apply = promotionForm.querySelector('button') as HTMLButtonElement;
  if (!input.value.trim()) return;
  apply.disabled = true;
  const answer = await postJson<{ error?: { message: string } }>(promotionUrl, { code: input.value }).catch(() => ({ error: { message: 'Something went wrong. Please try again.' } }));
  apply.disabled = false;
  if (answer.error) {
    if (promotionError) promotionError.textContent = answer.error.message;
    input.setAttribute('aria-invalid', 'true');
    return;
  }
  window.location.reload();
});
document.getElementById('remove-promotion-code')?.addEventListener('click', async () => {
  await postJson(promotionUrl, { remove: true }).catch(() => undefined);
  window.location.reload();
});
