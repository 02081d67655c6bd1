'use server';
// Sign-up, sign-in and sign-out. Each action is a thin wrapper: zod checks the form, lib/auth does
// the work, and the result is either a redirect or a message for the form.
import { AuthError } from 'next-auth';
import { headers } from 'next/headers';
import { getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { auth, signIn, signOut, SignInRefused } from '@/lib/auth';
import { createPasswordAccount } from '@/lib/auth/accounts';
import { clientIpFrom } from '@/lib/auth/client-ip';
import { endSession } from '@/lib/auth/sessions';
import { countAttempt, minutesUntil, signUpKeyFor, tryAgainIn } from '@/lib/auth/throttle';
import { echoValues, validatedAction, type ActionState } from '@/lib/auth/validated-action';
import { signInSchema, signUpSchema, safeCallbackUrl } from '@/lib/auth/validation';
import { logError } from '@/lib/log-error';

/**
 * Signing up with an email that already has an account signs into it with the right password and
 * otherwise fails like a wrong sign-in (counted by the same throttle): the form never says whether
 * the email is taken.
 */
export const signUpAction = validatedAction(signUpSchema, async ({ email, password, callbackUrl }, formData) => {
  const db = await getDb();
  const verdict = await countAttempt(db, [signUpKeyFor(clientIpFrom(await headers()), env().SIGN_UPS_PER_ADDRESS)]);
  if (!verdict.allowed) return { error: tryAgainIn('Too many sign-ups from your network.', minutesUntil(verdict.retryAfterMs)), values: echoValues(formData) };
  await createPasswordAccount(db, { email, password });
  return signInWithPassword({ email, password, callbackUrl }, formData, 'sign-up');
});

export const signInAction = validatedAction(signInSchema, async (credentials, formData) =>
  signInWithPassword(credentials, formData, 'sign-in'),
);

export async function signInWithGitHubAction(formData: FormData) {
  const callbackUrl = formData.get('callbackUrl');
  await signIn('github', { redirectTo: safeCallbackUrl(typeof callbackUrl === 'string' ? callbackUrl : null) });
}

/** Ends this session on the server too, so a copy of its cookie stops working. */
export async function signOutAction() {
  const session = await auth();
  if (session?.user) await endSession(await getDb(), { sub: session.user.id, sid: session.user.sessionId });
  await signOut({ redirectTo: '/' });
}

async function signInWithPassword(
  credentials: { email: string; password: string; callbackUrl: string },
  formData: FormData,
  form: 'sign-in' | 'sign-up',
): Promise<ActionState> {
  try {
    // On success this throws NEXT_REDIRECT to the callback URL, which must propagate.
    await signIn('credentials', { email: credentials.email, password: credentials.password, redirectTo: credentials.callbackUrl });
    return {};
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    return { error: signInFailureMessage(error, form), values: echoValues(formData) };
  }
}

function signInFailureMessage(error: AuthError, form: 'sign-in' | 'sign-up'): string {
  if (error instanceof SignInRefused && error.reason === 'throttled') return tryAgainIn('Too many failed sign-in attempts.', error.retryAfterMinutes);
  if (error instanceof SignInRefused) {
    return form === 'sign-in' ? 'Wrong email or password.' : 'We could not sign you up with this email and password. If you already have an account, sign in instead.';
  }
  const id = logError('auth', 'sign-in', error);
  return `Sign-in failed because of a problem on our side (error id ${id}). Try again in a moment.`;
}
