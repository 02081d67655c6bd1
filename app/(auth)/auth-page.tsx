// The shared frame of the sign-in and sign-up pages.
import { redirect } from 'next/navigation';
import { githubEnabled } from '@/lib/auth';
import { getCurrentUser } from '@/lib/auth/session';
import { minPasswordLength, safeCallbackUrl } from '@/lib/auth/validation';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { Logo } from '@/components/logo';
import { AuthForm } from './auth-form';
import { signInWithGitHubAction } from './actions';

export type AuthSearchParams = Promise<Record<string, string | string[] | undefined>>;

/** next-auth sends OAuth failures back to the sign-in page as ?error=<type>. */
const oauthErrors: Record<string, string> = {
  AccessDenied: 'GitHub sign-in was refused. Your GitHub account needs a verified primary email address.',
  OAuthCallbackError: 'GitHub sign-in did not complete. Please try again.',
  Configuration: 'Sign-in is misconfigured on the server. Please try again later.',
};

export async function AuthPage({ mode, searchParams }: { mode: 'sign-in' | 'sign-up'; searchParams: AuthSearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(first(params.callbackUrl));
  if (await getCurrentUser()) redirect(callbackUrl);

  const errorType = first(params.error);
  const oauthError = errorType && errorType !== 'CredentialsSignin' ? (oauthErrors[errorType] ?? oauthErrors.OAuthCallbackError) : undefined;
  const signingUp = mode === 'sign-up';

  return (
    <div className="mx-auto flex max-w-md flex-col px-4 py-12 sm:py-16">
      <div className="mb-8 text-center">
        <Logo className="mx-auto size-10" />
        <h1 className="mt-4 text-2xl font-semibold tracking-tight text-slate-900">
          {signingUp ? 'Create your Paydesk account' : 'Sign in to Paydesk'}
        </h1>
        <p className="mt-2 text-sm text-slate-600">
          {signingUp ? 'Start with an account; pick a plan whenever you are ready.' : 'Welcome back. Enter your email and password.'}
        </p>
      </div>
      <div className="space-y-6 rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <FormMessage error={oauthError} />
        <AuthForm mode={mode} callbackUrl={callbackUrl} minPasswordLength={minPasswordLength} />
        {githubEnabled() && (
          <>
            <div className="flex items-center gap-3 text-xs uppercase tracking-wide text-slate-400">
              <span className="h-px flex-1 bg-slate-200" />
              or
              <span className="h-px flex-1 bg-slate-200" />
            </div>
            <form action={signInWithGitHubAction}>
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <SubmitButton variant="secondary" className="w-full" pendingLabel="Opening GitHub…">
                Continue with GitHub
              </SubmitButton>
            </form>
          </>
        )}
      </div>
    </div>
  );
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
