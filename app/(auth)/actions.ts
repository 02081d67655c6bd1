'use server';
// Sign-up, sign-in and sign-out. Each action is a thin wrapper: zod checks the form, lib/auth does
// the work, and the result is either a redirect or a message for the form.
import { AuthError } from 'next-auth';
import { getDb } from '@/lib/db/client';
import { signIn, signOut, SignInRefused } from '@/lib/auth';
import { createPasswordAccount } from '@/lib/auth/accounts';
import { echoValues, validatedAction, type ActionState } from '@/lib/auth/validated-action';
import { signInSchema, signUpSchema, safeCallbackUrl } from '@/lib/auth/validation';

export const signUpAction = validatedAction(signUpSchema, async ({ email, password, callbackUrl }, formData) => {
  const created = await createPasswordAccount(await getDb(), { email, password });
  if (!created.ok) {
    return { fieldErrors: { email: ['An account with this email already exists.'] }, values: echoValues(formData) };
  }
  return signInWithPassword({ email, password, callbackUrl }, formData);
});

export const signInAction = validatedAction(signInSchema, async (credentials, formData) =>
  signInWithPassword(credentials, formData),
);

export async function signInWithGitHubAction(formData: FormData) {
  const callbackUrl = formData.get('callbackUrl');
  await signIn('github', { redirectTo: safeCallbackUrl(typeof callbackUrl === 'string' ? callbackUrl : null) });
}

export async function signOutAction() {
  await signOut({ redirectTo: '/' });
}

async function signInWithPassword(
  credentials: { email: string; password: string; callbackUrl: string },
  formData: FormData,
): Promise<ActionState> {
  try {
    // On success this throws NEXT_REDIRECT to the callback URL, which must propagate.
    await signIn('credentials', { email: credentials.email, password: credentials.password, redirectTo: credentials.callbackUrl });
    return {};
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    return { error: signInFailureMessage(error), values: echoValues(formData) };
  }
}

function signInFailureMessage(error: AuthError): string {
  if (error instanceof SignInRefused && error.reason === 'throttled') {
    const minutes = error.retryAfterMinutes;
    return `Too many failed sign-in attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
  }
  if (error instanceof SignInRefused) return 'Wrong email or password.';
  const id = crypto.randomUUID().slice(0, 8);
  console.error(`[auth] sign-in failed (error id ${id})`, error);
  return `Sign-in failed because of a problem on our side (error id ${id}). Try again in a moment.`;
}
