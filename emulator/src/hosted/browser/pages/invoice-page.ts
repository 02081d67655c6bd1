// Paying an open invoice on its hosted page: the invoice's PaymentIntent, confirmed with the
// emulator's Payment Element; the page reloads to show it paid.
import { HOSTED_PUBLISHABLE_KEY, readConfig, setBusy, showError, stripeFactory } from './hosted-form.js';

interface InvoiceConfig {
  clientSecret: string;
  businessName: string;
  returnUrl: string;
}

const config = readConfig<InvoiceConfig>('invoice-config');
const stripe = stripeFactory()(HOSTED_PUBLISHABLE_KEY);
const elements = stripe.elements({ clientSecret: config.clientSecret });
elements.create('payment', { business: { name: config.businessName } }).mount('#payment-element');
const form = document.getElementById('invoice-form') as HTMLFormElement;
const button = document.getElementById('submit') as HTMLButtonElement;
const errors = document.getElementById('form-error')!;

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  showError(errors, undefined);
  setBusy(button, true);
  const result = await stripe.confirmPayment({ elements, redirect: 'if_required' });
  if (result.error) {
    showError(errors, result.error.message);
    setBusy(button, false);
    return;
  }
  window.location.assign(config.returnUrl);
});
