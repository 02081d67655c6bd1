// Input rules for the sign-up and sign-in forms, shared by the server actions and their tests.
import { z } from 'zod';
import { commonPasswords } from './common-passwords';

export const minPasswordLength = 10;
const maxPasswordLength = 128;

export const emailSchema = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter your email address.')
  .max(254, 'That email address is too long.')
  .pipe(z.email({ error: 'Enter a valid email address, like name@example.com.' }));

/** Rules for a password being chosen: long enough and not one attackers try first. */
export const newPasswordSchema = z
  .string({ error: 'Choose a password.' })
  .min(minPasswordLength, `Weak password: use at least ${minPasswordLength} characters.`)
  .max(maxPasswordLength, `Use at most ${maxPasswordLength} characters.`)
  .refine((password) => !isPredictable(password), {
    error: 'Weak password: this one is among the most common and easy to guess. Choose another.',
  });

/** A path inside this site to return to after signing in; anything else falls back to /account. */
export const callbackUrlSchema = z
  .string()
  .optional()
  .transform((value) => safeCallbackUrl(value));

export const signUpSchema = z.object({
  email: emailSchema,
  password: newPasswordSchema,
  callbackUrl: callbackUrlSchema,
});

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(maxPasswordLength, 'Wrong email or password.'),
  callbackUrl: callbackUrlSchema,
});

export const defaultSignedInPath = '/account';

/**
 * Same-origin relative paths only ("/admin?tab=1"); absolute URLs, protocol-relative ("//evil")
 * and backslash tricks ("/\\evil") fall back to /account, so sign-in is never an open redirect.
 */
export function safeCallbackUrl(value: string | null | undefined, fallback = defaultSignedInPath): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  try {
    const base = 'http://paydesk.invalid';
    const url = new URL(value, base);
    if (url.origin !== base) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}

function isPredictable(password: string): boolean {
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower)) return true;
  // A single repeated character ("aaaaaaaaaa") or a repeated short chunk ("abcabcabca").
  return /^(.{1,3})\1+.{0,2}$/.test(lower);
}
