// A merchant page built the way Paydesk builds its own: @stripe/react-stripe-js 7 on
// @stripe/stripe-js/pure, which finds the emulator's `window.Stripe` already loaded.
import { CardElement, Elements, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';
import type { Stripe, StripeElements, StripeElementsOptions } from '@stripe/stripe-js';
import { loadStripe } from '@stripe/stripe-js/pure';
import { StrictMode, useEffect, useState, type FormEvent } from 'react';
import { createRoot } from 'react-dom/client';

const stripePromise = loadStripe('pk_test_emulator_e2e');
const query = new URLSearchParams(window.location.search);
const appearance = { variables: { colorPrimary: '#0f766e' } };

type Flow = 'payment' | 'deferred' | 'setup' | 'card';

type DeferredMode = 'payment' | 'subscription' | 'setup';

/** The shop's server creates what is paid for: a PaymentIntent, a SetupIntent or a subscription. */
async function createIntent(what: 'payment' | 'setup' | 'subscription', body: Record<string, unknown>): Promise<{ id: string; clientSecret: string }> {
  const path = what === 'subscription' ? '/api/subscriptions' : `/api/${what}-intents`;
  const response = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`Could not create the ${what} (${response.status}).`);
  return response.json();
}

function Outcome({ message, error }: { message?: string; error?: string }) {
  return (
    <>
      <p role="status" data-testid="outcome">{message}</p>
      {error ? <p role="alert" className="error">{error}</p> : null}
    </>
  );
}

/** confirmPayment / confirmSetup, with `redirect: 'always'` (never resolves on success) or 'if_required'. */
async function confirm(stripe: Stripe, elements: StripeElements, kind: 'payment' | 'setup', clientSecret: string, redirect: 'always' | 'if_required'): Promise<{ message?: string; error?: string }> {
  const confirmParams = { return_url: `${window.location.origin}/return` };
  if (redirect === 'always') {
    const { error } = kind === 'payment' ? await stripe.confirmPayment({ elements, clientSecret, confirmParams }) : await stripe.confirmSetup({ elements, clientSecret, confirmParams });
    return { error: error.message };
  }
  if (kind === 'payment') {
    const result = await stripe.confirmPayment({ elements, clientSecret, confirmParams, redirect: 'if_required' });
    return result.error ? { error: result.error.message } : { message: `Payment ${result.paymentIntent.status}: ${result.paymentIntent.id}` };
  }
  const result = await stripe.confirmSetup({ elements, clientSecret, confirmParams, redirect: 'if_required' });
  return result.error ? { error: result.error.message } : { message: `Setup ${result.setupIntent.status}: ${result.setupIntent.id}` };
}

function IntentForm({ kind, clientSecret, deferred }: { kind: 'payment' | 'setup'; clientSecret?: string; deferred?: { mode: DeferredMode; amount: number } }) {
  const stripe = useStripe();
  const elements = useElements();
  const [ready, setReady] = useState(false);
  const [complete, setComplete] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<string>();
  const redirect = query.get('redirect') === 'always' ? 'always' : 'if_required';

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!stripe || !elements) return;
    setBusy(true);
    setError(undefined);
    let secret = clientSecret;
    if (deferred) {
      const submitted = await elements.submit();
      if (submitted.error) {
        setError(submitted.error.message);
        setBusy(false);
        return;
      }
      const intent = await createIntent(deferred.mode, { amount: deferred.amount });
      setMessage(`Created ${intent.id}`);
      setCreated(intent.id);
      secret = intent.clientSecret;
    }
    const outcome = await confirm(stripe, elements, kind, secret!, redirect);
    setBusy(false);
    setError(outcome.error);
    if (outcome.message) setMessage(outcome.message);
  }

  return (
    <form onSubmit={onSubmit} aria-label={kind === 'payment' ? 'Payment' : 'Save a card'}>
      <PaymentElement onReady={() => setReady(true)} onChange={(e) => setComplete(e.complete)} options={{ business: { name: 'Test Shop' } }} />
      <p className="hint" data-testid="complete">{complete ? 'Card details complete' : 'Card details incomplete'}</p>
      <button type="submit" disabled={!ready || busy}>{kind === 'payment' ? 'Pay' : 'Save card'}</button>
      <Outcome message={message} error={error} />
      {created ? <p data-testid="created-id">{created}</p> : null}
    </form>
  );
}

