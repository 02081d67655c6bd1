'use client';
// Inviting someone: email and role (or, on the seat confirmation page, the ones already chosen),
// then the one-time link to copy. The token in it is shown once and never stored.
import { useActionState, useState } from 'react';
import type { ActionState } from '@/lib/auth/validated-action';
import { Field } from '@/components/ui/form-field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { buttonClasses } from '@/components/ui/button-classes';

export function InviteForm({
  action,
  chosen,
  submitLabel,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  /** Hidden fields when email and role were chosen on an earlier page (and the preview's moment). */
  chosen?: Record<string, string>;
  submitLabel: string;
}) {
  const [attemptId, setAttemptId] = useState(() => crypto.randomUUID());
  const [state, formAction] = useActionState(async (previous: ActionState, formData: FormData) => {
    const next = await action(previous, formData);
    setAttemptId(crypto.randomUUID());
    return next;
  }, {});
  if (state.link) return <InvitationLink message={state.success} link={state.link} />;
  return (
    <form action={formAction} aria-label="Invite" className="space-y-4">
      <input type="hidden" name="attemptId" value={attemptId} />
      {chosen ? (
        Object.entries(chosen).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)
      ) : (
        <div className="grid gap-4 sm:grid-cols-3">
          <Field id="invite-email" label="Email" errors={state.fieldErrors?.email} className="sm:col-span-2">
            {(control) => <input {...control} name="email" type="email" autoComplete="off" required defaultValue={state.values?.email} />}
          </Field>
          <Field id="invite-role" label="Role" errors={state.fieldErrors?.role}>
            {(control) => (
              <select {...control} name="role" defaultValue={state.values?.role ?? 'member'}>
                <option value="member">Member</option>
                <option value="admin">Admin</option>
              </select>
            )}
          </Field>
        </div>
      )}
      <SubmitButton pendingLabel="Working…">{submitLabel}</SubmitButton>
      <FormMessage error={state.error} />
    </form>
  );
}

function InvitationLink({ message, link }: { message?: string; link: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-3">
      <FormMessage success={message} />
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="invitation-link" className="sr-only">
          Invitation link
        </label>
        <input id="invitation-link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} className="min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs text-slate-800" />
        <button
          type="button"
          className={buttonClasses('secondary', 'sm')}
          onClick={async () => {
            await navigator.clipboard?.writeText(link);
            setCopied(true);
          }}
        >
          {copied ? 'Copied' : 'Copy link'}
        </button>
      </div>
    </div>
  );
}
