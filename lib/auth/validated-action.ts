// Higher-order helpers for server actions used with useActionState: validate the form with zod,
// load the signed-in user once, and answer with a state the form can render.
import 'server-only';
import { z } from 'zod';
import { assertAdmin, assertUser, AccessDenied, type CurrentUser } from './session';

export interface ActionState {
  /** A message about the whole form. */
  error?: string;
  /** Messages per field, from the zod schema. */
  fieldErrors?: Record<string, string[] | undefined>;
  /** A confirmation to show. */
  success?: string;
  /** What was typed (never passwords), so the form can keep it after a failed submit. */
  values?: Record<string, string>;
}

type Action<S extends z.ZodType, Extra extends unknown[]> = (
  data: z.output<S>,
  ...rest: [...Extra, FormData]
) => Promise<ActionState | void>;

/** A server action whose body only runs with input that passed `schema`. */
export function validatedAction<S extends z.ZodType>(schema: S, action: Action<S, []>) {
  return async (_previous: ActionState, formData: FormData): Promise<ActionState> => {
    const parsed = schema.safeParse(formFields(formData));
    if (!parsed.success) return invalid(parsed.error, formData);
    return (await action(parsed.data, formData)) ?? {};
  };
}

/** Like validatedAction, for signed-in users only; the body receives the user. */
export function validatedActionWithUser<S extends z.ZodType>(schema: S, action: Action<S, [CurrentUser]>) {
  return withAccess(assertUser, schema, action);
}

/** Like validatedAction, for admins only; the body receives the admin. */
export function validatedActionWithAdmin<S extends z.ZodType>(schema: S, action: Action<S, [CurrentUser]>) {
  return withAccess(assertAdmin, schema, action);
}

function withAccess<S extends z.ZodType>(check: () => Promise<CurrentUser>, schema: S, action: Action<S, [CurrentUser]>) {
  return async (_previous: ActionState, formData: FormData): Promise<ActionState> => {
    let user: CurrentUser;
    try {
      user = await check();
    } catch (error) {
      if (!(error instanceof AccessDenied)) throw error;
      return { error: error.status === 401 ? 'Your session has ended. Sign in again to continue.' : error.message };
    }
    const parsed = schema.safeParse(formFields(formData));
    if (!parsed.success) return invalid(parsed.error, formData);
    return (await action(parsed.data, user, formData)) ?? {};
  };
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