function CardForm({ clientSecret }: { clientSecret: string }) {
  const stripe = useStripe();
  const elements = useElements();
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const card = elements?.getElement(CardElement);
    if (!stripe || !card) return;
    const result = await stripe.confirmCardPayment(clientSecret, { payment_method: { card } });
    if (result.error) setError(result.error.message);
    else setMessage(`Payment ${result.paymentIntent.status}: ${result.paymentIntent.id}`);
  }
  async function tokenize() {
    const card = elements?.getElement(CardElement);
    if (!stripe || !card) return;
    const result = await stripe.createToken(card);
    if (result.error) setError(result.error.message);
    else setMessage(`Token ${result.token.id} for ${result.token.card?.brand} ${result.token.card?.last4}`);
  }
  return (
    <form onSubmit={onSubmit} aria-label="Card payment">
      <CardElement onChange={(e) => setError(e.error?.message)} />
      <button type="submit">Pay</button>{' '}
      <button type="button" onClick={tokenize}>Create token</button>
      <Outcome message={message} error={error} />
    </form>
  );
}

function Checkout({ flow }: { flow: Flow }) {
  const [intent, setIntent] = useState<{ id: string; clientSecret: string }>();
  const [failure, setFailure] = useState<string>();
  const amount = Number(query.get('amount') ?? 2000);
  useEffect(() => {
    if (flow === 'deferred') return;
    createIntent(flow === 'setup' ? 'setup' : 'payment', { amount }).then(setIntent, (e: Error) => setFailure(e.message));
  }, [flow, amount]);
  if (failure) return <p role="alert">{failure}</p>;
  if (flow === 'deferred') {
    const mode = (query.get('mode') ?? 'payment') as DeferredMode;
    const options: StripeElementsOptions =
      mode === 'setup' ? { mode, currency: 'usd', setupFutureUsage: 'off_session', appearance } : { mode, amount, currency: 'usd', appearance };
    return (
      <Elements stripe={stripePromise} options={options}>
        <IntentForm kind={mode === 'setup' ? 'setup' : 'payment'} deferred={{ mode, amount }} />
      </Elements>
    );
  }
  if (!intent) return <p>Loading…</p>;
  return (
    <>
      <p data-testid="intent-id">{intent.id}</p>
      <Elements stripe={stripePromise} options={{ clientSecret: intent.clientSecret, appearance }}>
        {flow === 'card' ? <CardForm clientSecret={intent.clientSecret} /> : <IntentForm kind={flow === 'setup' ? 'setup' : 'payment'} clientSecret={intent.clientSecret} />}
      </Elements>
    </>
  );
}

function ReturnPage() {
  const [status, setStatus] = useState<string>();
  const secret = query.get('payment_intent_client_secret') ?? query.get('setup_intent_client_secret');
  useEffect(() => {
    if (!secret) return;
    stripePromise.then(async (stripe) => {
      if (!stripe) return;
      if (query.has('payment_intent')) {
        const { paymentIntent, error } = await stripe.retrievePaymentIntent(secret);
        setStatus(error ? error.message : `PaymentIntent ${paymentIntent.id} is ${paymentIntent.status}`);
      } else {
        const { setupIntent, error } = await stripe.retrieveSetupIntent(secret);
        setStatus(error ? error.message : `SetupIntent ${setupIntent.id} is ${setupIntent.status}`);
      }
    });
  }, [secret]);
  return (
    <>
      <h1>Thanks!</h1>
      <p data-testid="redirect-status">redirect_status: {query.get('redirect_status')}</p>
      <p role="status">{status}</p>
    </>
  );
}

function App() {
  if (window.location.pathname === '/return') return <ReturnPage />;
  const flow = (query.get('flow') ?? 'payment') as Flow;
  return (
    <>
      <h1>Test shop</h1>
      <Checkout flow={flow} />
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
