'use client';
// The header's choice of organisation: the server checks membership before acting for the new one.
import { useActionState } from 'react';
import type { ActionState } from '@/lib/auth/validated-action';
import { switchOrganisationAction } from '@/app/team/actions';

export function OrganisationSwitcher({ organisations, current }: { organisations: { id: string; label: string }[]; current: string }) {
  const [state, formAction, pending] = useActionState(switchOrganisationAction, {} as ActionState);
  return (
    <form action={formAction} aria-label="Switch organisation" className="flex items-center gap-1">
      <label htmlFor="organisation-switcher" className="sr-only">
        Organisation
      </label>
      <select
        id="organisation-switcher"
        name="organisationId"
        defaultValue={current}
        disabled={pending}
        onChange={(event) => event.currentTarget.form?.requestSubmit()}
        className="max-w-40 truncate rounded-md border border-slate-300 bg-white py-1 pl-2 pr-7 text-sm text-slate-800"
        title={state.error}
      >
        {organisations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="text-sm">
          Switch
        </button>
      </noscript>
    </form>
  );
}
