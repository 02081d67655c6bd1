'use client';
// The sign-in and sign-up form: same fields, different action and wording.
import Link from 'next/link';
import { useActionState } from 'react';
import { FormField } from '@/components/ui/form-field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ActionState } from '@/lib/auth/validated-action';
import { signInAction, signUpAction } from './actions';

export function AuthForm({
  mode,
  callbackUrl,
  minPasswordLength,
}: {
  mode: 'sign-in' | 'sign-up';
  callbackUrl: string;
  /** From lib/auth/validation (passed in so the zod rules stay out of the browser bundle). */
  minPasswordLength: number;
}) {
  const signingUp = mode === 'sign-up';
  const [state, formAction] = useActionState<ActionState, FormData>(signingUp ? signUpAction : signInAction, {});
  const otherHref = `${signingUp ? '/sign-in' : '/sign-up'}?${new URLSearchParams({ callbackUrl })}`;

  return (
    <form action={formAction} noValidate className="space-y-5">
      <FormMessage error={state.error} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        errors={state.fieldErrors?.email}
      />
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete={signingUp ? 'new-password' : 'current-password'}
        required
        minLength={signingUp ? minPasswordLength : undefined}
        hint={signingUp ? `At least ${minPasswordLength} characters. A short phrase is easier to remember than a jumble.` : undefined}
        errors={state.fieldErrors?.password}
      />
      <SubmitButton className="w-full" pendingLabel={signingUp ? 'Creating account…' : 'Signing in…'}>
        {signingUp ? 'Create account' : 'Sign in'}
      </SubmitButton>
      <p className="text-center text-sm text-slate-600">
        {signingUp ? 'Already have an account? ' : 'New to Paydesk? '}
        <Link href={otherHref} className="font-medium text-brand-600 hover:text-brand-700 hover:underline">
          {signingUp ? 'Sign in' : 'Create an account'}
        </Link>
      </p>
    </form>
  );
}
