// Where Stripe sends a customer back after confirming or authenticating: the app's return_url plus
// the intent, its client secret and `redirect_status`. Shared by Stripe.js and the challenge page.

export interface ReturningIntent {
  id: string;
  object: 'payment_intent' | 'setup_intent';
  client_secret: string | null;
  status: string;
}

export function redirectStatus(status: string): 'succeeded' | 'processing' | 'failed' {
  if (status === 'succeeded' || status === 'requires_capture') return 'succeeded';
  return status === 'processing' ? 'processing' : 'failed';
}

export function returnUrlWithOutcome(returnUrl: URL, intent: ReturningIntent): string {
  returnUrl.searchParams.set(intent.object, intent.id);
  returnUrl.searchParams.set(`${intent.object}_client_secret`, intent.client_secret ?? '');
  returnUrl.searchParams.set('redirect_status', redirectStatus(intent.status));
  return returnUrl.toString();
}
