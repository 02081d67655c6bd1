'use client';
// The admin's form for a new promotion code: the code customers type, what it takes off (percent
// or an amount in a currency), for how long, and its limits. The server validates it all again.
import { startTransition, useActionState, useState, type FormEvent } from 'react';
import type { ActionState } from '@/lib/auth/validated-action';
import { Field } from '@/components/ui/form-field';
import { FormMessage } from '@/components/ui/form-message';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';

export function PromotionForm({ action, attemptId }: { action: (state: ActionState, formData: FormData) => Promise<ActionState>; attemptId: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  // Submitted by hand rather than through `action`: React resets an action form after every answer,
  // which would wipe what the admin typed when a field is refused (and desync the selects).
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  }
  return (
    <form onSubmit={submit} className="space-y-4 p-5" aria-label="New promotion code" noValidate>
      <FormMessage error={state.error} success={state.success} />
      {/* From the server render: a success re-renders the page with a new one; a retry after a failure reuses it. */}
      <input type="hidden" name="attemptId" value={attemptId} />
      {/* A created code clears the fields for the next one. */}
      <Fields key={state.success ?? 'new'} errors={state.fieldErrors ?? {}} />
      <button type="submit" disabled={pending} className={buttonClasses('primary')}>
        {pending && <Spinner />}
        {pending ? 'Creating…' : 'Create promotion code'}
      </button>
    </form>
  );
}

function Fields({ errors }: { errors: Record<string, string[] | undefined> }) {
  const [kind, setKind] = useState<'percent' | 'amount'>('percent');
  const [duration, setDuration] = useState<'once' | 'repeating' | 'forever'>('once');
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="promotion-code" label="Code" hint="What customers type, e.g. SPRING25." errors={errors.code}>
          {(control) => <input {...control} name="code" autoComplete="off" className={`${control.className} uppercase`} />}
        </Field>
        <Field id="promotion-name" label="Name (optional)" hint="Shown on invoices instead of the coupon id." errors={errors.name}>
          {(control) => <input {...control} name="name" autoComplete="off" />}
        </Field>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Discount</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          {(['percent', 'amount'] as const).map((value) => (
            <label key={value} className="flex items-center gap-2">
              <input type="radio" name="kind" value={value} checked={kind === value} onChange={() => setKind(value)} />
              {value === 'percent' ? 'Percent off' : 'Amount off'}
            </label>
          ))}
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          {kind === 'percent' ? (
            <Field id="promotion-percent" label="Percent off" errors={errors.percentOff}>
              {(control) => <input {...control} name="percentOff" inputMode="decimal" autoComplete="off" placeholder="20" />}
            </Field>
          ) : (
            <>
              <Field id="promotion-amount" label="Amount off" errors={errors.amountOff}>
                {(control) => <input {...control} name="amountOff" inputMode="decimal" autoComplete="off" placeholder="5.00" />}
              </Field>
              <Field id="promotion-currency" label="Currency" errors={errors.currency}>
                {(control) => <input {...control} name="currency" autoComplete="off" defaultValue="USD" className={`${control.className} uppercase`} maxLength={3} />}
              </Field>
            </>
          )}
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="promotion-duration" label="Applies to" errors={errors.duration}>
          {(control) => (
            <select {...control} name="duration" value={duration} onChange={(e) => setDuration(e.target.value as typeof duration)}>
              <option value="once">The first payment</option>
              <option value="repeating">A number of months</option>
              <option value="forever">Every payment</option>
            </select>
          )}
        </Field>
        {duration === 'repeating' && (
          <Field id="promotion-months" label="Months" errors={errors.durationInMonths}>
            {(control) => <input {...control} name="durationInMonths" inputMode="numeric" autoComplete="off" placeholder="3" />}
          </Field>
        )}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="promotion-max" label="Max redemptions (optional)" errors={errors.maxRedemptions}>
          {(control) => <input {...control} name="maxRedemptions" inputMode="numeric" autoComplete="off" />}
        </Field>
        <Field id="promotion-expires" label="Last day to redeem (optional)" hint="Ends at 23:59 UTC." errors={errors.expiresOn}>
          {(control) => <input {...control} name="expiresOn" type="date" />}
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" name="firstTimeOnly" />
        Only for a customer’s first purchase
      </label>
    </>
  );
}

