'use client';
// The in-app card form (Stripe's Payment Element). The intent is created only when the customer
// submits (a server action returns its client secret), then Stripe.js confirms it — running 3-D
// Secure in its own modal when the bank asks. Declines come back as Stripe's message, shown inline;
// a retry confirms the same intent again instead of creating another one.
import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { Elements, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';
import type { StripeElementsOptions } from '@stripe/stripe-js';
import { loadStripeJs, type StripeBrowserConfig } from '@/lib/stripe/browser';
import { buttonClasses } from '@/components/button-classes';
import { FormMessage } from '@/components/form-message';
import { Spinner } from './spinner';

/** What the form's server action answers: an intent to confirm, or a message for the customer. */
export type PreparedPayment =
  | { ok: true; kind: 'payment' | 'setup'; clientSecret: string; returnPath: string }
  | { ok: false; error: string };

export interface PaymentFormProps {
  /** From `stripePublicConfig()` on the server: the publishable key, and where Stripe.js comes from. */
  stripeConfig: StripeBrowserConfig;
  /** Stripe's deferred-intent mode: what kind of intent `prepare` will create. */
  mode: 'payment' | 'subscription' | 'setup';
  /** Minor units; ignored for 'setup'. */
  amount: number;
  currency: string;
  submitLabel: string;
  pendingLabel: string;
  /** A server action creating (or, for the same attempt id, returning again) the intent to confirm. */
  prepare: (attemptId: string) => Promise<PreparedPayment>;
}

const appearance = {
  theme: 'stripe' as const,
  variables: { colorPrimary: '#4f46e5', colorText: '#0f172a', colorDanger: '#b91c1c', borderRadius: '6px', fontFamily: 'ui-sans-serif, system-ui, sans-serif' },
};

export function PaymentForm({ stripeConfig, mode, amount, currency, ...form }: PaymentFormProps) {
  const [stripePromise] = useState(() => loadStripeJs(stripeConfig));
  const options: StripeElementsOptions =
    mode === 'setup' ? { mode, currency, appearance, setupFutureUsage: 'off_session' } : { mode, amount, currency, appearance };
  return (
    <Elements stripe={stripePromise} options={options}>
      <CardForm {...form} />
    </Elements>
  );
}

function CardForm({ submitLabel, pendingLabel, prepare }: Pick<PaymentFormProps, 'submitLabel' | 'pendingLabel' | 'prepare'>) {
  const stripe = useStripe();
  const elements = useElements();
  const router = useRouter();
  const [attemptId] = useState(() => crypto.randomUUID());
  const prepared = useRef<Extract<PreparedPayment, { ok: true }> | null>(null);
  const busy = useRef(false);
  const [pending, setPending] = useState(false);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // A ref, not state: a second click in the same tick must not start a second payment.
    if (!stripe || !elements || busy.current) return;
    busy.current = true;
    setPending(true);
    setError(null);
    let leaving = false;
    try {
      const checked = await elements.submit();
      if (checked.error) {
        setError(checked.error.message ?? 'Check your card details.');
        return;
      }
      if (!prepared.current) {
        const answer = await prepare(attemptId);
        if (!answer.ok) {
          setError(answer.error);
          return;
        }
        prepared.current = answer;
      }
      const { kind, clientSecret, returnPath } = prepared.current;
      const returnUrl = new URL(returnPath, window.location.origin);
      const confirmParams = { return_url: returnUrl.toString() };
      if (kind === 'setup') {
        const result = await stripe.confirmSetup({ elements, clientSecret, confirmParams, redirect: 'if_required' });
        if (result.error) {
          setError(result.error.message ?? 'Your card could not be saved. Try another card.');
          return;
        }
        returnUrl.searchParams.set('setup_intent', result.setupIntent.id);
      } else {
        const result = await stripe.confirmPayment({ elements, clientSecret, confirmParams, redirect: 'if_required' });
        if (result.error) {
          setError(result.error.message ?? 'Your payment did not go through. Try another card.');
          return;
        }
        returnUrl.searchParams.set('payment_intent', result.paymentIntent.id);
      }
      leaving = true;
      router.push(`${returnUrl.pathname}${returnUrl.search}`);
    } catch (caught) {
      console.error('[payment-form]', caught);
      setError('Something went wrong before your payment could be sent. Check your connection and try again.');
    } finally {
      // Stay disabled while navigating to the result page.
      if (!leaving) {
        busy.current = false;
        setPending(false);
      }
    }
  }

  return (
    <form onSubmit={submit} className="space-y-5" aria-label="Payment details" noValidate>
      <PaymentElement onReady={() => setReady(true)} options={{ layout: 'tabs' }} />
      {!ready && <p className="text-sm text-slate-500">Loading the secure card form…</p>}
      <FormMessage error={error ?? undefined} />
      <button type="submit" disabled={!stripe || !ready || pending} aria-disabled={!stripe || !ready || pending} className={`${buttonClasses()} w-full`}>
        {pending && <Spinner />}
        {pending ? pendingLabel : submitLabel}
      </button>
    </form>
  );
}
