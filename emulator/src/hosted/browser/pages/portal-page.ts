// The customer portal's card update: a SetupIntent confirmed with the emulator's Payment
// Element, then the new card becomes the default through the portal session's endpoint.
import { HOSTED_PUBLISHABLE_KEY, postJson, readConfig, setBusy, showError, stripeFactory } from './hosted-form.js';

interface PortalConfig {
  sessionId: string;
  businessName: string;
}

const form = document.getElementById('card-form') as HTMLFormElement | null;
if (form) {
  const config = readConfig<PortalConfig>('portal-config');
  const stripe = stripeFactory()(HOSTED_PUBLISHABLE_KEY);
  const elements = stripe.elements({ mode: 'setup', currency: 'usd' });
  elements.create('payment', { business: { name: config.businessName } }).mount('#payment-element');
  const button = document.getElementById('save-card') as HTMLButtonElement;
  const errors = document.getElementById('card-error')!;
  const base = `/p/session/${encodeURIComponent(config.sessionId)}`;

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    showError(errors, undefined);
    setBusy(button, true);
    const submitted = await elements.submit();
    if (submitted.error) return setBusy(button, false);
    const started = await postJson<{ client_secret?: string; error?: { message: string } }>(`${base}/payment-method/setup`, {});
    if (started.error || !started.client_secret) {
      showError(errors, started.error?.message ?? 'Something went wrong.');
      return setBusy(button, false);
    }
    const confirmed = await stripe.confirmSetup({ elements, clientSecret: started.client_secret, redirect: 'if_required' });
    if (confirmed.error) {
      showError(errors, confirmed.error.message);
      return setBusy(button, false);
    }
    const saved = await postJson<{ error?: { message: string } }>(`${base}/payment-method`, { setup_intent: started.client_secret.split('_secret_')[0] });
    if (saved.error) {
      showError(errors, saved.error.message);
      return setBusy(button, false);
    }
    window.location.assign(`${base}?updated=payment_method`);
  });
}
