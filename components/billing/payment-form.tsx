'use client';
// The in-app card form (Stripe's Payment Element). The intent is created only when the customer
// submits (a server action returns its client secret), then Stripe.js confirms it — running 3-D
// Secure in its own modal when the bank asks. Declines come back as Stripe's message, shown inline;
// a retry confirms the same intent again instead of creating another one. A customer with a saved
// card is offered it first, with "Use another card" to open the Payment Element.
import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { Elements, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';
import type { StripeElementsOptions } from '@stripe/stripe-js';
import type { PreparedPayment } from '@/lib/auth/validated-action';
import { loadStripeJs, type StripeBrowserConfig } from '@/lib/stripe/browser';
import { buttonClasses } from '@/components/ui/button-classes';
import { FormMessage } from '@/components/ui/form-message';
import { Spinner } from '@/components/ui/spinner';

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
  /** The customer's default saved card, offered before a new one. */
  savedCard?: { id: string; label: string } | null;
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

function CardForm({ submitLabel, pendingLabel, prepare, savedCard }: Pick<PaymentFormProps, 'submitLabel' | 'pendingLabel' | 'prepare' | 'savedCard'>) {
  const stripe = useStripe();
  const elements = useElements();
  const router = useRouter();
  const [attemptId] = useState(() => crypto.randomUUID());
  const prepared = useRef<Extract<PreparedPayment, { ok: true }> | null>(null);
  const busy = useRef(false);
  const [pending, setPending] = useState(false);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [useSaved, setUseSaved] = useState(Boolean(savedCard));
  const saved = useSaved ? savedCard : null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // A ref, not state: a second click in the same tick must not start a second payment.
    if (!stripe || !elements || busy.current) return;
    busy.current = true;
    setPending(true);
    setError(null);
    let leaving = false;
    try {
      if (!saved) {
        const checked = await elements.submit();
        if (checked.error) {
          setError(checked.error.message ?? 'Check your card details.');
          return;
        }
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
      const confirmParams = { return_url: returnUrl.toString(), ...(saved ? { payment_method: saved.id } : {}) };
      // With the saved card there is nothing in the Payment Element to send.
      const source = saved ? {} : { elements };
      if (kind === 'setup') {
        const result = await stripe.confirmSetup({ ...source, clientSecret, confirmParams, redirect: 'if_required' });
        if (result.error) {
          setError(result.error.message ?? 'Your card could not be saved. Try another card.');
          return;
        }
        returnUrl.searchParams.set('setup_intent', result.setupIntent.id);
      } else {
        const result = await stripe.confirmPayment({ ...source, clientSecret, confirmParams, redirect: 'if_required' });
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
      {savedCard && (
        <fieldset className="space-y-2" disabled={pending}>
          <legend className="sr-only">Card to pay with</legend>
          {[
            { value: true, label: savedCard.label, hint: 'Saved card' },
            { value: false, label: 'Use another card', hint: null },
          ].map((option) => (
            <label
              key={option.label}
              className={`flex cursor-pointer items-center gap-3 rounded-lg border px-4 py-3 text-sm ${
                useSaved === option.value ? 'border-brand-500 bg-brand-50/40 ring-1 ring-brand-500' : 'border-slate-200 hover:border-slate-300'
              }`}
            >
              <input
                type="radio"
                name="card-choice"
                checked={useSaved === option.value}
                onChange={() => {
                  setUseSaved(option.value);
                  setError(null);
                }}
                className="size-4 accent-brand-600"
              />
              <span className="font-medium whitespace-nowrap text-slate-900">{option.label}</span>
              {option.hint && <span className="ml-auto whitespace-nowrap text-xs text-slate-500">{option.hint}</span>}
            </label>
          ))}
        </fieldset>
      )}
      <div hidden={Boolean(saved)}>
        <PaymentElement onReady={() => setReady(true)} options={{ layout: 'tabs' }} />
        {!ready && <p className="text-sm text-slate-500">Loading the secure card form…</p>}
      </div>
      <FormMessage error={error ?? undefined} />
      <button type="submit" disabled={!stripe || !ready || pending} aria-disabled={!stripe || !ready || pending} className={`${buttonClasses()} w-full`}>
        {pending && <Spinner />}
        {pending ? pendingLabel : submitLabel}
      </button>
    </form>
  );
}
