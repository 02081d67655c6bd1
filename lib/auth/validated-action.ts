// The one wrapper for server actions: validate the input with zod, load the signed-in user once
// (with the organisation they act for, refusing a role short of the action's), count the attempt against the user's limit for Stripe-calling work, and answer with a state the
// form can render — a UserError's own message, or a logged error id for anything unexpected
// (lib/errors.ts). Action bodies say only what the action does.
import 'server-only';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import type { OrganisationRole } from '@/lib/db/schema';
import type { ActionKind } from '@/lib/env';
import { failureMessage, type FailureWording } from '@/lib/errors';
import { assertAdmin, assertMember, AccessDenied, type CurrentMember, type CurrentUser } from './session';
import { billingRole } from './roles';
import { spendActionAttempt } from './throttle';

export interface ActionState {
  /** A message about the whole form. */
  error?: string;
  /** Messages per field, from the zod schema. */
  fieldErrors?: Record<string, string[] | undefined>;
  /** A confirmation to show. */
  success?: string;
  /** A link to show with the confirmation, to copy (an invitation's). */
  link?: string;
  /** What was typed (never passwords), so the form can keep it after a failed submit. */
  values?: Record<string, string>;
}

/** What an action body answers: a state for the form, or where to send the browser next. */
export type ActionOutcome = ActionState | { redirectTo: string } | void;

/** What the in-app Payment Element form's prepare action answers: an intent to confirm, or a message. */
export type PreparedPayment =
  | { ok: true; kind: 'payment' | 'setup'; clientSecret: string; returnPath: string }
  | { ok: false; error: string };

export interface ActionOptions<S extends z.ZodType> extends Omit<FailureWording, 'scope'> {
  schema: S;
  /** Where failures are logged; 'billing' unless given. */
  scope?: string;
  /** The per-user limit (ACTION_LIMITS) this action counts against: every action that calls Stripe has one. */
  limit?: ActionKind;
  /**
   * The least role in the current organisation the action needs. Billing (owners and admins) unless
   * given: an action that forgets to say is closed to plain members.
   */
  role?: OrganisationRole;
  /** Form values to show again with a failure message. */
  keep?: (input: z.output<S>) => Record<string, string>;
}

const sessionEnded = 'Your session has ended. Sign in again to continue.';

/** A server action for visitors (the sign-in forms), whose body only runs with input that passed `schema`. */
export function validatedAction<S extends z.ZodType>(schema: S, action: (data: z.output<S>, formData: FormData) => Promise<ActionState | void>) {
  return async (_previous: ActionState, formData: FormData): Promise<ActionState> => {
    const parsed = schema.safeParse(formFields(formData));
    if (!parsed.success) return invalid(parsed.error, formData);
    return (await action(parsed.data, formData)) ?? {};
  };
}

type Body<S extends z.ZodType, U extends CurrentUser> = (data: z.output<S>, user: U, formData: FormData) => Promise<ActionOutcome>;

/**
 * A form action for signed-in members of an organisation with at least `options.role` (billing
 * managers by default); the body receives the valid input and the member, whose `organisation` is
 * the one they act for.
 */
export function validatedActionWithUser<S extends z.ZodType>(options: ActionOptions<S>, body: Body<S, CurrentMember>) {
  return formAction(() => assertMember(options.role ?? billingRole), options, body);
}

/** A form action for site admins only; the body receives the valid input and the admin. */
export function validatedActionWithAdmin<S extends z.ZodType>(options: ActionOptions<S>, body: Body<S, CurrentUser>) {
  return formAction(assertAdmin, options, body);
}

function formAction<S extends z.ZodType, U extends CurrentUser>(check: () => Promise<U>, options: ActionOptions<S>, body: Body<S, U>) {
  return async (_previous: ActionState, formData: FormData): Promise<ActionState> => {
    const user = await signedIn(check);
    if (!user) return { error: sessionEnded };
    if (user instanceof AccessDenied) return { error: user.message };
    const parsed = options.schema.safeParse(formFields(formData));
    if (!parsed.success) return invalid(parsed.error, formData);
    const outcome = await attempt(options, user, () => body(parsed.data, user, formData));
    if (!outcome.ok) return { error: outcome.error, ...(options.keep ? { values: options.keep(parsed.data) } : {}) };
    // Outside the attempt: Next's redirect works by throwing, which must reach Next.
    if (outcome.value && 'redirectTo' in outcome.value) redirect(outcome.value.redirectTo);
    return outcome.value ?? {};
  };
}

/**
 * The body of a Payment Element prepare action (called with positional values, not a form): the
 * same checks, answered as a PreparedPayment.
 */
export async function preparePayment<S extends z.ZodType>(
  options: ActionOptions<S>,
  input: unknown,
  body: (data: z.output<S>, user: CurrentMember) => Promise<Omit<Extract<PreparedPayment, { ok: true }>, 'ok'>>,
): Promise<PreparedPayment> {
  const user = await signedIn(() => assertMember(options.role ?? billingRole));
  if (!user) return { ok: false, error: sessionEnded };
  if (user instanceof AccessDenied) return { ok: false, error: user.message };
  const parsed = options.schema.safeParse(input);
  if (!parsed.success) return { ok: false, error: 'This page is out of date. Reload it and try again.' };
  const outcome = await attempt(options, user, () => body(parsed.data, user));
  return outcome.ok ? { ok: true, ...outcome.value } : outcome;
}

/**
 * A server action called with positional values that answers data rather than a form state (the
 * in-app promotion code check): the same checks; the first validation message, or the body's value.
 */
export async function callWithUser<S extends z.ZodType, T>(
  options: ActionOptions<S>,
  input: unknown,
  body: (data: z.output<S>, user: CurrentMember) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  const user = await signedIn(() => assertMember(options.role ?? billingRole));
  if (!user) return { ok: false, error: sessionEnded };
  if (user instanceof AccessDenied) return { ok: false, error: user.message };
  const parsed = options.schema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? 'This page is out of date. Reload it and try again.' };
  return attempt(options, user, () => body(parsed.data, user));
}

/** The user, null when signed out, or the refusal for someone signed in without the right role. */
async function signedIn<U extends CurrentUser>(check: () => Promise<U>): Promise<U | AccessDenied | null> {
  try {
    return await check();
  } catch (error) {
    if (!(error instanceof AccessDenied)) throw error;
    return error.status === 401 ? null : error;
  }
}

/** Runs the body once the user's limit allows it; any error becomes the message to show. */
async function attempt<S extends z.ZodType, T>(options: ActionOptions<S>, user: CurrentUser, run: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  try {
    if (options.limit) await spendActionAttempt(await getDb(), user.id, options.limit);
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error: failureMessage(error, { scope: options.scope ?? 'billing', doing: options.doing, unexpected: options.unexpected }) };
  }
}

function formFields(formData: FormData): Record<string, FormDataEntryValue> {
  // React adds $ACTION_* bookkeeping fields to progressively enhanced forms.
  return Object.fromEntries([...formData.entries()].filter(([name]) => !name.startsWith('$')));
}

function invalid(error: z.ZodError, formData: FormData): ActionState {
  return { fieldErrors: z.flattenError(error).fieldErrors as ActionState['fieldErrors'], values: echoValues(formData) };
}

/** The submitted text fields to show again, leaving out anything that looks like a secret. */
export function echoValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of formData.entries()) {
    if (typeof value === 'string' && !name.startsWith('$') && !/password|secret|token/i.test(name)) values[name] = value;
  }
  return values;
}
