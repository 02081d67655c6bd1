'use client';
// Unexpected errors: a readable message with the id that appears in the server log.
import { StatusPage } from '@/components/status-page';
import { buttonClasses } from '@/components/ui/button-classes';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <StatusPage
      code="500"
      title="Something went wrong"
      action={
        <button type="button" onClick={reset} className={buttonClasses('primary')}>
          Try again
        </button>
      }
    >
      <p>The problem was on our side and has been logged.</p>
      {error.digest && <p className="mt-2 text-sm text-slate-500">Error id: {error.digest}</p>}
    </StatusPage>
  );
}
